package dev.legacykafka.client.partition;

import java.util.Objects;

/**
 * Kafka's Java client's key partitioning: murmur2 (seed {@code 0x9747b28c}) of the key bytes,
 * sign bit cleared, modulo the partition count. Records with the same key land on the same
 * partition as with kafka-clients. Null keys go to the null-key strategy, by default a
 * {@link StickyPartitioner}.
 */
public final class Murmur2Partitioner implements Partitioner {

    private static final int SEED = 0x9747b28c;
    private static final int M = 0x5bd1e995;
    private static final int R = 24;

    private final Partitioner nullKeyPartitioner;

    /** Partitions null keys with a {@link StickyPartitioner}. */
    public Murmur2Partitioner() {
        this(new StickyPartitioner());
    }

    /** Partitions null keys with {@code nullKeyPartitioner}. */
    public Murmur2Partitioner(Partitioner nullKeyPartitioner) {
        this.nullKeyPartitioner = Objects.requireNonNull(nullKeyPartitioner, "nullKeyPartitioner");
    }

    @Override
    public int partition(String topic, byte[] key, int numPartitions) {
        Partitioner.requirePartitions(numPartitions);
        if (key == null) {
            return nullKeyPartitioner.partition(topic, null, numPartitions);
        }
        return (murmur2(key) & 0x7fffffff) % numPartitions;
    }

    @Override
    public void onNewBatch(String topic, int previousPartition) {
        nullKeyPartitioner.onNewBatch(topic, previousPartition);
    }

    /** The 32-bit murmur2 hash of {@code data} with Kafka's seed. */
    public static int murmur2(byte[] data) {
        int length = data.length;
        int h = SEED ^ length;
        int whole = length & ~3;
        for (int i = 0; i < whole; i += 4) {
            int k = (data[i] & 0xff)
                    | (data[i + 1] & 0xff) << 8
                    | (data[i + 2] & 0xff) << 16
                    | (data[i + 3] & 0xff) << 24;
            k *= M;
            k ^= k >>> R;
            k *= M;
            h *= M;
            h ^= k;
        }
        // Fold in the one to three trailing bytes.
        int tail = length - whole;
        if (tail > 0) {
            if (tail == 3) {
                h ^= (data[whole + 2] & 0xff) << 16;
            }
            if (tail >= 2) {
                h ^= (data[whole + 1] & 0xff) << 8;
            }
            h ^= data[whole] & 0xff;
            h *= M;
        }
        h ^= h >>> 13;
        h *= M;
        h ^= h >>> 15;
        return h;
    }
}
