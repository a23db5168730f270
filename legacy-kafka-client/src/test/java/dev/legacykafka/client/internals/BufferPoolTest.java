package dev.legacykafka.client.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.errors.TimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

    @Test
    void poolableBuffersAreReused() throws Exception {
        BufferPool pool = new BufferPool(1024, 256);
        ByteBuffer first = pool.allocate(256, 0);
        first.put((byte) 7);
        pool.deallocate(first);
        ByteBuffer second = pool.allocate(256, 0);
        assertThat(second).isSameAs(first);
        assertThat(second.position()).isZero();
        assertThat(pool.availableMemory()).isEqualTo(768);
    }

    @Test
    void oddSizesAreAccountedAndReturned() throws Exception {
        BufferPool pool = new BufferPool(1000, 256);
        ByteBuffer big = pool.allocate(700, 0);
        assertThat(pool.availableMemory()).isEqualTo(300);
        pool.deallocate(big);
        assertThat(pool.availableMemory()).isEqualTo(1000);
    }

    @Test
    void fullPoolTimesOutWithAMessageNamingMaxBlock() throws Exception {
        BufferPool pool = new BufferPool(512, 256);
        pool.allocate(256, 0);
        pool.allocate(256, 0);
        assertThatThrownBy(() -> pool.allocate(256, 50))
                .isInstanceOf(TimeoutException.class)
                .hasMessageContaining("max-block (50 ms)")
                .hasMessageContaining("512 of 512 bytes");
    }

    @Test
    void waitingAllocationProceedsWhenMemoryIsFreed() throws Exception {
        BufferPool pool = new BufferPool(512, 256);
        ByteBuffer a = pool.allocate(256, 0);
        pool.allocate(256, 0);
        CompletableFuture<ByteBuffer> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.allocate(256, 10_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!pool.hasWaiters() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(pool.hasWaiters()).isTrue();
        pool.deallocate(a);
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isSameAs(a);
    }

    @Test
    void oddSizeEvictsPooledBuffersToFit() throws Exception {
        BufferPool pool = new BufferPool(512, 256);
        pool.deallocate(pool.allocate(256, 0));
        pool.deallocate(pool.allocate(256, 0));
        ByteBuffer big = pool.allocate(500, 0);
        assertThat(big.capacity()).isEqualTo(500);
        assertThat(pool.availableMemory()).isEqualTo(12);
    }

    @Test
    void requestLargerThanTheBudgetIsRefusedAtOnce() {
        BufferPool pool = new BufferPool(512, 256);
        assertThatThrownBy(() -> pool.allocate(513, 1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("buffer-memory");
    }
}
