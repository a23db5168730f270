package dev.legacykafka.client.protocol.message;

/**
 * Where a broker listens, as Metadata's brokers and Produce's NodeEndpoints (v10+) report it.
 *
 * @param nodeId the broker id
 * @param host   its host name
 * @param port   its port
 * @param rack   its rack, or null when none is assigned or the version does not carry it
 */
public record BrokerEndpoint(int nodeId, String host, int port, String rack) {
}
