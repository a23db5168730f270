package dev.legacykafka.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A broker that does nothing: a loopback server speaking just enough of the Kafka protocol
 * (ApiVersions v0-v3, Metadata v0-v8, InitProducerId v0-v1, Produce v3-v8) for a producer to send to
 * it, acknowledging every Produce at once, storing nothing. It reads each request's header and the
 * Produce request's topics, partitions and batch headers only (to count records and hand out
 * offsets), so a benchmark against it measures the client alone.
 *
 * <p>Only non-flexible versions besides ApiVersions v3 are advertised, so every request but
 * ApiVersions has a v1 header. An ApiVersions request of a version above 3 gets the v0 answer
 * UNSUPPORTED_VERSION with the supported ranges, on which clients retry with v3.
 *
 * <p>One thread per connection, blocking I/O, one reused buffer each. Run as its own JVM
 * ({@link #main}) it prints {@code port N} and then takes commands on stdin, one per line:
 * {@code create TOPIC PARTITIONS} (answers {@code ok}) and {@code count TOPIC} (answers the
 * records it has acknowledged for the topic).
 */
final class NullBroker implements AutoCloseable {

    static final short PRODUCE = 0;
    static final short METADATA = 3;
    static final short API_VERSIONS = 18;
    static final short INIT_PRODUCER_ID = 22;

    static final short UNSUPPORTED_VERSION = 35;
    static final short UNKNOWN_TOPIC_OR_PARTITION = 3;

    /** {api key, min version, max version} of each request the null broker answers. */
    static final short[][] SUPPORTED = {
            {PRODUCE, 3, 8}, {METADATA, 0, 8}, {API_VERSIONS, 0, 3}, {INIT_PRODUCER_ID, 0, 1}};

    static final int NODE_ID = 0;

    private final ServerSocket server;
    private final Thread acceptor;
    private final Map<String, AtomicLongArray> topics = new ConcurrentHashMap<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicLong producerIds = new AtomicLong(1000);
    private volatile boolean closed;

    /** Starts listening on loopback, on {@code port} (0 = any free port). */
    NullBroker(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        acceptor = new Thread(this::accept, "null-broker-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (NullBroker broker = new NullBroker(port)) {
            out.println("port " + broker.port());
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = commands.readLine()) != null) {
                String[] words = line.trim().split("\\s+");
                switch (words[0]) {
                    case "create" -> {
                        broker.createTopic(words[1], Integer.parseInt(words[2]));
                        out.println("ok");
                    }
                    case "count" -> out.println(broker.recordCount(words[1]));
                    case "quit" -> {
                        return;
                    }
                    default -> out.println("unknown command " + words[0]);
                }
            }
        }
    }

    int port() {
        return server.getLocalPort();
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port();
    }

    void createTopic(String topic, int partitions) {
        topics.putIfAbsent(topic, new AtomicLongArray(partitions));
    }

    /** Records acknowledged for the topic (the sum of its partitions' end offsets), -1 if unknown. */
    long recordCount(String topic) {
        AtomicLongArray offsets = topics.get(topic);
        if (offsets == null) {
            return -1;
        }
        long sum = 0;
        for (int i = 0; i < offsets.length(); i++) {
            sum += offsets.get(i);
        }
        return sum;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                connections.add(socket);
                Thread thread = new Thread(() -> serve(socket), "null-broker-connection-" + socket.getPort());
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("null broker: accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            OutputStream out = socket.getOutputStream();
            byte[] request = new byte[1 << 16];
            ByteBuffer response = ByteBuffer.allocate(1 << 16);
            while (true) {
                int size;
                try {
                    size = in.readInt();
                } catch (EOFException e) {
                    return;
                }
                if (size > request.length) {
                    request = new byte[Math.max(size, request.length * 2)];
                }
                in.readFully(request, 0, size);
                response.clear();
                response.putInt(0); // size, set below
                if (handle(ByteBuffer.wrap(request, 0, size), response)) {
                    response.putInt(0, response.position() - 4);
                    out.write(response.array(), 0, response.position());
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                System.err.println("null broker: connection closed: " + e);
            }
        } finally {
            connections.remove(socket);
        }
    }

    /**
     * Answers one request (without its size prefix) into {@code response}, after the 4 bytes
     * reserved for the size.
     *
     * @return whether there is an answer to send (not for Produce with acks=0)
     * @throws IllegalArgumentException for a request it does not speak
     */
    boolean handle(ByteBuffer request, ByteBuffer response) {
        short apiKey = request.getShort();
        short version = request.getShort();
        int correlationId = request.getInt();
        skipString(request); // client id
        response.putInt(correlationId); // response header v0 for every answer here
        switch (apiKey) {
            case API_VERSIONS -> apiVersions(version, response);
            case METADATA -> metadata(version, request, response);
            case INIT_PRODUCER_ID -> initProducerId(version, response);
            case PRODUCE -> {
                return produce(version, request, response);
            }
            default -> throw new IllegalArgumentException("unsupported request: api key " + apiKey + " v" + version);
        }
        return true;
    }

    private static void apiVersions(short version, ByteBuffer out) {
        if (version > 3) {
            // As Kafka does: the v0 answer, UNSUPPORTED_VERSION, and the ranges, so the client retries lower.
            out.putShort(UNSUPPORTED_VERSION);
            putApiKeys(out, false);
            return;
        }
        out.putShort((short) 0);
        putApiKeys(out, version >= 3);
        if (version >= 1) {
            out.putInt(0); // throttle time
        }
        if (version >= 3) {
            out.put((byte) 0); // no tagged fields
        }
    }

    private static void putApiKeys(ByteBuffer out, boolean flexible) {
        if (flexible) {
            out.put((byte) (SUPPORTED.length + 1)); // compact array: length + 1 (fits one byte)
        } else {
            out.putInt(SUPPORTED.length);
        }
        for (short[] api : SUPPORTED) {
            out.putShort(api[0]).putShort(api[1]).putShort(api[2]);
            if (flexible) {
                out.put((byte) 0);
            }
        }
    }

    private void metadata(short version, ByteBuffer in, ByteBuffer out) {
        if (version > 8) {
            throw new IllegalArgumentException("Metadata v" + version + " is not supported");
        }
        int count = in.getInt();
        List<String> requested;
        if (count < 0 || (count == 0 && version == 0)) {
            requested = List.copyOf(topics.keySet());
        } else {
            String[] names = new String[count];
            for (int i = 0; i < count; i++) {
                names[i] = readString(in);
            }
            requested = List.of(names);
        }
        if (version >= 3) {
            out.putInt(0); // throttle time
        }
        out.putInt(1); // brokers
        out.putInt(NODE_ID);
        putString(out, "127.0.0.1");
        out.putInt(port());
        if (version >= 1) {
            out.putShort((short) -1); // rack: null
        }
        if (version >= 2) {
            putString(out, "null-broker"); // cluster id
        }
        if (version >= 1) {
            out.putInt(NODE_ID); // controller
        }
        out.putInt(requested.size());
        for (String topic : requested) {
            AtomicLongArray partitions = topics.get(topic);
            out.putShort(partitions == null ? UNKNOWN_TOPIC_OR_PARTITION : 0);
            putString(out, topic);
            if (version >= 1) {
                out.put((byte) 0); // not internal
            }
            int n = partitions == null ? 0 : partitions.length();
            out.putInt(n);
            for (int p = 0; p < n; p++) {
                out.putShort((short) 0);
                out.putInt(p);
                out.putInt(NODE_ID); // leader
                if (version >= 7) {
                    out.putInt(0); // leader epoch
                }
                out.putInt(1).putInt(NODE_ID); // replicas
                out.putInt(1).putInt(NODE_ID); // in-sync replicas
                if (version >= 5) {
                    out.putInt(0); // offline replicas
                }
            }
            if (version >= 8) {
                out.putInt(Integer.MIN_VALUE); // topic authorized operations: not asked for
            }
        }
        if (version >= 8) {
            out.putInt(Integer.MIN_VALUE); // cluster authorized operations
        }
    }

    private void initProducerId(short version, ByteBuffer out) {
        if (version > 1) {
            throw new IllegalArgumentException("InitProducerId v" + version + " is not supported");
        }
        out.putInt(0); // throttle time
        out.putShort((short) 0);
        out.putLong(producerIds.incrementAndGet());
        out.putShort((short) 0); // epoch
    }

    private boolean produce(short version, ByteBuffer in, ByteBuffer out) {
        if (version < 3 || version > 8) {
            throw new IllegalArgumentException("Produce v" + version + " is not supported");
        }
        skipString(in); // transactional id
        short acks = in.getShort();
        in.getInt(); // timeout
        int topicCount = in.getInt();
        out.putInt(topicCount);
        for (int t = 0; t < topicCount; t++) {
            int nameStart = in.position();
            String topic = readString(in);
            int nameEnd = in.position();
            out.put(in.array(), in.arrayOffset() + nameStart, nameEnd - nameStart); // echo the name as read
            AtomicLongArray offsets = topics.get(topic);
            int partitionCount = in.getInt();
            out.putInt(partitionCount);
            for (int p = 0; p < partitionCount; p++) {
                int partition = in.getInt();
                int size = in.getInt();
                int end = in.position() + Math.max(size, 0);
                long records = countRecords(in, in.position(), end);
                in.position(end);
                out.putInt(partition);
                long baseOffset = -1;
                if (offsets == null || partition < 0 || partition >= offsets.length()) {
                    out.putShort(UNKNOWN_TOPIC_OR_PARTITION);
                } else {
                    out.putShort((short) 0);
                    baseOffset = offsets.getAndAdd(partition, records);
                }
                out.putLong(baseOffset);
                out.putLong(-1); // log append time: CreateTime topic
                if (version >= 5) {
                    out.putLong(0); // log start offset
                }
                if (version >= 8) {
                    out.putInt(0); // record errors
                    out.putShort((short) -1); // error message: null
                }
            }
        }
        out.putInt(0); // throttle time
        return acks != 0;
    }

    /**
     * Records in the batches between {@code from} and {@code to}: a RecordBatch (magic 2) says how
     * many it holds; an uncompressed MessageSet entry (magic 0/1) is one.
     */
    static long countRecords(ByteBuffer in, int from, int to) {
        long records = 0;
        int at = from;
        while (at + 17 <= to) {
            int length = in.getInt(at + 8);
            byte magic = in.get(at + 16);
            records += magic >= 2 ? in.getInt(at + ReplayRequests.RECORDS_COUNT_OFFSET) : 1;
            at += 12 + length;
        }
        return records;
    }

    private static void skipString(ByteBuffer in) {
        short length = in.getShort();
        if (length > 0) {
            in.position(in.position() + length);
        }
    }

    private static String readString(ByteBuffer in) {
        short length = in.getShort();
        if (length < 0) {
            return null;
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    private static void putString(ByteBuffer out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.putShort((short) bytes.length).put(bytes);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
    }
}
