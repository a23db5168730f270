package dev.legacykafka.client.network;

import dev.legacykafka.client.errors.LegacyKafkaException;

/** Told about connection events, on the network thread. */
public interface ConnectionListener {

    /**
     * The TCP connection is up. The listener runs whatever handshake the connection needs
     * (ApiVersions, SASL) with {@link NetworkClient#sendHandshake}, and calls
     * {@link NetworkClient#markReady} when it is done.
     */
    void onConnected(BrokerConnection connection, long nowMs);

    /** The connection closed or could not be opened; its in-flight requests have already failed. */
    void onDisconnected(BrokerNode node, LegacyKafkaException cause, long nowMs);
}
