package dev.legacykafka.client.scripted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.LegacyKafkaProducer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A transactional batch that expires after an attempt the broker never answered may or may not be
 * in the log, so its sequence numbers can be neither reused nor skipped: the transaction must
 * abort, and the producer must take a new epoch (InitProducerId) after the abort so the next
 * transaction starts its sequences afresh and commits.
 */
class TransactionEpochBumpTest {

    private static final String TOPIC = "tx";

    @Test
    void aBatchOfUnknownOutcomeAbortsTheTransactionAndTheNextOneCommitsUnderANewEpoch() {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1));
            SendLedger ledger = new SendLedger();
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker)
                    .transactionalId("tx-bump").requestTimeoutMs(300).deliveryTimeoutMs(1_000).build())) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < 5; i++) {
                    ledger.send(producer, TOPIC, 0);
                }
                producer.commitTransaction();

                // Every request of the partition is lost until the batch expires: written or not, nobody knows.
                FaultRule lost = broker.faults().when(ProduceMatcher.partition(TOPIC, 0)).dropRequest().always();
                producer.beginTransaction();
                for (int i = 0; i < 3; i++) {
                    ledger.send(producer, TOPIC, 0);
                }
                assertThatThrownBy(producer::commitTransaction).as("a transaction with an expired batch cannot commit");
                broker.faults().clear();
                producer.abortTransaction();
                assertThat(lost.fired()).isPositive();

                producer.beginTransaction();
                for (int i = 0; i < 5; i++) {
                    ledger.send(producer, TOPIC, 0);
                }
                producer.commitTransaction();
            }
            List<TransactionHandler.TransactionEnd> ends = broker.transactionEnds();
            assertThat(ends).extracting(TransactionHandler.TransactionEnd::committed).containsExactly(true, false, true);
            assertThat(ends.get(2).producerEpoch()).as("the epoch after the abort").isEqualTo((short) (ends.get(1).producerEpoch() + 1));
            List<ReceivedProduce> last = broker.produceRequests();
            ReceivedProduce lastBatch = last.get(last.size() - 1);
            assertThat(lastBatch.event().producerEpoch()).isEqualTo(ends.get(2).producerEpoch());
            assertThat(lastBatch.event().lastSequence()).as("sequences start afresh in the new epoch").isLessThan(5);
            assertThat(ledger.failed()).hasSize(3);
            assertThat(broker.log(TOPIC, 0)).as("first and third transactions' records").hasSize(10);
        }
    }
}
