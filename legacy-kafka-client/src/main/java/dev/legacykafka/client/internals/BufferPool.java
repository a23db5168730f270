package dev.legacykafka.client.internals;

import dev.legacykafka.client.errors.TimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The producer's buffer memory: a fixed budget of bytes for batches waiting to be sent.
 * Buffers of exactly the batch size are kept for reuse; other sizes are allocated and dropped.
 * A send that finds no memory waits, at most max block, for batches to complete (back-pressure).
 */
public final class BufferPool {

    private final long totalMemory;
    private final int poolableSize;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition memoryFreed = lock.newCondition();
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    /** Bytes neither handed out nor sitting in {@link #free}. */
    private long unallocatedMemory;
    private boolean closed;

    public BufferPool(long totalMemory, int poolableSize) {
        this.totalMemory = totalMemory;
        this.poolableSize = poolableSize;
        this.unallocatedMemory = totalMemory;
    }

    /**
     * Hands out a buffer of {@code size} bytes, waiting up to {@code maxBlockMs} for memory.
     *
     * @throws TimeoutException if the memory did not free up in time
     * @throws IllegalArgumentException if {@code size} exceeds the whole budget
     */
    public ByteBuffer allocate(int size, long maxBlockMs) throws InterruptedException {
        if (size > totalMemory) {
            throw new IllegalArgumentException("Batch of " + size + " bytes exceeds buffer-memory of " + totalMemory + " bytes");
        }
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("Producer closed");
            }
            if (size == poolableSize && !free.isEmpty()) {
                return free.pollFirst().clear();
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxBlockMs);
            while (availableMemoryLocked() < size) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new TimeoutException("Could not get " + size + " bytes of buffer memory within max-block ("
                            + maxBlockMs + " ms): " + (totalMemory - availableMemoryLocked())
                            + " of " + totalMemory + " bytes hold records not yet acknowledged", false);
                }
                memoryFreed.awaitNanos(remaining);
                if (closed) {
                    throw new IllegalStateException("Producer closed");
                }
                if (size == poolableSize && !free.isEmpty()) {
                    return free.pollFirst().clear();
                }
            }
            // Free pooled buffers to make room for an odd size, then take it from unallocated memory.
            while (unallocatedMemory < size) {
                unallocatedMemory += free.pollLast().capacity();
            }
            unallocatedMemory -= size;
            return ByteBuffer.allocate(size);
        } finally {
            lock.unlock();
        }
    }

    /** Gives a buffer back once its batch is complete. */
    public void deallocate(ByteBuffer buffer) {
        lock.lock();
        try {
            if (buffer.capacity() == poolableSize) {
                free.addFirst(buffer);
            } else {
                unallocatedMemory += buffer.capacity();
            }
            memoryFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes that can be handed out right now without waiting. */
    public long availableMemory() {
        lock.lock();
        try {
            return availableMemoryLocked();
        } finally {
            lock.unlock();
        }
    }


    /** Whether some send is waiting for memory. */
    public boolean hasWaiters() {
        lock.lock();
        try {
            return lock.hasWaiters(memoryFreed);
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting send so it fails instead of waiting out max block. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            memoryFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private long availableMemoryLocked() {
        return unallocatedMemory + (long) free.size() * poolableSize;
    }
}
