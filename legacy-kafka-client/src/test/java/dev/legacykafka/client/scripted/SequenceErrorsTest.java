package dev.legacykafka.client.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.LegacyKafkaProducer;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The idempotent producer's sequence rules against the broker's answers, after kafka-clients'
 * SenderTest and TransactionManagerTest cases: duplicates are successes, lost producer state and
 * spurious OUT_OF_ORDER_SEQUENCE_NUMBER are recovered from, and retries go in order.
 */
class SequenceErrorsTest {

    private static final String TOPIC = "seq";

    @ParameterizedTest
    @EnumSource(BrokerBehaviour.DuplicateReply.class)
    void duplicateOfAWrittenBatchIsASuccess(BrokerBehaviour.DuplicateReply reply) {
        try (ScriptedBroker broker = ScriptedBroker.start(1, BrokerBehaviour.defaults().withDuplicateReply(reply))) {
            broker.createTopic(TopicSpec.of(TOPIC, 1));
            // Written, but the client never hears: its retry is a duplicate of a cached batch.
            broker.faults().when(ProduceMatcher.nthRequest(2)).dropResponse();
            SendLedger ledger = sendAndAwait(broker, 12);
            assertThat(broker.produceRequests()).extracting(ReceivedProduce::outcome).anyMatch(o -> o.startsWith("DUPLICATE"));
            assertThat(ledger.failed()).isEmpty();
            DeliveryInvariants.assertHold(broker, ledger, reply == BrokerBehaviour.DuplicateReply.DUPLICATE_SEQUENCE_NUMBER);
            assertThat(broker.log(TOPIC, 0)).hasSize(12);
        }
    }

    @ParameterizedTest
    @EnumSource(BrokerBehaviour.UnknownProducerReply.class)
    void lostProducerStateIsRecoveredFrom(BrokerBehaviour.UnknownProducerReply reply) {
        try (ScriptedBroker broker = ScriptedBroker.start(1, BrokerBehaviour.defaults().withUnknownProducerReply(reply))) {
            broker.createTopic(TopicSpec.of(TOPIC, 1));
            // Retention or producer-id expiry removed the producer's state just before its third batch.
            broker.faults().when(ProduceMatcher.nthBatchOf(TOPIC, 0, 3)).forgetProducer();
            SendLedger ledger = sendAndAwait(broker, 20);
            assertThat(ledger.failed()).isEmpty();
            DeliveryInvariants.assertHold(broker, ledger);
        }
    }

    @Test
    void outOfOrderWithoutAnEarlierBatchInFlightIsNotRetriedForever() {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1));
            SendLedger ledger = new SendLedger();
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker).build())) {
                ledger.send(producer, TOPIC, 0);
                assertThat(ledger.awaitAll(2_000)).isTrue();
                // Nothing is in flight before this batch: no retry of an earlier one can fill a gap.
                broker.faults().when(ProduceMatcher.partition(TOPIC, 0)).answer(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
                SendLedger.Sent lone = ledger.send(producer, TOPIC, 0);
                assertThat(ledger.awaitAll(FastProducers.DELIVERY_TIMEOUT_MS + 1_000)).as("the send completed").isTrue();
                SendLedger.Sent next = ledger.send(producer, TOPIC, 0);
                assertThat(ledger.awaitAll(2_000)).as("the partition still takes records").isTrue();
                assertThat(next.succeeded()).as(next.toString()).isTrue();
                assertThat(lone.future).isDone();
            }
            List<ReceivedProduce> attempts = broker.produceRequests(TOPIC, 0);
            assertThat(attempts.size()).as("attempts of a batch answered OUT_OF_ORDER_SEQUENCE_NUMBER with nothing before it")
                    .isLessThan(10);
            DeliveryInvariants.assertHold(broker, ledger);
        }
    }

    @Test
    void outOfOrderBehindAnEarlierBatchBeingRetriedWaitsForIt() {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1));
            // The first batch is written; the second is refused late, with batches behind it in flight.
            broker.faults().when(ProduceMatcher.nthRequest(2)).delayResponse(Duration.ofMillis(300));
            broker.faults().when(ProduceMatcher.nthRequest(2)).answer(Errors.NOT_ENOUGH_REPLICAS);
            // The batches behind it then meet a gap in the broker's sequence: OUT_OF_ORDER_SEQUENCE_NUMBER, naturally.
            SendLedger ledger = sendAndAwait(broker, 20);
            assertThat(broker.maxBatchesInFlight(TOPIC, 0)).as("batches in flight together").isGreaterThanOrEqualTo(3);
            assertThat(broker.produceRequests()).extracting(ReceivedProduce::error).contains(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
            assertThat(ledger.failed()).isEmpty();
            assertContiguousInSendOrder(broker, ledger);
        }
    }

    @Test
    void threeInFlightAnsweredLeaderNotAvailableThenOutOfOrderTwiceRetryInOrder() {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1));
            broker.faults().when(ProduceMatcher.nthRequest(2)).delayResponse(Duration.ofMillis(300));
            broker.faults().when(ProduceMatcher.nthRequest(2)).answer(Errors.LEADER_NOT_AVAILABLE);
            broker.faults().when(ProduceMatcher.nthRequest(3)).answer(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
            broker.faults().when(ProduceMatcher.nthRequest(4)).answer(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
            SendLedger ledger = new SendLedger();
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker).build())) {
                FastProducers.warmUp(producer, ledger, TOPIC, 0);
                ledger.sendPaced(producer, TOPIC, 0, 12);
                assertThat(ledger.awaitAll(FastProducers.DELIVERY_TIMEOUT_MS + 2_000)).as("every send completed").isTrue();
            }
            assertThat(broker.maxBatchesInFlight(TOPIC, 0)).as("batches in flight together").isGreaterThanOrEqualTo(3);
            assertThat(ledger.failed()).isEmpty();
            assertContiguousInSendOrder(broker, ledger);
        }
    }

    /**
     * Kafka 2.5+ takes any sequence from a producer it has no state for. If it loses the state
     * while an earlier batch waits for a retry, it writes later batches first; the earlier batch,
     * then refused as out of order, cannot be written in send order any more. It fails, naming
     * why, rather than being written after records sent later (found by seed 20280417).
     */
    @Test
    void aBatchOvertakenByLaterOnesAfterTheBrokerLostProducerStateFailsInsteadOfBreakingTheOrder() {
        try (ScriptedBroker broker = ScriptedBroker.start(1, BrokerBehaviour.defaults()
                .withUnknownProducerReply(BrokerBehaviour.UnknownProducerReply.ACCEPT))) {
            broker.createTopic(TopicSpec.of(TOPIC, 1));
            broker.faults().when(ProduceMatcher.nthRequest(2)).delayResponse(Duration.ofMillis(300));
            broker.faults().when(ProduceMatcher.nthRequest(2)).answer(Errors.NOT_ENOUGH_REPLICAS);
            broker.faults().when(ProduceMatcher.nthRequest(3)).forgetProducer();
            SendLedger ledger = new SendLedger();
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker).build())) {
                FastProducers.warmUp(producer, ledger, TOPIC, 0);
                ledger.sendPaced(producer, TOPIC, 0, 12);
                assertThat(ledger.awaitAll(FastProducers.DELIVERY_TIMEOUT_MS + 2_000)).as("every send completed").isTrue();
                SendLedger.Sent after = ledger.send(producer, TOPIC, 0);
                assertThat(ledger.awaitAll(2_000)).as("the partition still takes records").isTrue();
                assertThat(after.succeeded()).as(after.toString()).isTrue();
            }
            assertThat(broker.maxBatchesInFlight(TOPIC, 0)).as("batches in flight together").isGreaterThanOrEqualTo(3);
            assertThat(ledger.failed()).as("the overtaken batch's records").isNotEmpty().allSatisfy(sent ->
                    assertThat(sent.failure()).hasMessageContaining("OUT_OF_ORDER_SEQUENCE_NUMBER")
                            .hasMessageContaining("cannot be written in send order"));
            DeliveryInvariants.assertHold(broker, ledger);
        }
    }

    /**
     * Random schedule 20311642: the broker lost the producer's state, refused a batch for a record
     * without a key on a compacted topic, then took the next batch (any sequence, from an unknown
     * producer). The refused batch's valid records, re-encoded to go again, would follow records
     * sent after them: they fail instead, and nothing is written out of send order.
     */
    @Test
    void validRecordsOfARejectedBatchOvertakenByLaterOnesFailInsteadOfBreakingTheOrder() {
        try (ScriptedBroker broker = ScriptedBroker.start(1, BrokerBehaviour.defaults()
                .withUnknownProducerReply(BrokerBehaviour.UnknownProducerReply.ACCEPT))) {
            broker.createTopic(TopicSpec.of(TOPIC, 1).asCompacted());
            broker.faults().when(ProduceMatcher.nthRequest(2)).forgetProducer();
            broker.faults().when(ProduceMatcher.nthRequest(2)).delayResponse(Duration.ofMillis(300));
            SendLedger ledger = new SendLedger();
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker).build())) {
                FastProducers.warmUp(producer, ledger, TOPIC, 0);
                ledger.sendPaced(producer, TOPIC, 0, 12, 0, java.util.Set.of(1));
                assertThat(ledger.awaitAll(FastProducers.DELIVERY_TIMEOUT_MS + 2_000)).as("every send completed").isTrue();
                SendLedger.Sent after = ledger.send(producer, TOPIC, 0);
                assertThat(ledger.awaitAll(2_000)).as("the partition still takes records").isTrue();
                assertThat(after.succeeded()).as(after.toString()).isTrue();
            }
            assertThat(ledger.failed()).as("failed sends").anySatisfy(sent ->
                    assertThat(sent.failure()).hasMessageContaining("cannot be written in send order"));
            DeliveryInvariants.assertHold(broker, ledger);
        }
    }

    /** Offsets 0..n-1 in send order: every send acknowledged where the log has it. */
    private static void assertContiguousInSendOrder(ScriptedBroker broker, SendLedger ledger) {
        DeliveryInvariants.assertHold(broker, ledger);
        for (SendLedger.Sent sent : ledger.all()) {
            assertThat(sent.result().offset()).as(sent.toString()).isEqualTo(sent.id);
        }
    }

    private static SendLedger sendAndAwait(ScriptedBroker broker, int count) {
        SendLedger ledger = new SendLedger();
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker).build())) {
            ledger.sendPaced(producer, TOPIC, 0, count);
            assertThat(ledger.awaitAll(FastProducers.DELIVERY_TIMEOUT_MS + 2_000)).as("every send completed").isTrue();
        }
        return ledger;
    }
}
