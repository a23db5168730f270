package dev.legacykafka.client.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.errors.ProducerClosedException;
import dev.legacykafka.client.errors.RecordErrorException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/**
 * send(record, callback) keeps every promise the future-returning send keeps: one outcome per
 * record, in order per partition, a rejected record fails alone, a retried batch completes once;
 * and a callback that throws costs the other records nothing.
 */
class SendCallbackTest {

    private static final String TOPIC = "callbacks";

    /** Outcomes by record id, counting how often each record was told. */
    private static final class Outcomes {
        final int count;
        final SendResult[] results;
        final Throwable[] errors;
        final AtomicInteger[] calls;
        final List<Integer>[] orderPerPartition;
        final CountDownLatch done;

        @SuppressWarnings("unchecked")
        Outcomes(int count, int partitions) {
            this.count = count;
            results = new SendResult[count];
            errors = new Throwable[count];
            calls = new AtomicInteger[count];
            for (int i = 0; i < count; i++) {
                calls[i] = new AtomicInteger();
            }
            orderPerPartition = new List[partitions];
            for (int p = 0; p < partitions; p++) {
                orderPerPartition[p] = java.util.Collections.synchronizedList(new ArrayList<>());
            }
            done = new CountDownLatch(count);
        }

        void record(int id, int partition, SendResult result, Throwable error) {
            if (calls[id].incrementAndGet() == 1) {
                results[id] = result;
                errors[id] = error;
                if (result != null) {
                    orderPerPartition[partition].add(id);
                }
                done.countDown();
            }
        }
    }

    @Test
    void everyRecordIsToldOnceInOrderAndARejectedRecordFailsAlone() throws Exception {
        try (ScriptedBroker broker = ScriptedBroker.start(3)) {
            broker.createTopic(TopicSpec.of(TOPIC, 3).asCompacted());
            broker.faults().when(ProduceMatcher.nthBatchOf(TOPIC, 1, 3)).answer(Errors.NOT_ENOUGH_REPLICAS);
            int count = 600;
            Outcomes outcomes = new Outcomes(count, 3);
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker).batchSize(1024).build())) {
                for (int i = 0; i < count; i++) {
                    int id = i;
                    int partition = i % 3;
                    byte[] key = i % 97 == 50 ? null : ("k" + i).getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord(TOPIC, partition, key, ("v" + i).getBytes(StandardCharsets.UTF_8), null, null),
                            (result, error) -> outcomes.record(id, partition, result, error));
                }
                assertThat(outcomes.done.await(FastProducers.DELIVERY_TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS))
                        .as("every callback ran").isTrue();
            }
            for (int i = 0; i < count; i++) {
                assertThat(outcomes.calls[i].get()).as("callbacks of record %d", i).isEqualTo(1);
                if (i % 97 == 50) {
                    assertThat(outcomes.errors[i]).as("record %d (null key)", i).isInstanceOf(RecordErrorException.class);
                } else {
                    assertThat(outcomes.errors[i]).as("record %d", i).isNull();
                    assertThat(outcomes.results[i].partition()).isEqualTo(i % 3);
                }
            }
            for (int p = 0; p < 3; p++) {
                List<Integer> order = outcomes.orderPerPartition[p];
                List<LoggedRecord> log = broker.log(TOPIC, p);
                assertThat(log).as("partition %d holds every acknowledged record once", p).hasSize(order.size());
                for (int k = 0; k < order.size(); k++) {
                    int id = order.get(k);
                    assertThat(log.get(k).keyString()).as("partition %d, position %d", p, k).isEqualTo("k" + id);
                    assertThat(outcomes.results[id].offset()).isEqualTo(log.get(k).offset());
                }
                assertThat(order).as("partition %d completes in send order", p).isSorted();
            }
        }
    }

    @Test
    void aCallbackThatThrowsDoesNotKeepTheOthersFromTheirOutcome() throws Exception {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1));
            int count = 50;
            Outcomes outcomes = new Outcomes(count, 1);
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker).batchSize(16_384).build())) {
                for (int i = 0; i < count; i++) {
                    int id = i;
                    producer.send(ProducerRecord.of(TOPIC, ("v" + i).getBytes(StandardCharsets.UTF_8)), (result, error) -> {
                        outcomes.record(id, 0, result, error);
                        if (id % 2 == 0) {
                            throw new IllegalStateException("a callback that throws");
                        }
                    });
                }
                producer.send(ProducerRecord.of(TOPIC, new byte[1]), (dev.legacykafka.client.SendCallback) null);
                producer.flush();
                assertThat(outcomes.done.await(5, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(outcomes.errors).containsOnlyNulls();
            assertThat(broker.log(TOPIC, 0)).hasSize(count + 1);
        }
    }

    @Test
    void aSendThatFailsBeforeBufferingTellsItsCallbackOnTheCallingThread() {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1));
            LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker).build());
            producer.close(Duration.ofSeconds(5));
            AtomicReference<Throwable> error = new AtomicReference<>();
            AtomicReference<Thread> thread = new AtomicReference<>();
            ConcurrentHashMap<String, Integer> calls = new ConcurrentHashMap<>();
            producer.send(ProducerRecord.of(TOPIC, new byte[1]), (result, e) -> {
                error.set(e);
                thread.set(Thread.currentThread());
                calls.merge("calls", 1, Integer::sum);
            });
            assertThat(error.get()).isInstanceOf(ProducerClosedException.class);
            assertThat(thread.get()).isSameAs(Thread.currentThread());
            assertThat(calls).containsEntry("calls", 1);
        }
    }
}
