package dev.legacykafka.test.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A plain TCP relay on loopback, the stand-in {@link ClientProxy} until the fault proxy lands. */
final class LoopbackRelay implements ClientProxy {

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private LoopbackRelay(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    static LoopbackRelay start(int listenPort, int targetPort) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(PortAllocator.LOOPBACK), listenPort));
            LoopbackRelay relay = new LoopbackRelay(server, targetPort);
            daemon(relay::acceptLoop, "legacy-kafka-relay-" + listenPort).start();
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + PortAllocator.LOOPBACK + ":" + listenPort, e);
        }
    }

    @Override
    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void cutConnections() {
        sockets.forEach(LoopbackRelay::closeQuietly);
        sockets.clear();
    }

    @Override
    public void close() {
        closeQuietly(server);
        cutConnections();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(PortAllocator.LOOPBACK, targetPort), 2_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            sockets.add(client);
            sockets.add(upstream);
            daemon(() -> pump(client, upstream), "legacy-kafka-relay-up").start();
            daemon(() -> pump(upstream, client), "legacy-kafka-relay-down").start();
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // Either side closed.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Nothing to do.
        }
    }
}
