package dev.legacykafka.client.network;

import dev.legacykafka.client.errors.LegacyKafkaException;
import dev.legacykafka.client.errors.NetworkException;
import dev.legacykafka.client.errors.ProtocolException;
import dev.legacykafka.client.errors.TimeoutException;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Non-blocking connections to brokers driven by one selector, on one thread (the producer's
 * network thread); only {@link #wakeup()} may be called from other threads.
 *
 * <p>Requests on a connection are answered in the order they were sent, so each response must
 * carry the correlation id of the oldest request awaiting one. Anything else, a frame of
 * impossible size, or a response its handler cannot parse, closes the connection and fails all
 * its requests: a connection never reads past a response it did not understand.
 */
public final class NetworkClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NetworkClient.class);

    private final NetworkSettings settings;
    private final ConnectionListener listener;
    private final Selector selector;
    private final Map<Integer, BrokerConnection> connections = new HashMap<>();
    private final Map<Integer, ReconnectBackoff> backoffs = new HashMap<>();
    private final ArrayDeque<InFlightRequest> writtenWithoutResponse = new ArrayDeque<>();
    private final FramePool framePool = new FramePool();
    private int nextCorrelationId;

    public NetworkClient(NetworkSettings settings, ConnectionListener listener) {
        this.settings = settings;
        this.listener = listener;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new NetworkException("Could not open a selector", e);
        }
    }

    /** Monotonic milliseconds, the clock of every deadline here. */
    public static long nowMs() {
        return System.nanoTime() / 1_000_000L;
    }

    /** Interrupts a blocking {@link #poll}; safe from any thread. */
    public void wakeup() {
        selector.wakeup();
    }

    /** The connection to a node, or null if there is none. */
    public BrokerConnection connection(int nodeId) {
        return connections.get(nodeId);
    }

    /** Whether requests may be sent to the node now: connected, handshake done, not throttled, below maxInFlight. */
    public boolean isReady(int nodeId, int maxInFlight, long nowMs) {
        BrokerConnection connection = connections.get(nodeId);
        return connection != null
                && connection.state() == BrokerConnection.State.READY
                && connection.throttledUntilMs() <= nowMs
                && connection.inFlightCount() < maxInFlight;
    }

    /** How long until a new connection attempt to the node is allowed (0 if now). */
    public long reconnectDelayMs(int nodeId, long nowMs) {
        ReconnectBackoff backoff = backoffs.get(nodeId);
        return backoff == null ? 0 : Math.max(0, backoff.nextAttemptMs - nowMs);
    }

    /**
     * Starts connecting to the node unless a connection exists or the reconnect backoff is running.
     *
     * @return true if a connection exists or was started
     */
    public boolean maybeConnect(BrokerNode node, long nowMs) {
        BrokerConnection existing = connections.get(node.id());
        if (existing != null) {
            return true;
        }
        if (reconnectDelayMs(node.id(), nowMs) > 0) {
            return false;
        }
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            if (settings.sendBufferBytes() > 0) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, settings.sendBufferBytes());
            }
            if (settings.receiveBufferBytes() > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, settings.receiveBufferBytes());
            }
            InetSocketAddress address = new InetSocketAddress(node.host(), node.port());
            if (address.isUnresolved()) {
                throw new IOException("cannot resolve host " + node.host());
            }
            boolean connected = channel.connect(address);
            SelectionKey key = channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT);
            BrokerConnection connection = new BrokerConnection(node, channel, key, settings.maxResponseBytes(),
                    nowMs + settings.connectTimeoutMs());
            key.attach(connection);
            connections.put(node.id(), connection);
            log.debug("Connecting to broker {}", node);
            if (connected) {
                onConnected(connection, nowMs);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            recordFailure(node.id(), nowMs);
            NetworkException cause = new NetworkException("Could not connect to broker " + node + ": " + describe(e), e);
            log.warn("{}", cause.getMessage());
            listener.onDisconnected(node, cause, nowMs);
            return false;
        }
    }

    /**
     * Queues an ordinary request. The caller must have checked {@link #isReady}.
     *
     * @return the correlation id used
     */
    public int send(int nodeId, short apiKey, short apiVersion, boolean expectResponse, FrameEncoder encoder,
                    ResponseHandler handler, long timeoutMs, long nowMs) {
        BrokerConnection connection = connections.get(nodeId);
        if (connection == null || connection.state() != BrokerConnection.State.READY) {
            throw new IllegalStateException("No ready connection to node " + nodeId);
        }
        return enqueue(connection, apiKey, apiVersion, expectResponse, encoder, handler, timeoutMs, nowMs);
    }

    /** Queues a handshake request (ApiVersions, SASL) on a connection that is not ready yet. */
    public int sendHandshake(BrokerConnection connection, short apiKey, short apiVersion, FrameEncoder encoder,
                             ResponseHandler handler, long timeoutMs, long nowMs) {
        if (connection.state() != BrokerConnection.State.HANDSHAKE) {
            throw new IllegalStateException("Connection is not in its handshake: " + connection);
        }
        return enqueue(connection, apiKey, apiVersion, true, encoder, handler, timeoutMs, nowMs);
    }

    private int enqueue(BrokerConnection connection, short apiKey, short apiVersion, boolean expectResponse,
                        FrameEncoder encoder, ResponseHandler handler, long timeoutMs, long nowMs) {
        int correlationId = nextCorrelationId;
        // Correlation ids stay non-negative so a garbled negative id is never mistaken for ours.
        nextCorrelationId = nextCorrelationId == Integer.MAX_VALUE ? 0 : nextCorrelationId + 1;
        ByteBuffer frame = encoder.encode(correlationId);
        connection.enqueue(new InFlightRequest(correlationId, apiKey, apiVersion, expectResponse, handler, frame,
                nowMs, saturatedAdd(nowMs, timeoutMs)));
        try {
            connection.write(writtenWithoutResponse, framePool);
            updateInterest(connection);
        } catch (IOException e) {
            close(connection, new NetworkException("Write to broker " + connection.node() + " failed: " + describe(e), e), nowMs);
        }
        completeWrittenWithoutResponse(nowMs);
        return correlationId;
    }

    /**
     * A reusable direct buffer for a request frame of {@code size} bytes (limit = size); it goes
     * back to the pool once written. Network thread only.
     */
    public ByteBuffer acquireFrame(int size) {
        return framePool.acquire(size);
    }

    /** Tells the client the broker asked for no requests until {@code untilMs}. */
    public void throttle(int nodeId, long untilMs) {
        BrokerConnection connection = connections.get(nodeId);
        if (connection != null) {
            connection.throttleUntil(untilMs);
        }
    }

    /** Closes the connection to a node, failing its requests with {@code cause}. */
    public void disconnect(int nodeId, LegacyKafkaException cause, long nowMs) {
        BrokerConnection connection = connections.get(nodeId);
        if (connection != null) {
            close(connection, cause, nowMs);
        }
    }

    /** All current connections. */
    public List<BrokerConnection> connections() {
        return new ArrayList<>(connections.values());
    }

    /**
     * Does the I/O that is due: finishes connects, writes, reads and dispatches responses, and
     * expires requests and connects past their deadlines. Blocks at most {@code timeoutMs}.
     */
    public void poll(long timeoutMs) {
        long nowMs = nowMs();
        long wait = Math.min(timeoutMs, untilNextDeadline(nowMs));
        try {
            if (wait <= 0) {
                selector.selectNow();
            } else {
                selector.select(wait);
            }
        } catch (IOException e) {
            throw new NetworkException("Selector failed", e);
        }
        nowMs = nowMs();
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            BrokerConnection connection = (BrokerConnection) key.attachment();
            if (connection == null || connection.state() == BrokerConnection.State.CLOSED || !key.isValid()) {
                continue;
            }
            handleReady(connection, key, nowMs);
        }
        expire(nowMs);
    }

    private void handleReady(BrokerConnection connection, SelectionKey key, long nowMs) {
        try {
            if (key.isConnectable()) {
                if (!connection.channel().finishConnect()) {
                    return;
                }
                onConnected(connection, nowMs);
            }
            if (connection.state() != BrokerConnection.State.CLOSED && key.isValid() && key.isWritable()) {
                connection.write(writtenWithoutResponse, framePool);
                completeWrittenWithoutResponse(nowMs);
            }
            if (connection.state() != BrokerConnection.State.CLOSED && key.isValid() && key.isReadable()) {
                readResponses(connection, nowMs);
            }
            if (connection.state() != BrokerConnection.State.CLOSED) {
                updateInterest(connection);
            }
        } catch (EOFException e) {
            close(connection, new NetworkException("Broker " + connection.node() + " closed the connection"
                    + (connection.inFlightCount() > 0 ? " with " + connection.inFlightCount() + " request(s) in flight" : "")), nowMs);
        } catch (IOException e) {
            close(connection, new NetworkException("I/O error on the connection to broker " + connection.node() + ": "
                    + describe(e), e), nowMs);
        } catch (ProtocolException e) {
            close(connection, e, nowMs);
        }
    }

    private void onConnected(BrokerConnection connection, long nowMs) {
        connection.state(BrokerConnection.State.HANDSHAKE);
        backoffs.remove(connection.node().id());
        updateInterest(connection);
        log.debug("Connected to broker {}", connection.node());
        listener.onConnected(connection, nowMs);
    }

    private void readResponses(BrokerConnection connection, long nowMs) throws IOException {
        ByteBuffer frame;
        while (connection.state() != BrokerConnection.State.CLOSED && (frame = connection.readFrame()) != null) {
            int correlationId = frame.getInt(frame.position());
            InFlightRequest request = connection.peekAwaiting();
            if (request == null || request.correlationId != correlationId) {
                throw new ProtocolException("Broker " + connection.node() + " sent a response with correlation id "
                        + correlationId + " but the oldest request awaiting a response is "
                        + (request == null ? "none" : request.toString()));
            }
            connection.pollAwaiting();
            try {
                request.handler.onResponse(frame, nowMs);
            } catch (ProtocolException e) {
                ProtocolException cause = new ProtocolException("Could not parse the response to " + request + " from broker "
                        + connection.node() + ": " + e.getMessage(), e);
                request.handler.onFailure(cause, nowMs);
                throw cause;
            }
        }
    }

    private void completeWrittenWithoutResponse(long nowMs) {
        InFlightRequest request;
        while ((request = writtenWithoutResponse.pollFirst()) != null) {
            request.handler.onResponse(null, nowMs);
        }
    }

    private void expire(long nowMs) {
        for (BrokerConnection connection : new ArrayList<>(connections.values())) {
            if (connection.state() == BrokerConnection.State.CONNECTING && nowMs >= connection.connectDeadlineMs()) {
                close(connection, new NetworkException("Connecting to broker " + connection.node() + " timed out after "
                        + settings.connectTimeoutMs() + " ms"), nowMs);
            } else if (connection.earliestDeadlineMs() <= nowMs) {
                // The broker may still answer later, but then the stream would be out of step; a new connection is safer.
                close(connection, new TimeoutException("Broker " + connection.node()
                        + " did not answer within the request timeout", true), nowMs);
            }
        }
    }

    private long untilNextDeadline(long nowMs) {
        long earliest = Long.MAX_VALUE;
        for (BrokerConnection connection : connections.values()) {
            earliest = Math.min(earliest, connection.state() == BrokerConnection.State.CONNECTING
                    ? connection.connectDeadlineMs() : connection.earliestDeadlineMs());
        }
        return earliest == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, earliest - nowMs);
    }

    private void updateInterest(BrokerConnection connection) {
        SelectionKey key = connection.key();
        if (!key.isValid()) {
            return;
        }
        int ops;
        if (connection.state() == BrokerConnection.State.CONNECTING) {
            ops = SelectionKey.OP_CONNECT;
        } else {
            ops = SelectionKey.OP_READ | (connection.hasPendingWrites() ? SelectionKey.OP_WRITE : 0);
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    private void close(BrokerConnection connection, LegacyKafkaException cause, long nowMs) {
        if (connection.state() == BrokerConnection.State.CLOSED) {
            return;
        }
        boolean wasReady = connection.state() == BrokerConnection.State.READY;
        connection.state(BrokerConnection.State.CLOSED);
        connections.remove(connection.node().id(), connection);
        connection.key().cancel();
        closeQuietly(connection.channel());
        recordFailure(connection.node().id(), nowMs);
        List<InFlightRequest> pending = connection.drainAll(framePool);
        if (pending.isEmpty() || !wasReady) {
            // A failed handshake is reported by whoever ran it, with more context.
            log.debug("Connection to broker {} closed: {}", connection.node(), cause.getMessage());
        } else {
            log.warn("Connection to broker {} closed with {} request(s) pending: {}", connection.node(), pending.size(),
                    cause.getMessage());
        }
        for (InFlightRequest request : pending) {
            request.handler.onFailure(cause, nowMs);
        }
        listener.onDisconnected(connection.node(), cause, nowMs);
    }

    private void recordFailure(int nodeId, long nowMs) {
        ReconnectBackoff backoff = backoffs.computeIfAbsent(nodeId, id -> new ReconnectBackoff());
        backoff.failures++;
        long delay = Math.min(settings.reconnectBackoffMaxMs(),
                settings.reconnectBackoffMs() << Math.min(20, backoff.failures - 1));
        // Jitter spreads reconnects of many producers to one recovering broker.
        delay = (long) (delay * (0.8 + 0.4 * Math.random()));
        backoff.nextAttemptMs = nowMs + delay;
    }

    /** Closes every connection, failing what is still in flight with {@code cause}. */
    public void closeAll(LegacyKafkaException cause) {
        long nowMs = nowMs();
        for (BrokerConnection connection : new ArrayList<>(connections.values())) {
            close(connection, cause, nowMs);
        }
    }

    @Override
    public void close() {
        closeAll(new NetworkException("Network client closed"));
        try {
            selector.close();
        } catch (IOException e) {
            log.debug("Closing the selector failed", e);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing more can be done with a socket that fails to close.
            }
        }
    }

    private static final class ReconnectBackoff {
        int failures;
        long nextAttemptMs;
    }
}
