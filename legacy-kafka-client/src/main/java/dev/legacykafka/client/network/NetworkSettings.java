package dev.legacykafka.client.network;

/**
 * Network settings of a {@link NetworkClient}.
 *
 * @param connectTimeoutMs     how long a TCP connect may take
 * @param reconnectBackoffMs   first wait before reconnecting to a broker that failed
 * @param reconnectBackoffMaxMs the wait doubles per failure up to this bound
 * @param sendBufferBytes      socket send buffer, or -1 for the OS default
 * @param receiveBufferBytes   socket receive buffer, or -1 for the OS default
 * @param maxResponseBytes     largest response frame accepted; anything larger is a protocol error
 */
public record NetworkSettings(long connectTimeoutMs, long reconnectBackoffMs, long reconnectBackoffMaxMs,
                              int sendBufferBytes, int receiveBufferBytes, int maxResponseBytes) {

    /** Defaults close to kafka-clients': 10 s connect, 50 ms to 1 s backoff, 128 KiB send buffer. */
    public static NetworkSettings defaults() {
        return new NetworkSettings(10_000, 50, 1_000, 128 * 1024, 64 * 1024, 100 * 1024 * 1024);
    }
}
