package dev.legacykafka.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.errors.TimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pool: lowest free suffix first, idle producers reused, a bound, waiting, broken producers replaced. */
class TransactionalProducerPoolTests {

    private final Map<String, List<LegacyKafkaProducer>> created = new ConcurrentHashMap<>();

    private LegacyKafkaProducer create(String transactionalId) {
        LegacyKafkaProducer producer = mock(LegacyKafkaProducer.class);
        when(producer.config()).thenReturn(ProducerConfig.builder().bootstrapServers("localhost:1")
                .transactionalId(transactionalId).build());
        created.computeIfAbsent(transactionalId, id -> new ArrayList<>()).add(producer);
        return producer;
    }

    @Test
    void idsArePrefixPlusTheLowestFreeSuffixAndIdleProducersAreReused() {
        TransactionalProducerPool pool = TransactionalProducerPool.withPrefix("tx-", 3, Duration.ofSeconds(1), this::create);
        TransactionalProducerPool.Lease a = pool.acquire();
        TransactionalProducerPool.Lease b = pool.acquire();
        assertThat(a.transactionalId()).isEqualTo("tx-0");
        assertThat(b.transactionalId()).isEqualTo("tx-1");
        verify(a.producer()).initTransactions();
        pool.release(a, false);
        TransactionalProducerPool.Lease again = pool.acquire();
        assertThat(again.producer()).isSameAs(a.producer());
        verify(a.producer(), times(1)).initTransactions();
        assertThat(pool.size()).isEqualTo(2);
        assertThat(created).containsOnlyKeys("tx-0", "tx-1");
    }

    @Test
    void aThreadWaitsUpToMaxWaitWhenAllAreBusy() throws Exception {
        TransactionalProducerPool pool = TransactionalProducerPool.withPrefix("tx-", 1, Duration.ofMillis(200), this::create);
        TransactionalProducerPool.Lease only = pool.acquire();
        long start = System.nanoTime();
        assertThatThrownBy(pool::acquire).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("legacykafka.transaction.max-producers");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(150);

        CountDownLatch got = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            pool.release(pool.acquire(), false);
            got.countDown();
        });
        TransactionalProducerPool longWait = pool;
        waiter.start();
        Thread.sleep(50);
        longWait.release(only, false);
        assertThat(got.await(1, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aBrokenProducerIsClosedAndItsIdComesBackOnANewProducer() {
        TransactionalProducerPool pool = TransactionalProducerPool.withPrefix("tx-", 2, Duration.ofSeconds(1), this::create);
        TransactionalProducerPool.Lease first = pool.acquire();
        pool.release(first, true);
        verify(first.producer()).close(Duration.ZERO);
        TransactionalProducerPool.Lease next = pool.acquire();
        assertThat(next.transactionalId()).isEqualTo("tx-0");
        assertThat(next.producer()).isNotSameAs(first.producer());
        assertThat(created.get("tx-0")).hasSize(2);
    }

    @Test
    void aFixedIdIsAPoolOfOne() {
        TransactionalProducerPool pool = TransactionalProducerPool.withFixedId("orders", Duration.ofMillis(50), this::create);
        TransactionalProducerPool.Lease lease = pool.acquire();
        assertThat(lease.transactionalId()).isEqualTo("orders");
        assertThatThrownBy(pool::acquire).isInstanceOf(TimeoutException.class);
        pool.release(lease, false);
        pool.close();
        verify(lease.producer()).close();
        assertThatThrownBy(pool::acquire).isInstanceOf(IllegalStateException.class);
    }
}
