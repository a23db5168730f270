package dev.legacykafka.test.broker;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The few pieces of the Kafka wire protocol the fixture's own probes need: size-prefixed frames,
 * request header v1, response header v0, int16-length strings, and ApiVersions v0 (which every
 * broker from 0.10 on answers, even before SASL authentication).
 */
final class KafkaWire {

    static final short API_VERSIONS = 18;
    static final String CLIENT_ID = "legacy-kafka-fixture";

    private KafkaWire() {
    }

    /** Writes a size placeholder and request header v1; finish the request with {@link #framed}. */
    static void header(ByteBuffer buffer, short apiKey, short apiVersion, int correlationId) {
        buffer.putInt(0); // size, filled in by framed()
        buffer.putShort(apiKey);
        buffer.putShort(apiVersion);
        buffer.putInt(correlationId);
        putString(buffer, CLIENT_ID);
    }

    /** Fills in the size of a request started with {@link #header} and flips it for sending. */
    static ByteBuffer framed(ByteBuffer buffer) {
        buffer.putInt(0, buffer.position() - 4);
        buffer.flip();
        return buffer;
    }

    static void putString(ByteBuffer buffer, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        buffer.putShort((short) bytes.length);
        buffer.put(bytes);
    }

    static String getString(ByteBuffer buffer) {
        short length = buffer.getShort();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static ByteBuffer encodeApiVersionsRequest(int correlationId) {
        ByteBuffer body = ByteBuffer.allocate(64);
        header(body, API_VERSIONS, (short) 0, correlationId);
        return framed(body);
    }

    /**
     * The version range of every API in an ApiVersions v0 response body.
     *
     * @return api key to {@code {min, max}}
     * @throws IllegalStateException if the broker answered with an error
     */
    static Map<Short, short[]> decodeApiVersions(ByteBuffer response) {
        short error = response.getShort();
        if (error != 0) {
            throw new IllegalStateException("ApiVersions failed with error " + error);
        }
        Map<Short, short[]> ranges = new HashMap<>();
        int count = response.getInt();
        for (int i = 0; i < count; i++) {
            short key = response.getShort();
            short min = response.getShort();
            short max = response.getShort();
            ranges.put(key, new short[] {min, max});
        }
        return ranges;
    }

    static void send(Socket socket, ByteBuffer request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.array(), 0, request.limit());
        out.flush();
    }

    /** Reads one response and returns its body after the correlation id. */
    static ByteBuffer receive(Socket socket, int expectedCorrelationId) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(receiveFrame(socket));
        if (buffer.remaining() < 4) {
            throw new IOException("Response of " + buffer.remaining() + " bytes has no correlation id");
        }
        int correlationId = buffer.getInt();
        if (correlationId != expectedCorrelationId) {
            throw new IOException("Expected correlation id " + expectedCorrelationId + ", got " + correlationId);
        }
        return buffer;
    }

    /** Writes a size-prefixed frame without any header, as SASL tokens travel before Kafka 1.0. */
    static void sendFrame(Socket socket, byte[] payload) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(4 + payload.length);
        frame.putInt(payload.length).put(payload).flip();
        send(socket, frame);
    }

    /**
     * Reads one size-prefixed frame.
     *
     * @throws EOFException if the broker closed the connection instead
     */
    static byte[] receiveFrame(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int size;
        try {
            size = in.readInt();
        } catch (EOFException e) {
            throw new EOFException("Broker closed the connection without answering");
        }
        if (size < 0 || size > 64 * 1024 * 1024) {
            throw new IOException("Implausible response size " + size);
        }
        byte[] bytes = new byte[size];
        in.readFully(bytes);
        return bytes;
    }
}
