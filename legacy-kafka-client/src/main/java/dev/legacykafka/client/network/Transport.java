package dev.legacykafka.client.network;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The byte stream under a {@link BrokerConnection}: plain TCP, or TLS on top of it. Non-blocking:
 * reads and writes take what the socket allows and return. Network thread only.
 */
interface Transport {

    /**
     * Advances the transport's own handshake (TLS); returns true once it is complete. A plain
     * transport is complete at once.
     *
     * @throws javax.net.ssl.SSLException if the peer or the local trust settings refuse the handshake
     * @throws java.io.EOFException if the broker closed the connection during the handshake
     */
    boolean handshake() throws IOException;

    /** The selector operations an unfinished {@link #handshake()} waits for. */
    int handshakeInterestOps();

    /**
     * Reads application bytes into {@code dst}. Before returning less than {@code dst.remaining()}
     * it has consumed everything already received, so nothing is left waiting without the selector
     * knowing.
     *
     * @return the bytes read, or -1 at the end of the stream when nothing was read
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Takes application bytes from {@code src} as far as the socket allows.
     *
     * @return the bytes taken from {@code src}
     */
    int write(ByteBuffer src) throws IOException;

    /**
     * Writes out bytes the transport holds (encrypted records not yet taken by the socket).
     *
     * @return true when nothing is left
     */
    boolean flush() throws IOException;

    /** Whether bytes wait in the transport for the socket to take them. */
    boolean hasPendingOutput();

    /** Closes the socket. */
    void close();
}
