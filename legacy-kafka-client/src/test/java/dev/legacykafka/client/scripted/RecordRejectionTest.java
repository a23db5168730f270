package dev.legacykafka.client.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.errors.BrokerErrorException;
import dev.legacykafka.client.errors.RecordErrorException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: records the broker rejects (null keys on a compacted topic, INVALID_RECORD) fail
 * alone; the valid records of their batch and every batch behind them are written once, in order.
 */
class RecordRejectionTest {

    private static final String TOPIC = "compacted";

    @Test
    void batchRejectedWithRecordErrorsWhileLaterBatchesAreInFlight() {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1).asCompacted());
            // The response after the warm-up comes late, so the batches behind it are all in flight when it is rejected.
            broker.faults().when(ProduceMatcher.nthRequest(2)).delayResponse(Duration.ofMillis(300));
            SendLedger ledger = new SendLedger();
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker).build())) {
                FastProducers.warmUp(producer, ledger, TOPIC, 0);
                ledger.sendPaced(producer, TOPIC, 0, 20, 0, Set.of(3));
                assertThat(ledger.awaitAll(FastProducers.DELIVERY_TIMEOUT_MS + 2_000)).as("every send completed").isTrue();
            }
            assertThat(broker.maxBatchesInFlight(TOPIC, 0)).as("batches in flight together").isGreaterThanOrEqualTo(3);
            assertThat(ledger.get(3).failure()).isInstanceOf(RecordErrorException.class)
                    .hasMessageContaining("INVALID_RECORD");
            assertThat(((RecordErrorException) ledger.get(3).failure()).batchIndex()).isEqualTo(2);
            assertThat(ledger.failed()).as("only the null-key record fails").containsExactly(ledger.get(3));
            DeliveryInvariants.assertHold(broker, ledger);
            assertThat(broker.log(TOPIC, 0)).hasSize(20);
        }
    }

    @Test
    void nullKeyEveryHundredthRecordAcrossThreePartitions() {
        try (ScriptedBroker broker = ScriptedBroker.start(3)) {
            broker.createTopic(TopicSpec.of(TOPIC, 3).asCompacted());
            SendLedger ledger = new SendLedger();
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker)
                    .batchSize(1024).build())) {
                for (int i = 0; i < 3_000; i++) {
                    ledger.send(producer, TOPIC, i % 3, i % 100 == 99 ? null : "k" + i, 0);
                }
                assertThat(ledger.awaitAll(FastProducers.DELIVERY_TIMEOUT_MS + 5_000)).as("every send completed").isTrue();
            }
            List<Integer> nullKeys = ledger.all().stream().filter(s -> s.key == null).map(s -> s.id).toList();
            List<SendLedger.Sent> unexpected = ledger.failed().stream().filter(s -> s.key != null).toList();
            assertThat(unexpected.size()).as("keyed records that failed (the first: %s)",
                    unexpected.isEmpty() ? "-" : unexpected.get(0)).isZero();
            assertThat(ledger.failed()).extracting(s -> s.id).as("exactly the null-key records fail")
                    .containsExactlyElementsOf(nullKeys);
            assertThat(ledger.failed()).allSatisfy(s -> assertThat(s.failure()).isInstanceOf(RecordErrorException.class)
                    .hasMessageContaining("INVALID_RECORD"));
            DeliveryInvariants.Report report = DeliveryInvariants.assertHold(broker, ledger);
            assertThat(report.acknowledged()).isEqualTo(2_970);
        }
    }

    @Test
    void belowProduceV8TheWholeBatchIsRejectedAndLaterBatchesAreStillWritten() {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1).asCompacted());
            broker.faults().when(ProduceMatcher.nthRequest(1)).delayResponse(Duration.ofMillis(300));
            SendLedger ledger = new SendLedger();
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker).apiVersion(7).build())) {
                ledger.sendPaced(producer, TOPIC, 0, 20, 0, Set.of(2));
                assertThat(ledger.awaitAll(FastProducers.DELIVERY_TIMEOUT_MS + 2_000)).as("every send completed").isTrue();
            }
            assertThat(broker.produceRequests()).allSatisfy(r -> assertThat(r.event().version()).isEqualTo((short) 7));
            // Without record_errors nobody knows which record was to blame: the null-key one fails,
            // its batch-mates may fail with it, but nothing after that batch may.
            assertThat(ledger.get(2).failure()).isInstanceOf(BrokerErrorException.class).hasMessageContaining("INVALID_RECORD");
            int lastFailed = ledger.failed().stream().mapToInt(s -> s.id).max().orElseThrow();
            assertThat(ledger.all().subList(lastFailed + 1, 20)).as("records after the rejected batch")
                    .isNotEmpty().allSatisfy(s -> assertThat(s.succeeded()).as(s.toString()).isTrue());
            assertThat(ledger.failed()).allSatisfy(s -> assertThat(s.failure()).hasMessageContaining("INVALID_RECORD"));
            DeliveryInvariants.assertHold(broker, ledger);
        }
    }
}
