package dev.legacykafka.client.network;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Direct buffers for request frames, reused once a frame is written. A Produce request is as big
 * as its batches; allocating a fresh heap buffer per request would make garbage of every byte
 * sent, and the socket would copy it into a direct buffer anyway. Network thread only.
 */
final class FramePool {

    private static final int MIN_CAPACITY = 64 * 1024;
    private static final int MAX_POOLED_PER_SIZE = 8;

    private final Map<Integer, ArrayDeque<ByteBuffer>> free = new HashMap<>();

    /** A direct buffer of at least {@code size} bytes, cleared, with the limit at {@code size}. */
    ByteBuffer acquire(int size) {
        int capacity = capacityFor(size);
        ArrayDeque<ByteBuffer> buffers = free.get(capacity);
        ByteBuffer buffer = buffers == null ? null : buffers.pollFirst();
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(capacity);
        }
        buffer.clear().limit(size);
        return buffer;
    }

    /** Takes back a buffer {@link #acquire} handed out; others are ignored. */
    void release(ByteBuffer buffer) {
        if (!buffer.isDirect() || buffer.capacity() != capacityFor(buffer.capacity())) {
            return;
        }
        ArrayDeque<ByteBuffer> buffers = free.computeIfAbsent(buffer.capacity(), c -> new ArrayDeque<>());
        if (buffers.size() < MAX_POOLED_PER_SIZE) {
            buffers.addFirst(buffer);
        }
    }

    private static int capacityFor(int size) {
        return size <= MIN_CAPACITY ? MIN_CAPACITY : Integer.highestOneBit(size - 1) << 1;
    }
}
