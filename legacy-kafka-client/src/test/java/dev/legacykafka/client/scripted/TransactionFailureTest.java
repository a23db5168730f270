package dev.legacykafka.client.scripted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.errors.ProducerFencedException;
import dev.legacykafka.client.errors.TransactionStateException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/**
 * Records queued in a transaction that can no longer commit fail at once, naming why, instead of
 * waiting out the delivery timeout for a partition that will never join the transaction: a fenced
 * producer's, and those of a transaction the coordinator refused a partition of. A commit (which
 * flushes first) therefore fails fast too. Found on 0.11.0.3, where a zombie's commit took the
 * whole 120 s delivery timeout to fail.
 */
class TransactionFailureTest {

    private static final String TOPIC = "tx";
    private static final String FORBIDDEN = "tx-forbidden";
    /** Far above what the assertions wait: a record that waits for it fails the test. */
    private static final long DELIVERY_TIMEOUT_MS = 30_000;
    private static final long PROMPTLY_MS = 3_000;

    @Test
    void aFencedProducerFailsItsQueuedRecordsAndItsCommitAtOnce() {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 2));
            SendLedger ledger = new SendLedger();
            try (LegacyKafkaProducer zombie = new LegacyKafkaProducer(config(broker, "tx-fenced"));
                 LegacyKafkaProducer successor = new LegacyKafkaProducer(config(broker, "tx-fenced"))) {
                zombie.initTransactions();
                zombie.beginTransaction();
                successor.initTransactions(); // a new epoch: the zombie is fenced at its next request

                for (int i = 0; i < 6; i++) {
                    ledger.send(zombie, TOPIC, i % 2);
                }
                assertThat(ledger.awaitAll(PROMPTLY_MS)).as("every record of the fenced producer completed promptly").isTrue();
                assertThat(ledger.succeeded()).isEmpty();
                for (SendLedger.Sent sent : ledger.all()) {
                    assertThat(sent.failure()).isInstanceOf(ProducerFencedException.class);
                }
                long start = System.nanoTime();
                assertThatThrownBy(zombie::commitTransaction).isInstanceOf(ProducerFencedException.class);
                assertThat((System.nanoTime() - start) / 1_000_000).as("ms until the commit failed").isLessThan(PROMPTLY_MS);
            }
            assertThat(broker.transactionEnds()).isEmpty();
            assertThat(broker.log(TOPIC, 0)).isEmpty();
        }
    }

    @Test
    void aPartitionTheCoordinatorRefusesFailsTheTransactionAtOnceAndTheNextOneCommits() {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1)).createTopic(TopicSpec.of(FORBIDDEN, 1));
            broker.refuseInTransactions(FORBIDDEN, Errors.TOPIC_AUTHORIZATION_FAILED);
            SendLedger ledger = new SendLedger();
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config(broker, "tx-refused"))) {
                producer.initTransactions();
                producer.beginTransaction();
                List<SendLedger.Sent> refused = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    refused.add(ledger.send(producer, FORBIDDEN, 0));
                }
                assertThat(ledger.awaitAll(PROMPTLY_MS)).as("the refused partition's records completed promptly").isTrue();
                for (SendLedger.Sent sent : refused) {
                    assertThat(sent.failure()).isInstanceOf(TransactionStateException.class)
                            .hasMessageContaining("TOPIC_AUTHORIZATION_FAILED");
                }
                long start = System.nanoTime();
                assertThatThrownBy(producer::commitTransaction).isInstanceOf(TransactionStateException.class)
                        .hasMessageContaining("abortTransaction");
                assertThat((System.nanoTime() - start) / 1_000_000).as("ms until the commit failed").isLessThan(PROMPTLY_MS);
                producer.abortTransaction();

                producer.beginTransaction();
                for (int i = 0; i < 3; i++) {
                    ledger.send(producer, TOPIC, 0);
                }
                producer.commitTransaction();
            }
            assertThat(broker.transactionEnds()).extracting(TransactionHandler.TransactionEnd::committed).containsExactly(true);
            assertThat(broker.log(TOPIC, 0)).hasSize(3);
            assertThat(broker.log(FORBIDDEN, 0)).isEmpty();
        }
    }

    private static ProducerConfig config(ScriptedBroker broker, String transactionalId) {
        return FastProducers.config(broker).transactionalId(transactionalId).deliveryTimeoutMs(DELIVERY_TIMEOUT_MS)
                .maxBlockMs(10_000).build();
    }
}
