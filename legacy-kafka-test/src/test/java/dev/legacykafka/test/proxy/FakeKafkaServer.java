package dev.legacykafka.test.proxy;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process server speaking Kafka framing. For every request with a header it answers
 * {@code correlation_id + the request bytes after the 8-byte header}; a frame too short for a header
 * is echoed as it is. A request with api key 0 whose body starts with byte 0 gets no answer
 * (Produce with acks=0).
 */
final class FakeKafkaServer implements AutoCloseable {

    /** One request as the server received it. */
    record Received(short apiKey, int correlationId, int bytes) {
    }

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    FakeKafkaServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fake-kafka-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<Received> received() {
        return received;
    }

    boolean receivedCorrelationId(int correlationId) {
        return received.stream().anyMatch(r -> r.correlationId() == correlationId);
    }

    int openConnections() {
        return open.size();
    }

    int acceptedConnections() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                open.add(socket);
                Thread t = new Thread(() -> serve(socket), "fake-kafka-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();
            while (true) {
                int size;
                try {
                    size = in.readInt();
                } catch (EOFException e) {
                    return;
                }
                byte[] body = new byte[size];
                in.readFully(body);
                if (size < 8) {
                    received.add(new Received((short) -1, -1, size));
                    out.write(ByteBuffer.allocate(4 + size).putInt(size).put(body).array());
                    continue;
                }
                ByteBuffer request = ByteBuffer.wrap(body);
                short apiKey = request.getShort();
                request.getShort(); // api_version
                int correlationId = request.getInt();
                received.add(new Received(apiKey, correlationId, size));
                if (apiKey == 0 && request.hasRemaining() && request.get(8) == 0) {
                    continue; // acks=0
                }
                ByteBuffer response = ByteBuffer.allocate(4 + 4 + size - 8);
                response.putInt(4 + size - 8).putInt(correlationId).put(body, 8, size - 8);
                out.write(response.array());
            }
        } catch (IOException e) {
            // client gone
        } finally {
            open.remove(socket);
        }
    }

    /** Hangs up on every client, as a broker that shuts down does. */
    void closeConnections() throws IOException {
        for (Socket socket : open) {
            socket.close();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        closeConnections();
    }
}
