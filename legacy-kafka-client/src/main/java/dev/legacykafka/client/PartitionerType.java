package dev.legacykafka.client;

/** How a record without an explicit partition gets one. */
public enum PartitionerType {
    /**
     * The partition kafka-clients picks for the same key and partition count (murmur2 of the
     * key bytes); records without a key stick to one partition per batch.
     */
    DEFAULT,
    /**
     * lua-resty-kafka's choice, for migrating users: zlib CRC-32 of the key bytes modulo the
     * partition count; records without a key go round-robin, an empty key always to partition 0.
     */
    CRC32,
    /** Every record to the next partition in turn, whatever its key. */
    ROUND_ROBIN
}
