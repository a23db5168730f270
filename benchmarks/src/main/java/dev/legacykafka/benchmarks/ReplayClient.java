package dev.legacykafka.benchmarks;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The ceiling: no client work but writing pre-encoded Produce requests (one per partition, a full
 * batch each, as {@link ReplayRequests} builds them) on one connection, round-robin over the
 * partitions, keeping up to {@code max.in.flight} requests unanswered, as fast as the broker answers.
 * With idempotence each send carries the partition's next base sequence under a producer id from
 * InitProducerId, so the broker does the same producer-state checks as for an idempotent client.
 */
final class ReplayClient implements AutoCloseable {

    private static final short INIT_PRODUCER_ID = 22;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final short acks;
    private final int maxInFlight;
    private final int perBatch;
    private final ReplayRequests.Frame[] full;
    /** One request per partition: the warm-up's, where a request may have to be sent again. */
    private final ReplayRequests.Frame[] single;
    private final ReplayRequests.Frame[] remainder = new ReplayRequests.Frame[1];
    private final short produceVersion;
    private final int[] sequences;
    private final String clientId;
    private final String topic;
    private final byte[] key;
    private final byte[] value;
    private long producerId = -1;
    private short epoch = -1;
    private int correlationId;
    private byte[] response = new byte[4096];
    private long requests;

    /**
     * @param produceVersion 3 (RecordBatch), or 2 (magic-1 message set) for brokers before 0.11
     * @param combined       one request carries a batch of every partition (as a producer sends what is
     *                       ready for one broker), instead of one request per partition
     */
    ReplayClient(String bootstrap, short produceVersion, String topic, int partitions, String acks, int batchSize,
                 int maxInFlight, boolean idempotent, byte[] key, byte[] value, String clientId, boolean combined) {
        if (idempotent && produceVersion < ReplayRequests.PRODUCE_VERSION) {
            throw new IllegalArgumentException("Replay: Produce v" + produceVersion + " cannot be idempotent");
        }
        this.produceVersion = produceVersion;
        this.acks = (short) ("all".equals(acks) ? -1 : Integer.parseInt(acks));
        this.maxInFlight = maxInFlight;
        this.clientId = clientId;
        this.topic = topic;
        this.key = key;
        this.value = value;
        this.perBatch = ReplayRequests.recordsPerBatch(produceVersion, key, value, batchSize);
        this.single = new ReplayRequests.Frame[partitions];
        for (int p = 0; p < partitions; p++) {
            single[p] = frame(new int[] {p}, perBatch);
        }
        if (combined) {
            this.full = new ReplayRequests.Frame[] {
                    frame(java.util.stream.IntStream.range(0, partitions).toArray(), perBatch)};
        } else {
            this.full = single;
        }
        this.sequences = new int[partitions];
        String first = bootstrap.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        try {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSendBufferSize(1 << 20);
            socket.setReceiveBufferSize(1 << 16);
            socket.connect(new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))),
                    10_000);
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            out = socket.getOutputStream();
            if (idempotent) {
                initProducerId();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Replay client cannot connect to " + first, e);
        }
    }

    int recordsPerRequest() {
        return full[0].records;
    }

    long requests() {
        return requests;
    }

    /** Sends {@code records} records in full batches (the last one may be smaller) and waits for every answer. */
    void send(long records) {
        send(records, false);
    }

    /**
     * Sends {@code records} records one request at a time, sending a request again (same sequence)
     * while the broker answers that it is not ready for the partition yet (a topic just created:
     * NOT_LEADER_OR_FOLLOWER, LEADER_NOT_AVAILABLE, UNKNOWN_TOPIC_OR_PARTITION). The warm-up.
     * Always one partition per request, so a request sent again never repeats another partition's
     * batch that the broker had written.
     */
    void sendCarefully(long records) {
        send(records, true);
    }

    private void send(long records, boolean careful) {
        int limit = careful ? 1 : maxInFlight;
        ReplayRequests.Frame[] frames = careful ? single : full;
        ArrayDeque<Integer> unanswered = new ArrayDeque<>();
        long left = records;
        int partition = 0;
        try {
            while (left > 0 || !unanswered.isEmpty()) {
                while (left > 0 && unanswered.size() < limit) {
                    ReplayRequests.Frame frame = left >= frames[partition].records ? frames[partition]
                            : remainderFor(partition % sequences.length, (int) Math.min(left, perBatch));
                    while (true) {
                        frame.correlationId(++correlationId);
                        long now = System.currentTimeMillis();
                        for (int i = 0; i < frame.partitions.length; i++) {
                            frame.stamp(now, producerId, epoch, i, producerId < 0 ? -1 : sequences[frame.partitions[i]]);
                        }
                        out.write(frame.bytes);
                        requests++;
                        if (!careful || acks == 0) {
                            break;
                        }
                        short error = readProduceResponse(true);
                        if (error == 0) {
                            break;
                        }
                        sleep(100);
                    }
                    if (producerId >= 0) {
                        for (int p : frame.partitions) {
                            sequences[p] += frame.recordsPerBatch;
                        }
                    }
                    left -= frame.records;
                    if (acks != 0 && !careful) {
                        unanswered.add(frame.records);
                    }
                    partition = (partition + 1) % frames.length;
                }
                if (!unanswered.isEmpty()) {
                    readProduceResponse(false);
                    unanswered.poll();
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Replay client lost its connection", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Replay: interrupted", e);
        }
    }

    private ReplayRequests.Frame remainderFor(int partition, int records) {
        ReplayRequests.Frame frame = remainder[0];
        if (frame == null || frame.partition != partition || frame.records != records) {
            frame = frame(new int[] {partition}, records);
            remainder[0] = frame;
        }
        return frame;
    }

    private ReplayRequests.Frame frame(int[] partitions, int records) {
        return ReplayRequests.produce(produceVersion, clientId, acks, 30_000, topic, partitions, key, value, records);
    }

    /**
     * Reads one Produce answer.
     *
     * @param tolerateNotReady whether a partition's "not ready yet" error is returned instead of thrown
     * @return 0, or the not-ready error
     */
    private short readProduceResponse(boolean tolerateNotReady) throws IOException {
        ByteBuffer b = readFrame();
        b.getInt(); // correlation id
        int topics = b.getInt();
        for (int t = 0; t < topics; t++) {
            short nameLength = b.getShort();
            b.position(b.position() + nameLength);
            int partitions = b.getInt();
            for (int p = 0; p < partitions; p++) {
                int index = b.getInt();
                short error = b.getShort();
                b.getLong(); // base offset
                b.getLong(); // log append time
                if (error != 0) {
                    if (tolerateNotReady && (error == 6 || error == 5 || error == 3)) {
                        return error;
                    }
                    throw new IllegalStateException("Replay: Produce to partition " + index + " failed with error " + error);
                }
            }
        }
        return 0;
    }

    /** Asks for a producer id, again while the broker's producer id manager is still loading (errors 14, 15). */
    private void initProducerId() throws IOException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!tryInitProducerId()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Replay: no producer id within 60 s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Replay: interrupted", e);
            }
        }
    }

    private boolean tryInitProducerId() throws IOException {
        byte[] client = clientId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + 10 + client.length + 6);
        b.putInt(b.capacity() - 4);
        b.putShort(INIT_PRODUCER_ID).putShort((short) 0).putInt(++correlationId).putShort((short) client.length).put(client);
        b.putShort((short) -1).putInt(60_000); // no transactional id, transaction timeout
        out.write(b.array());
        ByteBuffer r = readFrame();
        r.getInt(); // correlation id
        r.getInt(); // throttle
        short error = r.getShort();
        if (error == 14 || error == 15) {
            return false;
        }
        if (error != 0) {
            throw new IllegalStateException("Replay: InitProducerId failed with error " + error);
        }
        producerId = r.getLong();
        epoch = r.getShort();
        return true;
    }

    private ByteBuffer readFrame() throws IOException {
        int size = in.readInt();
        if (size > response.length) {
            response = new byte[size];
        }
        in.readFully(response, 0, size);
        return ByteBuffer.wrap(response, 0, size);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }
}
