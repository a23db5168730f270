package dev.legacykafka.client;

/**
 * The position a consumer group reached in one partition, to commit inside a transaction
 * (consume-transform-produce).
 *
 * @param topic      the consumed topic
 * @param partition  the consumed partition
 * @param nextOffset the offset of the next record to consume (last consumed + 1)
 */
public record ConsumedOffset(String topic, int partition, long nextOffset) {
}
