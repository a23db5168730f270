package dev.legacykafka.client.partition;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ignores the key and spreads records over the partitions in turn, with one counter for the whole
 * producer (as lua-resty-kafka does for nil keys with its request counter). Used as the null-key
 * strategy of {@link Crc32Partitioner}, or on its own.
 */
public final class RoundRobinPartitioner implements Partitioner {

    private final AtomicInteger counter = new AtomicInteger();

    @Override
    public int partition(String topic, byte[] key, int numPartitions) {
        Partitioner.requirePartitions(numPartitions);
        // Masking keeps the sequence non-negative after the counter wraps.
        return (counter.getAndIncrement() & 0x7fffffff) % numPartitions;
    }
}
