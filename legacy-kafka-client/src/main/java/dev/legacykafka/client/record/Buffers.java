package dev.legacykafka.client.record;

import java.nio.ByteBuffer;

/** Growth of a builder's buffer when a record does not fit in what is left of it. */
final class Buffers {

    private Buffers() {
    }

    /**
     * Returns {@code buffer} if it has {@code needed} bytes left, else a larger heap buffer holding
     * the bytes {@code [start, position)} at index 0, positioned after them.
     */
    static ByteBuffer ensureRemaining(ByteBuffer buffer, int start, int needed) {
        if (buffer.remaining() >= needed) {
            return buffer;
        }
        int used = buffer.position() - start;
        long doubled = 2L * Math.max(used, 64);
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) used + needed, doubled));
        ByteBuffer grown = ByteBuffer.allocate(capacity);
        ByteBuffer written = buffer.duplicate();
        written.limit(buffer.position()).position(start);
        grown.put(written);
        return grown;
    }
}
