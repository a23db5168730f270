package dev.legacykafka.client.scripted;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scripted broker's sockets: one listener per node on 127.0.0.1 and one NIO thread for every
 * connection. Like a Kafka broker it handles one request per connection at a time: the next
 * request is read from the queue only once the previous response has been written, so a delayed
 * response holds back everything behind it on that connection and responses never overtake.
 */
final class BrokerNetwork implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerNetwork.class);
    private static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

    /** Handles one request frame (header and body, without the size prefix) received by a node. */
    interface RequestHandler {
        Reply handle(int nodeId, ByteBuffer frame, long readAtMs);
    }

    private record Pending(ByteBuffer bytes, long dueMs) {
    }

    private record Frame(ByteBuffer bytes, long readAtMs) {
    }

    private static final class Connection {
        final SocketChannel channel;
        final int nodeId;
        final ByteBuffer sizePrefix = ByteBuffer.allocate(4);
        ByteBuffer body;
        final ArrayDeque<Frame> received = new ArrayDeque<>();
        final ArrayDeque<Pending> outgoing = new ArrayDeque<>();
        boolean silent;
        SelectionKey key;

        Connection(SocketChannel channel, int nodeId) {
            this.channel = channel;
            this.nodeId = nodeId;
        }
    }

    private final Selector selector;
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final Set<Connection> connections = new HashSet<>();
    private final RequestHandler handler;
    private final Thread thread;
    private volatile boolean running = true;

    BrokerNetwork(int nodes, RequestHandler handler) throws IOException {
        this.handler = handler;
        this.selector = Selector.open();
        for (int node = 0; node < nodes; node++) {
            ServerSocketChannel listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT, node);
            listeners.add(listener);
        }
        this.thread = new Thread(this::run, "scripted-broker-io");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    int port(int nodeId) {
        return ((InetSocketAddress) listenerAddress(nodeId)).getPort();
    }

    private Object listenerAddress(int nodeId) {
        try {
            return listeners.get(nodeId).getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void run() {
        while (running) {
            try {
                long now = System.currentTimeMillis();
                long wait = untilNextDue(now);
                if (wait == 0) {
                    selector.selectNow();
                } else {
                    selector.select(wait == Long.MAX_VALUE ? 0 : wait);
                }
                if (!running) {
                    break;
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    handleKey(key);
                }
                selector.selectedKeys().clear();
                now = System.currentTimeMillis();
                for (Connection connection : new ArrayList<>(connections)) {
                    pump(connection, now);
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    log.warn("Scripted broker network loop failed; continuing", e);
                }
            }
        }
    }

    private long untilNextDue(long now) {
        long wait = Long.MAX_VALUE;
        for (Connection connection : connections) {
            Pending head = connection.outgoing.peekFirst();
            // A response partly written waits for OP_WRITE, not for the clock.
            if (head != null && head.bytes().position() == 0) {
                wait = Math.min(wait, Math.max(0, head.dueMs() - now));
            }
        }
        return wait == 0 ? 0 : (wait == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, wait));
    }

    private void handleKey(SelectionKey key) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            SocketChannel channel = ((ServerSocketChannel) key.channel()).accept();
            if (channel != null) {
                channel.configureBlocking(false);
                channel.socket().setTcpNoDelay(true);
                Connection connection = new Connection(channel, (Integer) key.attachment());
                connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
                connections.add(connection);
            }
            return;
        }
        Connection connection = (Connection) key.attachment();
        if (key.isReadable()) {
            read(connection);
        }
    }

    private void read(Connection connection) {
        try {
            while (true) {
                if (connection.body == null) {
                    int n = connection.channel.read(connection.sizePrefix);
                    if (n < 0) {
                        close(connection);
                        return;
                    }
                    if (connection.sizePrefix.hasRemaining()) {
                        return;
                    }
                    int size = connection.sizePrefix.getInt(0);
                    if (size < 0 || size > MAX_FRAME_BYTES) {
                        log.warn("Scripted broker: impossible frame size {}; closing the connection", size);
                        close(connection);
                        return;
                    }
                    connection.body = ByteBuffer.allocate(size);
                }
                int n = connection.channel.read(connection.body);
                if (n < 0) {
                    close(connection);
                    return;
                }
                if (connection.body.hasRemaining()) {
                    return;
                }
                if (!connection.silent) {
                    connection.received.addLast(new Frame(connection.body.flip(), System.currentTimeMillis()));
                }
                connection.body = null;
                connection.sizePrefix.clear();
            }
        } catch (IOException e) {
            close(connection);
        }
    }

    /** Writes what is due, then handles queued requests one at a time while nothing waits to be written. */
    private void pump(Connection connection, long now) {
        if (!connection.channel.isOpen()) {
            return;
        }
        try {
            while (true) {
                Pending head = connection.outgoing.peekFirst();
                if (head != null) {
                    if (head.dueMs() > now) {
                        break;
                    }
                    connection.channel.write(head.bytes());
                    if (head.bytes().hasRemaining()) {
                        connection.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                        return;
                    }
                    connection.outgoing.pollFirst();
                    continue;
                }
                if (connection.silent || connection.received.isEmpty()) {
                    break;
                }
                Reply reply = handleSafely(connection, connection.received.pollFirst());
                switch (reply.kind()) {
                    case SEND -> connection.outgoing.addLast(new Pending(reply.frame(), now + reply.delayMs()));
                    case NONE -> { }
                    case SILENCE -> {
                        connection.silent = true;
                        connection.received.clear();
                    }
                    case CLOSE -> {
                        close(connection);
                        return;
                    }
                }
            }
            connection.key.interestOps(SelectionKey.OP_READ);
        } catch (IOException e) {
            close(connection);
        }
    }

    private Reply handleSafely(Connection connection, Frame frame) {
        ByteBuffer copy = frame.bytes().duplicate();
        try {
            return handler.handle(connection.nodeId, frame.bytes(), frame.readAtMs());
        } catch (RuntimeException e) {
            byte[] bytes = new byte[Math.min(copy.remaining(), 256)];
            copy.get(bytes);
            log.warn("Scripted broker node {} could not handle a request ({} bytes, starting {}); closing the connection",
                    connection.nodeId, copy.limit(), java.util.HexFormat.of().formatHex(bytes), e);
            return Reply.close();
        }
    }

    private void close(Connection connection) {
        connections.remove(connection);
        try {
            connection.channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Stops the thread and closes every socket. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection connection : new ArrayList<>(connections)) {
            close(connection);
        }
        for (ServerSocketChannel listener : listeners) {
            try {
                listener.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
