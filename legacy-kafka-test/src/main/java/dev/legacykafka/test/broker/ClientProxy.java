package dev.legacykafka.test.broker;

/**
 * The proxy in front of one broker's client listener: the seam where the fault proxy plugs in.
 * Until it exists, {@link LoopbackRelay} forwards bytes and can cut connections.
 */
interface ClientProxy extends AutoCloseable {

    /** Starts a proxy listening on 127.0.0.1:listenPort that forwards to 127.0.0.1:targetPort. */
    static ClientProxy start(int listenPort, int targetPort) {
        return LoopbackRelay.start(listenPort, targetPort);
    }

    int port();

    void cutConnections();

    @Override
    void close();
}
