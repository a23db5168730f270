package dev.legacykafka.client.network;

import dev.legacykafka.client.errors.ProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * One TCP connection to one broker: the frames waiting to be written, the requests waiting for
 * their responses (in send order, as Kafka answers in order), and the frame being read.
 * Used by the network thread only.
 */
public final class BrokerConnection {

    /** Where the connection is in its life. */
    public enum State {
        /** TCP connect in progress. */
        CONNECTING,
        /** TCP is up; the transport's own handshake (TLS) is running. */
        TLS_HANDSHAKE,
        /** TCP is up; the handshake (ApiVersions, SASL) is running. */
        HANDSHAKE,
        /** Ready for requests. */
        READY,
        /** Closed; requests fail. */
        CLOSED
    }

    private final BrokerNode node;
    private final SocketChannel channel;
    private final Transport transport;
    private final SelectionKey key;
    private final int maxResponseSize;
    private final long connectDeadlineMs;

    private final ArrayDeque<InFlightRequest> toWrite = new ArrayDeque<>();
    private final ArrayDeque<InFlightRequest> awaitingResponse = new ArrayDeque<>();
    private final ByteBuffer sizeBuffer = ByteBuffer.allocate(4);
    private ByteBuffer frameBuffer;
    private State state = State.CONNECTING;
    private long throttledUntilMs;
    private long sessionEndMs = Long.MAX_VALUE;

    BrokerConnection(BrokerNode node, SocketChannel channel, Transport transport, SelectionKey key, int maxResponseSize,
                     long connectDeadlineMs) {
        this.node = node;
        this.channel = channel;
        this.transport = transport;
        this.key = key;
        this.maxResponseSize = maxResponseSize;
        this.connectDeadlineMs = connectDeadlineMs;
    }

    /** The broker at the other end. */
    public BrokerNode node() {
        return node;
    }

    /** Current state. */
    public State state() {
        return state;
    }

    /** Ends the handshake; {@link NetworkClient#markReady} is the way in. */
    void markReady() {
        if (state == State.HANDSHAKE) {
            state = State.READY;
        }
    }

    /** Requests written or queued and not yet answered. */
    public int inFlightCount() {
        return toWrite.size() + awaitingResponse.size();
    }

    /** Until when the broker asked us not to send (KIP-219 throttling), in monotonic millis. */
    public long throttledUntilMs() {
        return throttledUntilMs;
    }

    void throttleUntil(long untilMs) {
        throttledUntilMs = Math.max(throttledUntilMs, untilMs);
    }

    /** When the connection stops taking new requests because its SASL session ends, in monotonic millis. */
    long sessionEndMs() {
        return sessionEndMs;
    }

    void sessionEndMs(long endMs) {
        sessionEndMs = endMs;
    }

    long connectDeadlineMs() {
        return connectDeadlineMs;
    }

    SocketChannel channel() {
        return channel;
    }

    Transport transport() {
        return transport;
    }

    SelectionKey key() {
        return key;
    }

    void state(State newState) {
        state = newState;
    }

    void enqueue(InFlightRequest request) {
        toWrite.addLast(request);
    }

    boolean hasPendingWrites() {
        return !toWrite.isEmpty() || transport.hasPendingOutput();
    }

    /**
     * Writes as much as the socket takes. Requests fully written move to the awaiting queue, or,
     * when they expect no response, are added to {@code writtenWithoutResponse}.
     */
    void write(ArrayDeque<InFlightRequest> writtenWithoutResponse, FramePool framePool) throws IOException {
        if (!transport.flush()) {
            return;
        }
        while (!toWrite.isEmpty()) {
            InFlightRequest head = toWrite.peekFirst();
            transport.write(head.frame);
            if (head.frame.hasRemaining()) {
                return;
            }
            toWrite.pollFirst();
            framePool.release(head.frame);
            if (head.expectResponse) {
                awaitingResponse.addLast(head);
            } else {
                writtenWithoutResponse.addLast(head);
            }
        }
    }

    /**
     * Reads whatever the socket has. Returns the next complete response frame (without its size
     * prefix), or {@code null} if none is complete yet; call again until it returns null.
     *
     * @throws java.io.EOFException if the broker closed the connection
     * @throws ProtocolException if a frame's size is impossible
     */
    ByteBuffer readFrame() throws IOException {
        if (frameBuffer == null) {
            if (transport.read(sizeBuffer) < 0) {
                throw new java.io.EOFException("connection closed by the broker");
            }
            if (sizeBuffer.hasRemaining()) {
                return null;
            }
            sizeBuffer.flip();
            int size = sizeBuffer.getInt();
            sizeBuffer.clear();
            InFlightRequest oldest = awaitingResponse.peekFirst();
            // A raw SASL token (after SaslHandshake v0) has no header and may be empty.
            int minSize = oldest != null && oldest.raw ? 0 : 4;
            if (size < minSize || size > maxResponseSize) {
                throw new ProtocolException("Response frame of " + size + " bytes from broker " + node
                        + " is impossible (allowed " + minSize + ".." + maxResponseSize + ")" + tlsHint(size));
            }
            frameBuffer = ByteBuffer.allocate(size);
        }
        if (transport.read(frameBuffer) < 0) {
            throw new java.io.EOFException("connection closed by the broker in the middle of a response");
        }
        if (frameBuffer.hasRemaining()) {
            return null;
        }
        ByteBuffer frame = frameBuffer.flip();
        frameBuffer = null;
        return frame;
    }

    /**
     * A TLS record starts with content type 21 (alert) or 22 (handshake) and version 3.x: a plain
     * client talking to a TLS listener reads such bytes as an absurd frame size.
     */
    private static String tlsHint(int size) {
        int contentType = size >>> 24;
        int major = (size >>> 16) & 0xff;
        return (contentType == 21 || contentType == 22) && major == 3
                ? "; the bytes look like a TLS record: is this an SSL or SASL_SSL listener (security.protocol)?" : "";
    }

    /** Removes and returns the oldest request awaiting a response, or null. */
    InFlightRequest pollAwaiting() {
        return awaitingResponse.pollFirst();
    }

    InFlightRequest peekAwaiting() {
        return awaitingResponse.peekFirst();
    }

    /** The request awaiting a response right after the oldest, or null. */
    InFlightRequest peekSecondAwaiting() {
        if (awaitingResponse.size() < 2) {
            return null;
        }
        java.util.Iterator<InFlightRequest> it = awaitingResponse.iterator();
        it.next();
        return it.next();
    }

    /** The earliest deadline of any request on this connection, or Long.MAX_VALUE. */
    long earliestDeadlineMs() {
        long earliest = Long.MAX_VALUE;
        // Timeouts differ by request (handshakes are shorter), so every request is looked at; there are few.
        for (InFlightRequest r : awaitingResponse) {
            earliest = Math.min(earliest, r.deadlineMs);
        }
        for (InFlightRequest r : toWrite) {
            earliest = Math.min(earliest, r.deadlineMs);
        }
        return earliest;
    }

    /** Takes every pending request out of the connection, oldest first; unwritten frames go back to the pool. */
    java.util.List<InFlightRequest> drainAll(FramePool framePool) {
        for (InFlightRequest unwritten : toWrite) {
            framePool.release(unwritten.frame);
        }
        java.util.List<InFlightRequest> all = new java.util.ArrayList<>(awaitingResponse.size() + toWrite.size());
        all.addAll(awaitingResponse);
        all.addAll(toWrite);
        awaitingResponse.clear();
        toWrite.clear();
        return all;
    }

    @Override
    public String toString() {
        return "connection to " + node + " [" + state + ", " + inFlightCount() + " in flight]";
    }
}
