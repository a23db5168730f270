package dev.legacykafka.client;

/**
 * A partition of a topic as the producer's metadata knows it.
 *
 * @param topic     the topic
 * @param partition the partition index
 * @param leaderId  node id of the leader, -1 while the partition has none
 * @param leader    the leader's {@code host:port}, or null while it has none or is not known
 */
public record PartitionInfo(String topic, int partition, int leaderId, String leader) {
}
