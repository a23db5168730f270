package dev.legacykafka.client.network;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * TLS over a non-blocking socket with the JDK's {@link SSLEngine}. Encrypted bytes from the socket
 * collect in {@code netIn} until a whole TLS record can be decrypted into {@code appIn}; encrypted
 * bytes the socket did not take yet wait in {@code netOut}. Handshake tasks (certificate
 * checks) run inline on the network thread: they are short and happen once per connection.
 */
final class TlsTransport implements Transport {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    /** Decrypted bytes not yet handed out; in write mode (data in [0, position)). */
    private ByteBuffer appIn;
    private boolean handshakeStarted;
    private boolean handshakeDone;
    private int handshakeInterestOps = SelectionKey.OP_WRITE;

    TlsTransport(SocketChannel channel, SSLEngine engine) {
        this.channel = channel;
        this.engine = engine;
        int packetSize = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packetSize);
        this.netOut = ByteBuffer.allocate(packetSize);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    @Override
    public boolean handshake() throws IOException {
        if (handshakeDone) {
            return true;
        }
        if (!handshakeStarted) {
            engine.beginHandshake();
            handshakeStarted = true;
        }
        while (true) {
            if (!flush()) {
                handshakeInterestOps = SelectionKey.OP_WRITE;
                return false;
            }
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runDelegatedTasks();
                case NEED_WRAP -> wrap(EMPTY);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!unwrapOnce()) {
                        int read = channel.read(netIn);
                        if (read < 0) {
                            throw new EOFException("the broker closed the connection during the TLS handshake");
                        }
                        if (read == 0) {
                            handshakeInterestOps = SelectionKey.OP_READ;
                            return false;
                        }
                    }
                }
                default -> {
                    // FINISHED or NOT_HANDSHAKING: our last flight was flushed above.
                    handshakeDone = true;
                    return true;
                }
            }
        }
    }

    @Override
    public int handshakeInterestOps() {
        return handshakeInterestOps;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int total = 0;
        boolean endOfStream = false;
        while (dst.hasRemaining()) {
            if (appIn.position() > 0) {
                total += drainAppIn(dst);
                continue;
            }
            if (endOfStream) {
                break;
            }
            if (!unwrapOnce()) {
                int read = channel.read(netIn);
                if (read < 0) {
                    endOfStream = true;
                } else if (read == 0) {
                    break;
                }
            }
        }
        return total == 0 && endOfStream ? -1 : total;
    }

    /**
     * Decrypts at most one TLS record from {@code netIn} into {@code appIn}.
     *
     * @return false if {@code netIn} holds no whole record (read more from the socket)
     */
    private boolean unwrapOnce() throws IOException {
        netIn.flip();
        SSLEngineResult result;
        try {
            result = engine.unwrap(netIn, appIn);
        } finally {
            netIn.compact();
        }
        switch (result.getStatus()) {
            case BUFFER_UNDERFLOW -> {
                int needed = engine.getSession().getPacketBufferSize();
                if (netIn.capacity() < needed) {
                    netIn = grow(netIn, needed);
                }
                return false;
            }
            case BUFFER_OVERFLOW -> {
                // appIn still holds bytes, or the session wants a bigger buffer; either way make room.
                appIn = grow(appIn, appIn.position() + engine.getSession().getApplicationBufferSize());
                return true;
            }
            case CLOSED -> {
                if (!engine.isOutboundDone()) {
                    engine.closeOutbound();
                }
                throw new EOFException("the broker closed the TLS session");
            }
            default -> {
                // A post-handshake message (TLS 1.3 session ticket, key update) may need an answer.
                if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                    runDelegatedTasks();
                }
                if (handshakeDone && engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                    wrap(EMPTY);
                    flush();
                }
                return result.bytesConsumed() > 0 || result.bytesProduced() > 0;
            }
        }
    }

    private int drainAppIn(ByteBuffer dst) {
        appIn.flip();
        int count = Math.min(appIn.remaining(), dst.remaining());
        if (count == appIn.remaining()) {
            dst.put(appIn);
        } else {
            ByteBuffer slice = appIn.slice();
            slice.limit(count);
            dst.put(slice);
            appIn.position(appIn.position() + count);
        }
        appIn.compact();
        return count;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int taken = 0;
        while (src.hasRemaining() && flush()) {
            taken += wrap(src);
        }
        flush();
        return taken;
    }

    /** Encrypts from {@code src} into {@code netOut}; returns the bytes taken from {@code src}. */
    private int wrap(ByteBuffer src) throws IOException {
        SSLEngineResult result = engine.wrap(src, netOut);
        switch (result.getStatus()) {
            case BUFFER_OVERFLOW -> {
                int needed = engine.getSession().getPacketBufferSize();
                if (netOut.position() == 0 && netOut.capacity() < needed) {
                    netOut = grow(netOut, needed);
                } else if (netOut.position() == 0) {
                    throw new SSLException("TLS engine cannot wrap into " + netOut.capacity() + " bytes");
                }
                flush();
            }
            case CLOSED -> throw new SSLException("the TLS session is closed");
            default -> {
                if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                    runDelegatedTasks();
                }
            }
        }
        return result.bytesConsumed();
    }

    @Override
    public boolean flush() throws IOException {
        if (netOut.position() == 0) {
            return true;
        }
        netOut.flip();
        try {
            channel.write(netOut);
            return !netOut.hasRemaining();
        } finally {
            netOut.compact();
        }
    }

    @Override
    public boolean hasPendingOutput() {
        return netOut.position() > 0;
    }

    @Override
    public void close() {
        // No close_notify: the connection is abandoned (error, timeout or producer close), not negotiated down.
        engine.closeOutbound();
        NetworkClient.closeQuietly(channel);
    }

    private void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private static ByteBuffer grow(ByteBuffer buffer, int capacity) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(capacity, buffer.capacity()));
        buffer.flip();
        bigger.put(buffer);
        return bigger;
    }
}
