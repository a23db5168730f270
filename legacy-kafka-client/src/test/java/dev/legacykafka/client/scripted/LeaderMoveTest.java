package dev.legacykafka.client.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.LegacyKafkaProducer;
import java.time.Duration;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A partition's leader moves while batches are in flight: the old leader answers
 * NOT_LEADER_OR_FOLLOWER (naming the new leader on Produce v10+ when it knows it, KIP-951), and the
 * producer follows, keeping every record once and in order.
 */
class LeaderMoveTest {

    private static final String TOPIC = "moving";

    @ParameterizedTest(name = "leader hint: {0}")
    @ValueSource(booleans = {true, false})
    void leaderMovesWithBatchesInFlight(boolean leaderHint) {
        try (ScriptedBroker broker = ScriptedBroker.start(3)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1).leaders(0));
            // Batch 2 is answered late, so batches 3.. are in flight when the leader moves under batch 3.
            broker.faults().when(ProduceMatcher.nthBatchOf(TOPIC, 0, 2)).delayResponse(Duration.ofMillis(300));
            broker.faults().when(ProduceMatcher.nthBatchOf(TOPIC, 0, 3)).moveLeader(1, leaderHint);
            SendLedger ledger = new SendLedger();
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker).build())) {
                ledger.sendPaced(producer, TOPIC, 0, 30);
                assertThat(ledger.awaitAll(FastProducers.DELIVERY_TIMEOUT_MS + 2_000)).as("every send completed").isTrue();
            }
            assertThat(broker.produceRequests()).extracting(ReceivedProduce::error).contains(Errors.NOT_LEADER_OR_FOLLOWER);
            assertThat(broker.maxBatchesInFlight(TOPIC, 0)).as("batches in flight together").isGreaterThanOrEqualTo(2);
            assertThat(broker.produceRequests()).as("the new leader took the later batches")
                    .anyMatch(r -> r.appended() && r.event().nodeId() == 1);
            assertThat(ledger.failed()).isEmpty();
            DeliveryInvariants.assertHold(broker, ledger);
            assertThat(broker.log(TOPIC, 0)).hasSize(30);
        }
    }
}
