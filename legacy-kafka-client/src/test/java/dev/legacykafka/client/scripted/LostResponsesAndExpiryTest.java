package dev.legacykafka.client.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.LegacyKafkaProducer;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/**
 * Outcomes the producer cannot see: responses lost after the append (the retry must be recognised
 * as a duplicate, never written twice) and batches that fail for good after they were sent (their
 * sequences leave a gap that must not stall the partition).
 */
class LostResponsesAndExpiryTest {

    private static final String TOPIC = "lossy";

    @Test
    void responsesLostAfterTheAppendAreRecognisedAsDuplicates() {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1));
            broker.faults().when(ProduceMatcher.nthRequest(2)).dropResponse();
            broker.faults().when(ProduceMatcher.nthBatchOf(TOPIC, 0, 5)).closeAfterAppend();
            broker.faults().when(ProduceMatcher.nthBatchOf(TOPIC, 0, 7)).appendThenAnswer(Errors.NOT_ENOUGH_REPLICAS_AFTER_APPEND);
            SendLedger ledger = new SendLedger();
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker).build())) {
                ledger.sendPaced(producer, TOPIC, 0, 30);
                assertThat(ledger.awaitAll(FastProducers.DELIVERY_TIMEOUT_MS + 2_000)).as("every send completed").isTrue();
            }
            assertThat(broker.faults().rules()).allSatisfy(rule -> assertThat(rule.fired()).as(rule.toString()).isOne());
            assertThat(ledger.failed()).isEmpty();
            DeliveryInvariants.assertHold(broker, ledger);
            assertThat(broker.log(TOPIC, 0)).as("no record written twice").hasSize(30);
        }
    }

    @Test
    void batchThatExpiredAfterBeingSentLeavesNoStalledPartition() {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1));
            SendLedger ledger = new SendLedger();
            long deliveryTimeoutMs = 1_200;
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker)
                    .requestTimeoutMs(400).deliveryTimeoutMs(deliveryTimeoutMs).build())) {
                ledger.send(producer, TOPIC, 0);
                assertThat(ledger.awaitAll(2_000)).isTrue();
                // Every request is lost until these sends expire: they had sequences, so they leave a gap.
                FaultRule drop = broker.faults().when(ProduceMatcher.partition(TOPIC, 0)).dropRequest().always();
                for (int i = 0; i < 5; i++) {
                    ledger.send(producer, TOPIC, 0);
                }
                assertThat(ledger.awaitAll(deliveryTimeoutMs + 2_000)).as("the lost sends completed").isTrue();
                assertThat(drop.fired()).isPositive();
                assertThat(ledger.failed()).as("sends whose requests were all lost fail").isNotEmpty();
                broker.faults().clear();
                for (int i = 0; i < 10; i++) {
                    ledger.send(producer, TOPIC, 0);
                }
                assertThat(ledger.awaitAll(deliveryTimeoutMs + 2_000)).as("the later sends completed").isTrue();
            }
            assertThat(ledger.all().subList(6, 16)).as("sends after the gap")
                    .allSatisfy(s -> assertThat(s.succeeded()).as(s.toString()).isTrue());
            assertThat(ledger.failed()).allSatisfy(s -> assertThat(s.outcomeUncertain()).as(s.toString()).isTrue());
            DeliveryInvariants.assertHold(broker, ledger);
        }
    }

    @Test
    void batchThatFailedForGoodAfterBeingSentLeavesNoStalledPartition() {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1));
            // A non-retriable answer for the second batch: it fails for good with its sequences used.
            broker.faults().when(ProduceMatcher.nthBatchOf(TOPIC, 0, 2)).answer(Errors.INVALID_REQUIRED_ACKS);
            SendLedger ledger = new SendLedger();
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker).build())) {
                ledger.sendPaced(producer, TOPIC, 0, 20);
                assertThat(ledger.awaitAll(FastProducers.DELIVERY_TIMEOUT_MS + 2_000)).as("every send completed").isTrue();
            }
            assertThat(ledger.failed()).as("the rejected batch fails").isNotEmpty()
                    .allSatisfy(s -> assertThat(s.failure()).hasMessageContaining("INVALID_REQUIRED_ACKS"));
            int lastFailed = ledger.failed().stream().mapToInt(s -> s.id).max().orElseThrow();
            assertThat(ledger.all().subList(lastFailed + 1, 20)).as("sends after the failed batch")
                    .isNotEmpty().allSatisfy(s -> assertThat(s.succeeded()).as(s.toString()).isTrue());
            DeliveryInvariants.assertHold(broker, ledger);
        }
    }
}
