package dev.legacykafka.test.proxy;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of a {@link FaultProxy} and its connection to the broker, run by three
 * daemon threads: {@code up} reads request frames from the client and writes them to the broker,
 * {@code down} reads response frames from the broker and queues them with the time they are due,
 * {@code write} sends queued frames to the client in order, each when it is due. Any failure
 * closes this connection only.
 */
final class ProxyConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyConnection.class);
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int BUFFER_BYTES = 64 * 1024;

    /** A response frame due at a time; a null frame closes the connection when due. */
    private record Outgoing(byte[] frame, long dueNanos) {
    }

    /** A forwarded request whose response a drop rule may swallow. */
    private record Tracked(int correlationId, short apiKey) {
    }

    private final FaultProxy proxy;
    private final String name;
    private final Socket client;
    private final String targetHost;
    private final int targetPort;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ArrayDeque<Tracked> tracked = new ArrayDeque<>(); // guarded by itself
    private final BlockingQueue<Outgoing> toClient = new LinkedBlockingQueue<>();
    private volatile Socket upstream;
    private volatile Thread writer;
    /** Set while or since the proxy was a blackhole; never cleared: such a connection is closed. */
    private volatile boolean blackholed;
    /** Set after a silent drop: every later response is swallowed. */
    private volatile boolean silent;

    ProxyConnection(FaultProxy proxy, int id, Socket client, String targetHost, int targetPort) {
        this.proxy = proxy;
        this.name = "conn-" + id;
        this.client = client;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    void start() {
        proxy.newThread(name + "-up", this::forwardRequests).start();
    }

    void blackhole() {
        blackholed = true;
    }

    boolean isBlackholed() {
        return blackholed;
    }

    boolean isClosed() {
        return closed.get();
    }

    /**
     * Closes both sockets; idempotent and safe from any thread.
     *
     * @param reset close with a TCP reset (SO_LINGER 0) instead of an orderly FIN
     */
    void close(boolean reset) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Socket broker = upstream;
        if (reset) {
            lingerZero(client);
            lingerZero(broker);
        }
        closeQuietly(client);
        closeQuietly(broker);
        Thread w = writer;
        if (w != null && w != Thread.currentThread()) {
            w.interrupt();
        }
        proxy.removed(this);
    }

    // ---- client -> broker -------------------------------------------------------------------

    private void forwardRequests() {
        try {
            client.setTcpNoDelay(true);
            KafkaFrameReader requests = new KafkaFrameReader(
                    new BufferedInputStream(client.getInputStream(), BUFFER_BYTES));
            // A connection accepted while the proxy is a blackhole never reaches the broker.
            OutputStream broker = blackholed ? null : connectUpstream();
            byte[] frame;
            while ((frame = requests.next()) != null) {
                if (blackholed || broker == null) {
                    continue;
                }
                if (KafkaFrameReader.hasRequestHeader(frame)) {
                    short apiKey = KafkaFrameReader.apiKey(frame);
                    if (proxy.drops().watches(apiKey)) {
                        // Before the write: the response may come back before write() returns.
                        track(new Tracked(KafkaFrameReader.requestCorrelationId(frame), apiKey));
                    }
                }
                // Counted before the write: the answer may reach the client before a write returns.
                proxy.countRequest(frame.length);
                broker.write(frame);
            }
            LOG.debug("{}: client closed the connection", name);
        } catch (IOException e) {
            LOG.debug("{}: client side ended: {}", name, e.toString());
        } catch (RuntimeException e) {
            LOG.warn("{}: closing after an unexpected error", name, e);
        } finally {
            close(false);
        }
    }

    private OutputStream connectUpstream() throws IOException {
        Socket socket = new Socket();
        upstream = socket; // published before the check, so close() either sees it or we see closed
        if (closed.get()) {
            closeQuietly(socket);
            throw new IOException("closed while connecting");
        }
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(targetHost, targetPort), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            throw new IOException("cannot connect to " + targetHost + ":" + targetPort + ": " + e.getMessage(), e);
        }
        InputStream in = new BufferedInputStream(socket.getInputStream(), BUFFER_BYTES);
        Thread w = proxy.newThread(name + "-write", this::writeResponses);
        writer = w;
        w.start();
        proxy.newThread(name + "-down", () -> readResponses(in)).start();
        return socket.getOutputStream();
    }

    // ---- broker -> client -------------------------------------------------------------------

    private void readResponses(InputStream in) {
        boolean handedOver = false; // the writer closes the connection, after what is queued
        try {
            KafkaFrameReader responses = new KafkaFrameReader(in);
            byte[] frame;
            while ((frame = responses.next()) != null) {
                if (blackholed) {
                    continue;
                }
                long due = System.nanoTime() + proxy.delayNanos();
                Tracked request = KafkaFrameReader.hasResponseHeader(frame)
                        ? untrack(KafkaFrameReader.responseCorrelationId(frame))
                        : null;
                if (silent) {
                    continue;
                }
                Boolean silently = request == null ? null : proxy.drops().claim(request.apiKey());
                if (silently == null) {
                    toClient.add(new Outgoing(frame, due));
                    continue;
                }
                LOG.debug("{}: dropped the response to api key {} correlation id {}{}", name,
                        request.apiKey(), request.correlationId(), silently ? ", now silent" : ", closing");
                if (silently) {
                    silent = true;
                    continue;
                }
                toClient.add(new Outgoing(null, due)); // earlier responses first, then close
                handedOver = true;
                return;
            }
            LOG.debug("{}: broker closed the connection", name);
            // A partitioned client never sees the broker hang up: it stays open until the blackhole ends.
            toClient.add(new Outgoing(null, System.nanoTime() + proxy.delayNanos()));
            handedOver = true;
        } catch (IOException e) {
            LOG.debug("{}: broker side ended: {}", name, e.toString());
        } catch (RuntimeException e) {
            LOG.warn("{}: closing after an unexpected error", name, e);
        } finally {
            if (!handedOver && !blackholed) { // a blackholed connection is closed when the blackhole ends
                close(false);
            }
        }
    }

    private void writeResponses() {
        try {
            OutputStream out = client.getOutputStream();
            while (!closed.get()) {
                Outgoing next = toClient.take();
                long wait = next.dueNanos() - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                if (blackholed) {
                    continue; // nothing reaches a partitioned client, not even a close
                }
                if (next.frame() == null) {
                    break;
                }
                proxy.countResponse(next.frame().length);
                out.write(next.frame());
            }
        } catch (InterruptedException e) {
            // closed
        } catch (IOException e) {
            LOG.debug("{}: cannot write to the client: {}", name, e.toString());
        } catch (RuntimeException e) {
            LOG.warn("{}: closing after an unexpected error", name, e);
        } finally {
            close(false);
        }
    }

    // ---- correlation ids of requests whose responses a drop rule watches ----------------------

    private void track(Tracked request) {
        synchronized (tracked) {
            tracked.addLast(request);
        }
    }

    /**
     * The tracked request a response answers, or null. Responses come in request order, so tracked
     * requests before the match never got one (Produce with acks=0) and are forgotten.
     */
    private Tracked untrack(int correlationId) {
        synchronized (tracked) {
            boolean present = false;
            for (Tracked t : tracked) {
                if (t.correlationId() == correlationId) {
                    present = true;
                    break;
                }
            }
            if (!present) {
                return null;
            }
            Iterator<Tracked> it = tracked.iterator();
            while (it.hasNext()) {
                Tracked t = it.next();
                it.remove();
                if (t.correlationId() == correlationId) {
                    return t;
                }
            }
            return null;
        }
    }

    @Override
    public String toString() {
        return name + "[" + client.getRemoteSocketAddress() + " -> " + targetHost + ":" + targetPort + "]";
    }

    private static void lingerZero(Socket socket) {
        if (socket != null) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException e) {
                // not connected or already closed
            }
        }
    }

    static void closeQuietly(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
