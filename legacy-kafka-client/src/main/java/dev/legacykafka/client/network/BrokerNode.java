package dev.legacykafka.client.network;

/**
 * A broker the client can connect to. Bootstrap addresses get negative ids until a Metadata
 * response tells their real node ids.
 *
 * @param id   the broker's node id, or a negative id for a bootstrap address
 * @param host host name or address
 * @param port TCP port
 */
public record BrokerNode(int id, String host, int port) {

    /** {@code host:port}, as brokers are named in logs, errors and metric tags. */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return id < 0 ? address() : address() + " (id " + id + ")";
    }
}
