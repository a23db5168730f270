package dev.legacykafka.client.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.errors.BrokerErrorException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * MESSAGE_TOO_LARGE under idempotence: the producer splits the batch; the split parts, and the
 * batches that were in flight behind the original, are written once and in order. A record too
 * large on its own fails alone and leaves no stalled partition behind.
 */
class MessageTooLargeTest {

    private static final String TOPIC = "small-messages";

    @Test
    void batchSplitUnderIdempotenceWithLaterBatchesInFlight() {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1).maxMessageBytes(400));
            broker.faults().when(ProduceMatcher.nthRequest(2)).delayResponse(Duration.ofMillis(300));
            SendLedger ledger = new SendLedger();
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker)
                    .batchSize(1_200).build())) {
                FastProducers.warmUp(producer, ledger, TOPIC, 0);
                ledger.sendPaced(producer, TOPIC, 0, 60, 40, java.util.Set.of());
                assertThat(ledger.awaitAll(FastProducers.DELIVERY_TIMEOUT_MS + 2_000)).as("every send completed").isTrue();
            }
            assertThat(broker.maxBatchesInFlight(TOPIC, 0)).as("batches in flight together").isGreaterThanOrEqualTo(3);
            assertThat(broker.produceRequests()).extracting(ReceivedProduce::error)
                    .contains(org.apache.kafka.common.protocol.Errors.MESSAGE_TOO_LARGE);
            assertThat(ledger.failed()).as("every record fits on its own, so none fails").isEmpty();
            DeliveryInvariants.Report report = DeliveryInvariants.assertHold(broker, ledger);
            assertThat(report.acknowledged()).isEqualTo(61);
        }
    }

    @Test
    void recordTooLargeForTheTopicFailsAloneAndLaterSendsSucceed() {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1).maxMessageBytes(400));
            SendLedger ledger = new SendLedger();
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker).build())) {
                ledger.send(producer, TOPIC, 0);
                ledger.send(producer, TOPIC, 0, "big", 600);
                for (int i = 0; i < 20; i++) {
                    ledger.send(producer, TOPIC, 0);
                }
                assertThat(ledger.awaitAll(FastProducers.DELIVERY_TIMEOUT_MS + 2_000)).as("every send completed").isTrue();
                // The rejected record's sequence left a gap: the partition must still take new records.
                SendLedger.Sent after = ledger.send(producer, TOPIC, 0);
                assertThat(ledger.awaitAll(FastProducers.DELIVERY_TIMEOUT_MS + 2_000)).isTrue();
                assertThat(after.succeeded()).as(after.toString()).isTrue();
            }
            assertThat(ledger.get(1).failure()).isInstanceOf(BrokerErrorException.class)
                    .hasMessageContaining("MESSAGE_TOO_LARGE");
            assertThat(ledger.failed()).containsExactly(ledger.get(1));
            DeliveryInvariants.assertHold(broker, ledger);
        }
    }
}
