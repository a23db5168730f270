package dev.legacykafka.client.compress;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A small bounded pool of expensive-to-create compression contexts (zlib deflaters, zstd
 * contexts), so a busy producer does not allocate native memory for every batch.
 *
 * <p>At most {@code capacity} idle objects are kept; extra ones are released with the
 * {@code release} action instead of waiting for the garbage collector.
 */
final class ResourcePool<T> {

    private final ArrayBlockingQueue<T> idle;
    private final Supplier<T> factory;
    private final Consumer<T> release;

    ResourcePool(int capacity, Supplier<T> factory, Consumer<T> release) {
        this.idle = new ArrayBlockingQueue<>(capacity);
        this.factory = factory;
        this.release = release;
    }

    T take() {
        T resource = idle.poll();
        return resource != null ? resource : factory.get();
    }

    void give(T resource) {
        if (!idle.offer(resource)) {
            release.accept(resource);
        }
    }

    static int defaultCapacity() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }
}
