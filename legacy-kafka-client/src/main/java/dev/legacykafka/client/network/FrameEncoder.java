package dev.legacykafka.client.network;

import java.nio.ByteBuffer;

/** Builds a complete request frame (size prefix, header and body) once its correlation id is known. */
@FunctionalInterface
public interface FrameEncoder {

    /** Returns the frame, positioned at 0 with the limit at its end. */
    ByteBuffer encode(int correlationId);
}
