package dev.legacykafka.client.partition;

import java.util.Objects;
import java.util.zip.CRC32;

/**
 * lua-resty-kafka's (and librdkafka's {@code consistent}) key partitioning: the unsigned zlib
 * CRC-32 of the key bytes modulo the partition count, without masking. An empty key hashes to 0
 * and so always lands on partition 0. Null keys go to the null-key strategy, by default a
 * {@link RoundRobinPartitioner} (lua-resty-kafka uses a per-producer counter).
 */
public final class Crc32Partitioner implements Partitioner {

    private final Partitioner nullKeyPartitioner;

    /** Partitions null keys with a {@link RoundRobinPartitioner}. */
    public Crc32Partitioner() {
        this(new RoundRobinPartitioner());
    }

    /** Partitions null keys with {@code nullKeyPartitioner}. */
    public Crc32Partitioner(Partitioner nullKeyPartitioner) {
        this.nullKeyPartitioner = Objects.requireNonNull(nullKeyPartitioner, "nullKeyPartitioner");
    }

    @Override
    public int partition(String topic, byte[] key, int numPartitions) {
        Partitioner.requirePartitions(numPartitions);
        if (key == null) {
            return nullKeyPartitioner.partition(topic, null, numPartitions);
        }
        return (int) (crc32(key) % numPartitions);
    }

    @Override
    public void onNewBatch(String topic, int previousPartition) {
        nullKeyPartitioner.onNewBatch(topic, previousPartition);
    }

    /** The unsigned zlib CRC-32 of {@code data}, as lua's {@code ngx.crc32_short} returns it. */
    public static long crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length);
        return crc.getValue();
    }
}
