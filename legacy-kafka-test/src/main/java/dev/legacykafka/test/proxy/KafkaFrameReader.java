package dev.legacykafka.test.proxy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a Kafka byte stream into frames: a 4-byte big-endian size, then that many bytes. Each
 * frame is returned whole, size prefix included, so it can be forwarded with one write.
 */
final class KafkaFrameReader {

    /**
     * Larger claims are not Kafka frames. The cap stays below what the first bytes of a TLS record
     * (0x16 0x03 ...) read as a size, so a TLS client fails fast instead of making the proxy wait
     * for hundreds of megabytes.
     */
    static final int MAX_FRAME_BYTES = 128 * 1024 * 1024;

    private final InputStream in;
    private final byte[] sizeBytes = new byte[4];

    KafkaFrameReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next whole frame, size prefix included.
     *
     * @return the frame, or null if the stream ended cleanly between two frames
     * @throws EOFException if the stream ended inside a frame
     * @throws IOException if the size is negative or larger than {@link #MAX_FRAME_BYTES}
     */
    byte[] next() throws IOException {
        int read = in.readNBytes(sizeBytes, 0, 4);
        if (read == 0) {
            return null;
        }
        if (read < 4) {
            throw new EOFException("Stream ended inside a frame's size (" + read + " of 4 bytes)");
        }
        int size = readInt(sizeBytes, 0);
        if (size < 0 || size > MAX_FRAME_BYTES) {
            throw new IOException("Not a Kafka frame: size " + size + " (the proxy speaks PLAINTEXT only)");
        }
        byte[] frame = new byte[4 + size];
        System.arraycopy(sizeBytes, 0, frame, 0, 4);
        int body = in.readNBytes(frame, 4, size);
        if (body < size) {
            throw new EOFException("Stream ended inside a frame (" + body + " of " + size + " bytes)");
        }
        return frame;
    }

    /** True if a request frame is long enough to hold api_key, api_version and correlation_id. */
    static boolean hasRequestHeader(byte[] frame) {
        return frame.length >= 4 + 8;
    }

    /** True if a response frame is long enough to hold a correlation_id. */
    static boolean hasResponseHeader(byte[] frame) {
        return frame.length >= 4 + 4;
    }

    /** The api_key of a request frame (see {@link #hasRequestHeader}). */
    static short apiKey(byte[] requestFrame) {
        return (short) (((requestFrame[4] & 0xff) << 8) | (requestFrame[5] & 0xff));
    }

    /** The correlation_id of a request frame (see {@link #hasRequestHeader}). */
    static int requestCorrelationId(byte[] requestFrame) {
        return readInt(requestFrame, 8);
    }

    /** The correlation_id of a response frame (see {@link #hasResponseHeader}). */
    static int responseCorrelationId(byte[] responseFrame) {
        return readInt(responseFrame, 4);
    }

    private static int readInt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 24)
                | ((bytes[offset + 1] & 0xff) << 16)
                | ((bytes[offset + 2] & 0xff) << 8)
                | (bytes[offset + 3] & 0xff);
    }
}
