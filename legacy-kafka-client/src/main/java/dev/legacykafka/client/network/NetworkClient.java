package dev.legacykafka.client.network;

import dev.legacykafka.client.errors.AuthenticationException;
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
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;
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
    private final TransportFactory transports;
    private final ConnectionListener listener;
    private final LongSupplier clock;
    private final Selector selector;
    private final Map<Integer, BrokerConnection> connections = new HashMap<>();
    private final Map<Integer, ReconnectBackoff> backoffs = new HashMap<>();
    private final ArrayDeque<InFlightRequest> writtenWithoutResponse = new ArrayDeque<>();
    private final FramePool framePool = new FramePool();
    private int nextCorrelationId;

    /** A client of plain TCP connections. */
    public NetworkClient(NetworkSettings settings, ConnectionListener listener) {
        this(settings, TransportFactory.plaintext(), listener);
    }

    /** A client whose connections run over the transports {@code transports} creates (TCP or TLS). */
    public NetworkClient(NetworkSettings settings, TransportFactory transports, ConnectionListener listener) {
        this(settings, transports, listener, NetworkClient::nowMs);
    }

    /**
     * Like {@link #NetworkClient(NetworkSettings, TransportFactory, ConnectionListener)}, with the
     * clock {@link #poll} and {@link #closeAll} read the time from: monotonic milliseconds,
     * {@link #nowMs()} unless a test drives the time itself. The {@code nowMs} a caller passes to
     * the other methods must come from the same clock.
     */
    public NetworkClient(NetworkSettings settings, TransportFactory transports, ConnectionListener listener,
                         LongSupplier clock) {
        this.settings = settings;
        this.transports = transports;
        this.listener = listener;
        this.clock = clock;
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
                && connection.sessionEndMs() > nowMs
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
            BrokerConnection connection = new BrokerConnection(node, channel, transports.create(channel, node), key,
                    settings.maxResponseBytes(), nowMs + settings.connectTimeoutMs());
            key.attach(connection);
            connections.put(node.id(), connection);
            log.debug("Connecting to broker {}", node);
            if (connected) {
                onConnected(connection, nowMs);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            recordFailure(node.id(), false, nowMs);
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
        return enqueue(connection, apiKey, apiVersion, expectResponse, encoder, handler, timeoutMs, false, nowMs);
    }

    /** Queues a handshake request (ApiVersions, SASL) on a connection that is not ready yet. */
    public int sendHandshake(BrokerConnection connection, short apiKey, short apiVersion, FrameEncoder encoder,
                             ResponseHandler handler, long timeoutMs, long nowMs) {
        return handshake(connection, apiKey, apiVersion, encoder, handler, timeoutMs, false, nowMs);
    }

    /**
     * Queues a handshake request a broker may skip without a word: Kafka 0.9 ignores ApiVersions and
     * answers the next request on the connection. When the answer to a later request arrives while
     * this one is still unanswered, this one fails with {@link SkippedRequestException} and the
     * stream stays in step.
     */
    public int sendSkippableHandshake(BrokerConnection connection, short apiKey, short apiVersion, FrameEncoder encoder,
                                      ResponseHandler handler, long timeoutMs, long nowMs) {
        return handshake(connection, apiKey, apiVersion, encoder, handler, timeoutMs, true, nowMs);
    }

    private int handshake(BrokerConnection connection, short apiKey, short apiVersion, FrameEncoder encoder,
                          ResponseHandler handler, long timeoutMs, boolean skippable, long nowMs) {
        if (connection.state() != BrokerConnection.State.HANDSHAKE) {
            throw new IllegalStateException("Connection is not in its handshake: " + connection);
        }
        return enqueue(connection, apiKey, apiVersion, true, encoder, handler, timeoutMs, skippable, nowMs);
    }

    /**
     * Queues a bare SASL token (the framing after SaslHandshake v0): a size prefix and the token,
     * no request header; the broker answers with a bare token, handed to {@code handler} as it is.
     */
    public void sendRawHandshakeToken(BrokerConnection connection, byte[] token, ResponseHandler handler, long timeoutMs,
                                      long nowMs) {
        if (connection.state() != BrokerConnection.State.HANDSHAKE) {
            throw new IllegalStateException("Connection is not in its handshake: " + connection);
        }
        ByteBuffer frame = ByteBuffer.allocate(4 + token.length).putInt(token.length).put(token).flip();
        enqueue(connection, new InFlightRequest(-1, (short) -1, (short) 0, true, handler, frame, nowMs,
                saturatedAdd(nowMs, timeoutMs), true), nowMs);
    }

    /**
     * Ends a connection's handshake: from now on it takes ordinary requests, and the broker's
     * reconnect backoff starts over.
     */
    public void markReady(BrokerConnection connection) {
        if (connection.state() == BrokerConnection.State.HANDSHAKE) {
            connection.markReady();
            backoffs.remove(connection.node().id());
        }
    }

    /**
     * The broker ends the connection's SASL session after {@code lifetimeMs} (KIP-368). Instead of
     * re-authenticating, the connection takes no new requests from a little before then and is
     * closed once its requests are answered; the next connection authenticates afresh.
     */
    public void limitSession(BrokerConnection connection, long lifetimeMs, long nowMs) {
        if (lifetimeMs > 0) {
            // Between 80 and 90 % of the lifetime, so many connections do not all reconnect at once.
            connection.sessionEndMs(nowMs + (long) (lifetimeMs * (0.8 + 0.1 * Math.random())));
        }
    }

    private int enqueue(BrokerConnection connection, short apiKey, short apiVersion, boolean expectResponse,
                        FrameEncoder encoder, ResponseHandler handler, long timeoutMs, boolean skippable, long nowMs) {
        int correlationId = nextCorrelationId;
        // Correlation ids stay non-negative so a garbled negative id is never mistaken for ours.
        nextCorrelationId = nextCorrelationId == Integer.MAX_VALUE ? 0 : nextCorrelationId + 1;
        ByteBuffer frame = encoder.encode(correlationId);
        InFlightRequest request = new InFlightRequest(correlationId, apiKey, apiVersion, expectResponse, handler, frame,
                nowMs, saturatedAdd(nowMs, timeoutMs), false);
        request.skippable = skippable;
        enqueue(connection, request, nowMs);
        return correlationId;
    }

    private void enqueue(BrokerConnection connection, InFlightRequest request, long nowMs) {
        connection.enqueue(request);
        try {
            connection.write(writtenWithoutResponse, framePool);
            updateInterest(connection);
        } catch (IOException e) {
            close(connection, new NetworkException("Write to broker " + connection.node() + " failed: " + describe(e), e), nowMs);
        }
        completeWrittenWithoutResponse(nowMs);
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
        long nowMs = clock.getAsLong();
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
        nowMs = clock.getAsLong();
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
            } else if (connection.state() == BrokerConnection.State.TLS_HANDSHAKE) {
                continueTlsHandshake(connection, nowMs);
                return;
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
        } catch (SSLException e) {
            close(connection, tlsFailure(connection, e), nowMs);
        } catch (EOFException e) {
            if (connection.state() == BrokerConnection.State.TLS_HANDSHAKE) {
                close(connection, new NetworkException("Broker " + connection.node() + " closed the connection during the "
                        + "TLS handshake; is this a TLS listener (SSL or SASL_SSL)?"), nowMs);
                return;
            }
            close(connection, new NetworkException("Broker " + connection.node() + " closed the connection"
                    + (connection.inFlightCount() > 0 ? " with " + connection.inFlightCount() + " request(s) in flight" : "")), nowMs);
        } catch (IOException e) {
            close(connection, new NetworkException("I/O error on the connection to broker " + connection.node() + ": "
                    + describe(e), e), nowMs);
        } catch (ProtocolException e) {
            close(connection, e, nowMs);
        }
    }

    private void onConnected(BrokerConnection connection, long nowMs) throws IOException {
        log.debug("Connected to broker {}", connection.node());
        // A plain transport's handshake is done at once; TLS takes some round trips.
        connection.state(BrokerConnection.State.TLS_HANDSHAKE);
        continueTlsHandshake(connection, nowMs);
    }

    private void continueTlsHandshake(BrokerConnection connection, long nowMs) throws IOException {
        if (connection.transport().handshake()) {
            log.debug("TLS handshake with broker {} done", connection.node());
            startHandshake(connection, nowMs);
        } else {
            updateInterest(connection);
        }
    }

    private void startHandshake(BrokerConnection connection, long nowMs) {
        connection.state(BrokerConnection.State.HANDSHAKE);
        updateInterest(connection);
        listener.onConnected(connection, nowMs);
    }

    /** What a refused TLS session means to the user: the certificate, the host name, or a client certificate. */
    private static AuthenticationException tlsFailure(BrokerConnection connection, SSLException e) {
        String during = connection.state() == BrokerConnection.State.TLS_HANDSHAKE ? "TLS handshake with broker "
                : "TLS session with broker ";
        return new AuthenticationException(during + connection.node() + " failed: " + describe(e) + tlsHint(describe(e)), e);
    }

    private static String tlsHint(String reason) {
        if (reason.contains("PKIX") || reason.contains("certification path")) {
            return " (the broker's certificate is not signed by a CA the producer trusts: check the trust settings)";
        }
        if (reason.contains("subject alternative") || reason.contains("No name matching")) {
            return " (the broker's certificate does not name the host the producer connected to: fix the certificate, "
                    + "connect by a name it carries, or turn hostname verification off)";
        }
        if (reason.contains("bad_certificate") || reason.contains("certificate_required") || reason.contains("unknown_ca")) {
            return " (the broker refused the producer's client certificate, or got none: check the key settings)";
        }
        return "";
    }

    private void readResponses(BrokerConnection connection, long nowMs) throws IOException {
        ByteBuffer frame;
        while (connection.state() != BrokerConnection.State.CLOSED && (frame = connection.readFrame()) != null) {
            InFlightRequest request = connection.peekAwaiting();
            if (request != null && request.raw) {
                connection.pollAwaiting();
                request.handler.onResponse(frame, nowMs);
                continue;
            }
            int correlationId = frame.getInt(frame.position());
            InFlightRequest next = connection.peekSecondAwaiting();
            if (request != null && request.skippable && request.correlationId != correlationId
                    && next != null && next.correlationId == correlationId) {
                connection.pollAwaiting();
                request.handler.onFailure(new SkippedRequestException("Broker " + connection.node() + " skipped " + request
                        + " and answered the request after it"), nowMs);
                request = next;
            }
            if (request == null || request.correlationId != correlationId) {
                throw new ProtocolException("Broker " + connection.node() + " sent a response with correlation id "
                        + correlationId + " but the oldest request awaiting a response is "
                        + (request == null ? "none" : request.toString()));
            }
            connection.pollAwaiting();
            try {
                request.handler.onResponse(frame, nowMs);
            } catch (RuntimeException e) {
                // A handler that cannot read its response (or fails on it) still gets to settle its request.
                ProtocolException cause = new ProtocolException((e instanceof ProtocolException ? "Could not parse"
                        : "Could not handle") + " the response to " + request + " from broker " + connection.node() + ": "
                        + e.getMessage(), e);
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
            if (isConnecting(connection) && nowMs >= connection.connectDeadlineMs()) {
                close(connection, new NetworkException((connection.state() == BrokerConnection.State.CONNECTING
                        ? "Connecting to broker " : "The TLS handshake with broker ") + connection.node() + " timed out after "
                        + settings.connectTimeoutMs() + " ms (connect-timeout)"), nowMs);
            } else if (connection.sessionEndMs() <= nowMs && connection.inFlightCount() == 0) {
                log.debug("SASL session with broker {} is about to end; closing the idle connection", connection.node());
                close(connection, new NetworkException("The SASL session with broker " + connection.node() + " ended"),
                        false, nowMs);
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
            earliest = Math.min(earliest, isConnecting(connection)
                    ? connection.connectDeadlineMs() : connection.earliestDeadlineMs());
        }
        return earliest == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, earliest - nowMs);
    }

    /** TCP connect and TLS handshake share the connect timeout. */
    private static boolean isConnecting(BrokerConnection connection) {
        return connection.state() == BrokerConnection.State.CONNECTING
                || connection.state() == BrokerConnection.State.TLS_HANDSHAKE;
    }

    private void updateInterest(BrokerConnection connection) {
        SelectionKey key = connection.key();
        if (!key.isValid()) {
            return;
        }
        int ops;
        if (connection.state() == BrokerConnection.State.CONNECTING) {
            ops = SelectionKey.OP_CONNECT;
        } else if (connection.state() == BrokerConnection.State.TLS_HANDSHAKE) {
            ops = connection.transport().handshakeInterestOps();
        } else {
            ops = SelectionKey.OP_READ | (connection.hasPendingWrites() ? SelectionKey.OP_WRITE : 0);
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    private void close(BrokerConnection connection, LegacyKafkaException cause, long nowMs) {
        close(connection, cause, true, nowMs);
    }

    private void close(BrokerConnection connection, LegacyKafkaException cause, boolean failure, long nowMs) {
        if (connection.state() == BrokerConnection.State.CLOSED) {
            return;
        }
        boolean wasReady = connection.state() == BrokerConnection.State.READY;
        connection.state(BrokerConnection.State.CLOSED);
        connections.remove(connection.node().id(), connection);
        connection.key().cancel();
        connection.transport().close();
        if (failure) {
            recordFailure(connection.node().id(), cause instanceof AuthenticationException, nowMs);
        }
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

    /**
     * Makes the next connection attempt to a node wait the longest backoff, after an
     * authentication failure that reached the caller as a plain disconnect (Kafka 0.10 SASL).
     */
    public void backOffAfterAuthenticationFailure(int nodeId, long nowMs) {
        recordFailure(nodeId, true, nowMs);
    }

    private void recordFailure(int nodeId, boolean authenticationFailed, long nowMs) {
        ReconnectBackoff backoff = backoffs.computeIfAbsent(nodeId, id -> new ReconnectBackoff());
        backoff.failures++;
        // Refused credentials or certificates will not get better in 50 ms: wait the longest backoff at once.
        long delay = authenticationFailed ? settings.reconnectBackoffMaxMs() : Math.min(settings.reconnectBackoffMaxMs(),
                settings.reconnectBackoffMs() << Math.min(20, backoff.failures - 1));
        // Jitter spreads reconnects of many producers to one recovering broker.
        delay = (long) (delay * (0.8 + 0.4 * Math.random()));
        backoff.nextAttemptMs = nowMs + delay;
    }

    /** Closes every connection, failing what is still in flight with {@code cause}. */
    public void closeAll(LegacyKafkaException cause) {
        long nowMs = clock.getAsLong();
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

    static void closeQuietly(SocketChannel channel) {
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
