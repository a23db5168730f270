package dev.legacykafka.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.legacykafka.client.ConsumedOffset;
import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.spring.serializer.StringRecordSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Template sends and transactions against mocked producers: which producer a send goes to, and
 * when it commits or aborts.
 */
class TemplateTransactionTests {

    private final List<LegacyKafkaProducer> created = new CopyOnWriteArrayList<>();

    private final TransactionalProducerPool pool = TransactionalProducerPool.withPrefix("tx-", 4, Duration.ofSeconds(2),
            this::transactional);

    private final LegacyKafkaProducer plain = producer(null);

    private final LegacyKafkaTemplate<String, String> template = new LegacyKafkaTemplate<>(plain,
            new StringRecordSerializer(), new StringRecordSerializer());

    private final LegacyKafkaTransactionManager transactionManager = new LegacyKafkaTransactionManager(pool);

    TemplateTransactionTests() {
        template.setTransactionalProducers(pool);
    }

    private LegacyKafkaProducer transactional(String id) {
        LegacyKafkaProducer producer = producer(id);
        created.add(producer);
        return producer;
    }

    private static LegacyKafkaProducer producer(String transactionalId) {
        LegacyKafkaProducer producer = mock(LegacyKafkaProducer.class);
        ProducerConfig.Builder config = ProducerConfig.builder().bootstrapServers("localhost:1").clientId("c");
        if (transactionalId != null) {
            config.transactionalId(transactionalId);
        }
        when(producer.config()).thenReturn(config.build());
        when(producer.send(any(ProducerRecord.class))).thenAnswer(invocation -> {
            ProducerRecord record = invocation.getArgument(0);
            return CompletableFuture.completedFuture(mock(SendResult.class));
        });
        return producer;
    }

    @Test
    void aSendInATransactionTemplateJoinsTheBoundProducerAndCommits() {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            assertThat(template.inTransaction()).isTrue();
            template.send("t", "a");
            template.send("t", "b");
            template.sendOffsetsToTransaction(List.of(new ConsumedOffset("in", 0, 5)), "group");
        });
        assertThat(created).hasSize(1);
        LegacyKafkaProducer producer = created.get(0);
        InOrder order = inOrder(producer);
        order.verify(producer).initTransactions();
        order.verify(producer).beginTransaction();
        order.verify(producer, org.mockito.Mockito.times(2)).send(any(ProducerRecord.class));
        order.verify(producer).sendOffsetsToTransaction(List.of(new ConsumedOffset("in", 0, 5)), "group");
        order.verify(producer).commitTransaction();
        verify(producer, never()).abortTransaction();
        verify(plain, never()).send(any(ProducerRecord.class));
        assertThat(pool.idleCount()).isEqualTo(1);
    }

    @Test
    void anExceptionAbortsAndTheProducerGoesBackToThePool() {
        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            template.send("t", "a");
            throw new IllegalStateException("business");
        })).hasMessage("business");
        LegacyKafkaProducer producer = created.get(0);
        verify(producer).abortTransaction();
        verify(producer, never()).commitTransaction();
        assertThat(pool.idleTransactionalIds()).containsExactly("tx-0");
    }

    @Test
    void flushInATransactionFlushesItsProducer() {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            template.send("t", "a");
            template.flush();
        });
        verify(created.get(0)).flush();
        verify(plain, never()).flush();
        template.flush();
        verify(plain).flush();
    }

    @Test
    void withoutATransactionASendFailsNamingTheProperty() {
        assertThatThrownBy(() -> template.send("t", "a")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("legacykafka.template.allow-non-transactional");
        assertThatThrownBy(() -> template.sendOffsetsToTransaction(List.of(), "g"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void allowNonTransactionalSendsThroughTheTemplatesOwnNonTransactionalProducer() {
        template.setAllowNonTransactional(true);
        assertThat(template.send("t", "a")).isCompleted();
        verify(plain).send(any(ProducerRecord.class));
        verify(plain, never()).beginTransaction();
        // No pooled producer taken: such a send never waits for one nor joins a transaction.
        assertThat(created).isEmpty();
        assertThat(pool.size()).isZero();
    }

    @Test
    void allowNonTransactionalOnATemplateAroundATransactionalProducerSendsInAShortTransaction() {
        // The template's own producer is the transactional one: it refuses sends outside a transaction.
        LegacyKafkaProducer own = producer("own-tx");
        LegacyKafkaTemplate<String, String> around = new LegacyKafkaTemplate<>(own, new StringRecordSerializer(),
                new StringRecordSerializer());
        around.setAllowNonTransactional(true);
        assertThat(around.send("t", "a")).isCompleted();
        InOrder order = inOrder(own);
        order.verify(own).initTransactions();
        order.verify(own).beginTransaction();
        order.verify(own).send(any(ProducerRecord.class));
        order.verify(own).commitTransaction();
    }

    @Test
    void aSendFromAnotherThreadNeverJoinsTheBoundTransaction() throws Exception {
        AtomicReference<Throwable> other = new AtomicReference<>();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            template.send("t", "mine");
            Thread thread = new Thread(() -> {
                try {
                    template.send("t", "theirs");
                } catch (Throwable e) {
                    other.set(e);
                }
            });
            thread.start();
            try {
                thread.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(other.get()).isInstanceOf(IllegalStateException.class);
        verify(created.get(0), org.mockito.Mockito.times(1)).send(any(ProducerRecord.class));
    }

    @Test
    void concurrentExecuteInTransactionUseDifferentProducers() throws Exception {
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(3);
        List<Thread> threads = new ArrayList<>();
        List<String> ids = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread thread = new Thread(() -> template.executeInTransaction(t -> {
                ids.add(pool.toString());
                try {
                    together.await(5, java.util.concurrent.TimeUnit.SECONDS); // all three open at once
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return t.send("t", "x");
            }));
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertThat(ids).hasSize(3);
        assertThat(created).hasSize(3);
        assertThat(pool.idleTransactionalIds()).containsExactlyInAnyOrder("tx-0", "tx-1", "tx-2");
        for (LegacyKafkaProducer producer : created) {
            verify(producer).commitTransaction();
        }
    }

    @Test
    void inADatabaseTransactionKafkaCommitsAfterTheDatabaseAndAbortsOnRollback() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:sync;DB_CLOSE_DELAY=-1");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table if not exists orders (id varchar(20))");
        TransactionTemplate database = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        database.executeWithoutResult(status -> {
            jdbc.update("insert into orders values ('1')");
            template.send("t", "1");
            verify(created.get(0), never()).commitTransaction();
        });
        verify(created.get(0)).commitTransaction();
        assertThat(jdbc.queryForObject("select count(*) from orders", Integer.class)).isEqualTo(1);

        assertThatThrownBy(() -> database.executeWithoutResult(status -> {
            jdbc.update("insert into orders values ('2')");
            template.send("t", "2");
            throw new IllegalStateException("rollback");
        })).hasMessage("rollback");
        verify(created.get(0)).abortTransaction();
        assertThat(jdbc.queryForObject("select count(*) from orders", Integer.class)).isEqualTo(1);
        assertThat(pool.idleCount()).isEqualTo(1);
    }
}
