package dev.legacykafka.client.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.LegacyKafkaProducer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Metadata answers a cluster gives while it recovers: a restarting broker with an empty cache
 * (no brokers, INVALID_REPLICATION_FACTOR for the topics it was asked to auto-create) and
 * partitions without a leader during an election. Neither may strand queued records, and the
 * producer must not hammer the cluster with Metadata requests meanwhile.
 */
class MetadataFaultsTest {

    private static final String TOPIC = "recovering";

    @Test
    void anEmptyCacheAnswerForAKnownTopicStrandsNothing() {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1));
            SendLedger ledger = new SendLedger();
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker).build())) {
                FastProducers.warmUp(producer, ledger, TOPIC, 0);
                // The connection drops under batch 3; the refresh that follows meets a broker that forgot the cluster.
                broker.faults().failMetadata(FaultSchedule.MetadataFault.EMPTY_CACHE, 3);
                broker.faults().when(ProduceMatcher.nthBatchOf(TOPIC, 0, 3)).closeBeforeAppend();
                // All queued at once: no later send asks for the topic again.
                for (int i = 0; i < 20; i++) {
                    ledger.send(producer, TOPIC, 0);
                }
                assertThat(ledger.awaitAll(FastProducers.DELIVERY_TIMEOUT_MS + 2_000)).as("every send completed").isTrue();
            }
            assertThat(ledger.failed()).as("no send failed").isEmpty();
            assertThat(broker.metadataRequestTimes().size()).as("the empty-cache answers were given").isGreaterThan(3);
            DeliveryInvariants.assertHold(broker, ledger);
            assertThat(broker.log(TOPIC, 0)).hasSize(21);
        }
    }

    @Test
    void aNewTopicAnsweredWithAnEmptyCacheIsAskedForAgain() {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1));
            broker.faults().failMetadata(FaultSchedule.MetadataFault.EMPTY_CACHE, 2);
            SendLedger ledger = new SendLedger();
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker).build())) {
                ledger.send(producer, TOPIC, 0);
                assertThat(ledger.awaitAll(FastProducers.DELIVERY_TIMEOUT_MS + 2_000)).as("the send completed").isTrue();
            }
            assertThat(ledger.failed()).as("INVALID_REPLICATION_FACTOR from an empty cache is transient").isEmpty();
            assertThat(broker.log(TOPIC, 0)).hasSize(1);
        }
    }

    @Test
    void aLeaderlessPartitionIsAskedAboutWithBackoffWhileOthersAreBusy() {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 2));
            SendLedger ledger = new SendLedger();
            long backoffMs = 100;
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker)
                    .retryBackoffMs(backoffMs).retryBackoffMaxMs(backoffMs).build())) {
                FastProducers.warmUp(producer, ledger, TOPIC, 0);
                FastProducers.warmUp(producer, ledger, TOPIC, 1);
                // An election leaves partition 0 leaderless; the connection drop makes the producer ask.
                broker.faults().failMetadata(FaultSchedule.MetadataFault.NO_LEADER, 100_000);
                broker.faults().when(ProduceMatcher.nthBatchOf(TOPIC, 0, 2)).closeBeforeAppend();
                ledger.send(producer, TOPIC, 0);
                long windowStart = System.currentTimeMillis();
                // Partition 1 stays busy for about a second: every answer wakes the network thread.
                ledger.sendPaced(producer, TOPIC, 1, 400);
                long windowEnd = System.currentTimeMillis();
                broker.faults().clear();
                assertThat(ledger.awaitAll(FastProducers.DELIVERY_TIMEOUT_MS + 2_000)).as("every send completed").isTrue();
                long requests = broker.metadataRequestTimes().stream().filter(t -> t >= windowStart && t <= windowEnd).count();
                long allowed = 2 + (windowEnd - windowStart) / backoffMs * 3 / 2;
                assertThat(requests).as("Metadata requests in %d ms with a %d ms backoff", windowEnd - windowStart, backoffMs)
                        .isBetween(2L, allowed);
            }
            assertThat(ledger.failed()).isEmpty();
            DeliveryInvariants.assertHold(broker, ledger);
        }
    }
}
