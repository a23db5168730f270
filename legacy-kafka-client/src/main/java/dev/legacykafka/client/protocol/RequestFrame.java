package dev.legacykafka.client.protocol;

import dev.legacykafka.client.protocol.types.ProtocolWriter;
import java.nio.ByteBuffer;

/**
 * Encodes a request as it goes on the wire: {@code size:int32} (the bytes that follow), the
 * {@link RequestHeader}, then the body.
 *
 * <p>The body is measured first and the frame written into one buffer of exactly that size, so
 * encoding allocates once and copies each record batch once.
 */
public final class RequestFrame {

    private RequestFrame() {
    }

    /**
     * Total frame size, size prefix included.
     *
     * @param header the request header
     * @param body   the request body, of the header's API
     */
    public static int sizeInBytes(RequestHeader header, Request body) {
        checkSameApi(header, body);
        return 4 + header.sizeInBytes() + body.sizeInBytes(header.apiVersion());
    }

    /**
     * Encodes a frame into a new heap buffer of exactly its size.
     *
     * @param header the request header; its version is the body's version
     * @param body   the request body, of the header's API
     * @return the frame, position 0, limit = capacity = frame size
     */
    public static ByteBuffer encode(RequestHeader header, Request body) {
        ByteBuffer frame = ByteBuffer.allocate(sizeInBytes(header, body));
        write(header, body, frame);
        return frame.flip();
    }

    /**
     * Encodes a frame into {@code target} at its position, for callers that pool buffers; size the
     * buffer with {@link #sizeInBytes}.
     *
     * @param header the request header; its version is the body's version
     * @param body   the request body, of the header's API
     * @param target receives the frame; its position ends after it
     * @throws java.nio.BufferOverflowException if the target has less room than the frame needs
     */
    public static void encodeInto(RequestHeader header, Request body, ByteBuffer target) {
        checkSameApi(header, body);
        write(header, body, target);
    }

    private static void write(RequestHeader header, Request body, ByteBuffer target) {
        ProtocolWriter out = new ProtocolWriter(target);
        int sizePrefix = out.reserveSizePrefix();
        header.writeTo(out);
        body.writeTo(out, header.apiVersion());
        out.patchSizePrefix(sizePrefix);
    }

    private static void checkSameApi(RequestHeader header, Request body) {
        if (header.apiKey() != body.apiKey()) {
            throw new IllegalArgumentException("Header is for " + header.apiKey() + " but the body is " + body.apiKey());
        }
    }
}
