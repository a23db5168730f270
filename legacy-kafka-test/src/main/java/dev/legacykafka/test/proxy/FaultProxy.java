package dev.legacykafka.test.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy in front of one Kafka listener that injects network faults on command, so tests can
 * script what a real network or broker does to a client:
 *
 * <ul>
 *   <li>{@link #cutConnections()} closes every open connection with a TCP reset, both sides at
 *       once: a broker restart or a network reset. New connections are accepted as usual.
 *   <li>{@link #refuseConnections(boolean)} accepts new connections and closes them at once: a
 *       broker that is down (the client sees EOF before any response). Open connections go on.
 *   <li>{@link #blackhole(boolean)} swallows every byte in both directions and keeps connections
 *       open: a partitioned host, where requests time out instead of failing. Connections that
 *       lived through a blackhole are closed when it ends (their byte streams lost data).
 *   <li>{@link #delay(Duration)} forwards every response frame that much later, in order: a slow
 *       broker or a congested network.
 *   <li>{@link #dropResponses(short, int)} forwards matching requests but swallows their responses
 *       and then closes the connection: a response lost after the broker acted (wrote the batch),
 *       so a retry is a duplicate unless the producer is idempotent.
 *       {@link #dropResponsesSilently(short, int)} keeps the connection open and silent instead,
 *       so the client hits its request timeout.
 * </ul>
 *
 * <p>The proxy listens on {@code 127.0.0.1}, connects to its target when a client connects, and
 * parses the stream into Kafka frames (4-byte big-endian size, then the frame). It is for
 * PLAINTEXT listeners only: TLS bytes are not frames and such connections are closed, and the
 * header-less SASL tokens of 0.10 brokers are forwarded as frames but must not meet a drop rule.
 * A broker advertises its own address in Metadata; to keep clients on the proxy, the broker must
 * advertise the proxy's port.
 *
 * <p>All threads are daemon threads named {@code fault-proxy-PORT-...}: one accepts, and each
 * connection has one reading requests, one reading responses and one writing responses. A failure
 * on one connection closes that connection only. {@link #close()} waits at most 2 s, for the
 * accept thread only (so the port is free when it returns).
 */
public final class FaultProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);
    private static final String LOOPBACK = "127.0.0.1";

    private record Target(String host, int port) {
    }

    private final ServerSocket server;
    private final int port;
    private final Object lock = new Object();
    private volatile Thread acceptor;
    private final Set<ProxyConnection> connections = new LinkedHashSet<>(); // guarded by lock
    private boolean closed; // guarded by lock
    private volatile boolean blackhole; // written under lock
    private volatile boolean refuse;
    private volatile long delayNanos;
    private volatile Target target;
    private final DropRules drops = new DropRules();
    private final AtomicInteger connectionIds = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong requestsForwarded = new AtomicLong();
    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicLong bytesDown = new AtomicLong();

    private FaultProxy(ServerSocket server, Target target) {
        this.server = server;
        this.port = server.getLocalPort();
        this.target = target;
    }

    /** Listens on 127.0.0.1 on a free port and forwards each accepted connection to target. */
    public static FaultProxy start(String targetHost, int targetPort) {
        return start(0, targetHost, targetPort);
    }

    /**
     * Listens on 127.0.0.1 on a given port and forwards each accepted connection to target.
     *
     * @param listenPort the port to listen on, 0 for a free one
     */
    public static FaultProxy start(int listenPort, String targetHost, int targetPort) {
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listenPort must be 0-65535: " + listenPort);
        }
        Target target = target(targetHost, targetPort);
        ServerSocket server = null;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(LOOPBACK, listenPort), 128);
        } catch (IOException e) {
            ProxyConnection.closeQuietly(server);
            throw new UncheckedIOException("Cannot listen on " + LOOPBACK + ":" + listenPort, e);
        }
        FaultProxy proxy = new FaultProxy(server, target);
        proxy.acceptor = proxy.newThread("accept", proxy::acceptLoop);
        proxy.acceptor.start();
        LOG.debug("{} started", proxy);
        return proxy;
    }

    /** The port this proxy listens on. */
    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:PORT}, for bootstrap servers and advertised listeners. */
    public String address() {
        return LOOPBACK + ":" + port;
    }

    /** {@code host:port} that new connections are forwarded to. */
    public String target() {
        Target t = target;
        return t.host() + ":" + t.port();
    }

    /** Forwards later connections to another address; open connections stay where they are. */
    public void retarget(String host, int port) {
        target = target(host, port);
    }

    /** Closes every open connection, both sides, with a TCP reset. New connections are accepted. */
    public void cutConnections() {
        snapshot().forEach(c -> c.close(true));
    }

    /** While true, new connections are accepted and closed at once; open ones are untouched. */
    public void refuseConnections(boolean refuse) {
        this.refuse = refuse;
    }

    /**
     * While on, every byte in both directions is swallowed and connections stay open; connections
     * accepted meanwhile never reach the broker. Turning it off closes every connection that was
     * open while it was on (bytes were lost, the stream cannot go on); later ones work normally.
     */
    public void blackhole(boolean on) {
        List<ProxyConnection> lived;
        synchronized (lock) {
            blackhole = on;
            if (on) {
                connections.forEach(ProxyConnection::blackhole);
                return;
            }
            lived = connections.stream().filter(ProxyConnection::isBlackholed).toList();
        }
        lived.forEach(c -> c.close(false));
    }

    /** Forwards every response frame to its client this much later, in order; ZERO turns it off. */
    public void delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        delayNanos = delay.toNanos();
    }

    /**
     * Forwards the next {@code count} requests with this api key to the broker but swallows their
     * responses, closing each client connection right after its swallowed response arrived: the
     * broker acted, the client never hears of it and sees the connection drop. Only responses that
     * arrive count, so a Produce with acks=0 (no response) leaves the count alone.
     */
    public void dropResponses(short apiKey, int count) {
        drops.add(apiKey, count, false);
    }

    /** {@link #dropResponses(short, int)} with an int api key, e.g. {@code dropResponses(0, 1)}. */
    public void dropResponses(int apiKey, int count) {
        dropResponses(apiKey(apiKey), count);
    }

    /**
     * Like {@link #dropResponses(short, int)}, but the connection stays open and silent after a
     * swallowed response: every later response on it is swallowed too (requests still reach the
     * broker), so the client hits its request timeout. {@link #heal()} leaves silent connections
     * silent; {@link #cutConnections()} ends them.
     */
    public void dropResponsesSilently(short apiKey, int count) {
        drops.add(apiKey, count, true);
    }

    /** {@link #dropResponsesSilently(short, int)} with an int api key. */
    public void dropResponsesSilently(int apiKey, int count) {
        dropResponsesSilently(apiKey(apiKey), count);
    }

    /**
     * Ends refusal, blackhole (closing the connections it held), delay and pending drops.
     * Silent connections stay silent.
     */
    public void heal() {
        refuse = false;
        delayNanos = 0;
        drops.clear();
        blackhole(false);
    }

    /** What the proxy has done so far. */
    public ProxyStats stats() {
        int open;
        synchronized (lock) {
            open = connections.size();
        }
        return new ProxyStats(accepted.get(), open, requestsForwarded.get(), drops.dropped(),
                bytesUp.get(), bytesDown.get());
    }

    /**
     * Waits until at least {@code atLeast} responses have been dropped in all.
     *
     * @return the number of responses dropped so far
     * @throws IllegalStateException on timeout, naming how many were dropped
     */
    public int awaitDroppedResponses(int atLeast, Duration timeout) {
        return drops.await(atLeast, timeout, this);
    }

    /** Stops listening and closes every connection; the port is free when it returns. Idempotent. */
    @Override
    public void close() {
        List<ProxyConnection> open;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        open = snapshot();
        ProxyConnection.closeQuietly(server);
        open.forEach(c -> c.close(false));
        awaitAcceptor();
        LOG.debug("{} closed", this);
    }

    @Override
    public String toString() {
        return "FaultProxy[" + address() + " -> " + target() + "]";
    }

    // ---- accepting ----------------------------------------------------------------------------

    private void acceptLoop() {
        while (true) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
                LOG.warn("{}: accept failed, retrying: {}", this, e.toString());
                pause();
                continue;
            }
            accepted.incrementAndGet();
            if (refuse) {
                ProxyConnection.closeQuietly(socket);
                continue;
            }
            Target t = target;
            ProxyConnection connection =
                    new ProxyConnection(this, connectionIds.incrementAndGet(), socket, t.host(), t.port());
            synchronized (lock) {
                if (closed) {
                    ProxyConnection.closeQuietly(socket);
                    return;
                }
                if (blackhole) {
                    connection.blackhole();
                }
                connections.add(connection);
            }
            connection.start();
        }
    }

    /**
     * The listening socket is released only once the accept thread has left accept(): the JDK
     * closes a socket in use asynchronously. Waits a bounded time, so close() cannot hang.
     */
    private void awaitAcceptor() {
        Thread thread = acceptor;
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- for ProxyConnection ------------------------------------------------------------------

    Thread newThread(String suffix, Runnable task) {
        Thread thread = new Thread(task, "fault-proxy-" + port + "-" + suffix);
        thread.setDaemon(true);
        return thread;
    }

    private List<ProxyConnection> snapshot() {
        synchronized (lock) {
            return new ArrayList<>(connections);
        }
    }

    void removed(ProxyConnection connection) {
        synchronized (lock) {
            connections.remove(connection);
        }
    }

    long delayNanos() {
        return delayNanos;
    }

    DropRules drops() {
        return drops;
    }

    void countRequest(int bytes) {
        requestsForwarded.incrementAndGet();
        bytesUp.addAndGet(bytes);
    }

    void countResponse(int bytes) {
        bytesDown.addAndGet(bytes);
    }

    private static short apiKey(int apiKey) {
        if (apiKey < 0 || apiKey > Short.MAX_VALUE) {
            throw new IllegalArgumentException("apiKey must be 0-32767: " + apiKey);
        }
        return (short) apiKey;
    }

    private static Target target(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("target port must be 1-65535: " + port);
        }
        return new Target(host, port);
    }
}
