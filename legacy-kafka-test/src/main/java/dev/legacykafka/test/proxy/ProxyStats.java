package dev.legacykafka.test.proxy;

/**
 * A snapshot of what a {@link FaultProxy} has done since it started.
 *
 * @param connectionsAccepted client connections accepted, refused ones included
 * @param connectionsOpen client connections open at the moment of the snapshot
 * @param requestsForwarded request frames written to the broker
 * @param responsesDropped responses swallowed by {@link FaultProxy#dropResponses} or
 *     {@link FaultProxy#dropResponsesSilently} (not the responses a blackhole or a silent
 *     connection swallows afterwards)
 * @param bytesUp bytes written to brokers, size prefixes included
 * @param bytesDown bytes written to clients, size prefixes included
 */
public record ProxyStats(
        long connectionsAccepted,
        int connectionsOpen,
        long requestsForwarded,
        long responsesDropped,
        long bytesUp,
        long bytesDown) {
}
