package dev.legacykafka.client.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.test.cluster.ClusterBroker;
import dev.legacykafka.test.cluster.KafkaCluster;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactions while every broker in turn is killed and started again, so the transaction
 * coordinator and the partition leaders all move at least once (Kafka's transactions_test and
 * TransactionsBounceTest): every third transaction is aborted on purpose; a read_committed reader
 * must see each committed transaction exactly once and whole, no aborted one, and no part of any.
 */
final class ClusterTransactions {

    private static final Logger log = LoggerFactory.getLogger(ClusterTransactions.class);
    private static final int RECORDS_PER_TRANSACTION = 50;

    /** How a transaction ended as the producer saw it. */
    enum Outcome { COMMITTED, ABORTED, UNKNOWN }

    private ClusterTransactions() {
    }

    static void underRollingHardBounce(KafkaCluster cluster, String topic) throws Exception {
        cluster.createTopic(topic, 3, 3);
        Map<Integer, Outcome> outcomes = new HashMap<>();
        AtomicBoolean bouncing = new AtomicBoolean(true);
        Thread bouncer = new Thread(() -> {
            try {
                Thread.sleep(2_000);
                for (ClusterBroker broker : cluster.brokers()) {
                    broker.kill();
                    Thread.sleep(3_000);
                    broker.start();
                    cluster.awaitFullIsr(topic, Duration.ofSeconds(120));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                bouncing.set(false);
            }
        }, "rolling-hard-bounce");
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(ClusterFaultsIT.config(cluster, topic)
                .transactionalId("tx-" + topic).transactionTimeoutMs(30_000).build())) {
            producer.initTransactions();
            bouncer.start();
            int transaction = 0;
            while (bouncing.get() || transaction < 10) {
                outcomes.put(transaction, runOne(producer, topic, transaction));
                transaction++;
            }
        } finally {
            bouncer.join(300_000);
        }
        // The coordinator writes the commit markers after EndTxn returned (with transactions v2 too):
        // a read_committed reader sees the last transaction once they are written. Read until every
        // committed transaction is whole or the markers had 30 s.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<ConsumedRecord> records;
        Map<Integer, Integer> seen;
        Map<String, Integer> copies;
        int reads = 0;
        do {
            reads++;
            records = KcatReader.readToEnd(cluster.bootstrapServers(), topic, Duration.ofSeconds(90));
            seen = new HashMap<>();
            copies = new HashMap<>();
            for (ConsumedRecord record : records) {
                copies.merge(record.value(), 1, Integer::sum);
                seen.merge(Integer.parseInt(record.value().substring(1, record.value().indexOf('-'))), 1, Integer::sum);
            }
        } while (!committedWhole(outcomes, seen) && System.nanoTime() < deadline && pause(1_000));
        Map<Outcome, Integer> counts = new HashMap<>();
        outcomes.values().forEach(o -> counts.merge(o, 1, Integer::sum));
        log.info("Kafka {} x3, transactions through a rolling hard bounce: {} transactions {}, {} records read committed"
                + " (reads until every committed transaction was whole: {})", cluster.version(), outcomes.size(), counts,
                records.size(), reads);
        assertThat(copies.values()).as("no record read twice").allMatch(c -> c == 1);
        for (Map.Entry<Integer, Outcome> entry : outcomes.entrySet()) {
            int visible = seen.getOrDefault(entry.getKey(), 0);
            switch (entry.getValue()) {
                case COMMITTED -> assertThat(visible).as("committed transaction %d", entry.getKey())
                        .isEqualTo(RECORDS_PER_TRANSACTION);
                case ABORTED -> assertThat(visible).as("aborted transaction %d", entry.getKey()).isZero();
                case UNKNOWN -> assertThat(visible).as("transaction %d of unknown outcome: all or nothing", entry.getKey())
                        .isIn(0, RECORDS_PER_TRANSACTION);
            }
        }
        assertThat(counts.getOrDefault(Outcome.COMMITTED, 0)).as("transactions committed").isPositive();
    }

    private static boolean committedWhole(Map<Integer, Outcome> outcomes, Map<Integer, Integer> seen) {
        return outcomes.entrySet().stream().filter(e -> e.getValue() == Outcome.COMMITTED)
                .allMatch(e -> seen.getOrDefault(e.getKey(), 0) == RECORDS_PER_TRANSACTION);
    }

    /** After a failure, do not spin through transactions while the cluster recovers. */
    private static void pause() {
        pause(200);
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Outcome runOne(LegacyKafkaProducer producer, String topic, int transaction) {
        boolean abortOnPurpose = transaction % 3 == 2;
        try {
            producer.beginTransaction();
            for (int i = 0; i < RECORDS_PER_TRANSACTION; i++) {
                byte[] value = ("t" + transaction + "-" + i).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord(topic, i % 3, null, value, null, null));
            }
            if (abortOnPurpose) {
                producer.abortTransaction();
                return Outcome.ABORTED;
            }
            producer.commitTransaction();
            return Outcome.COMMITTED;
        } catch (RuntimeException e) {
            log.info("Transaction {} failed: {}", transaction, e.toString());
            pause();
            try {
                producer.abortTransaction();
                return Outcome.ABORTED;
            } catch (RuntimeException abortFailed) {
                log.info("Abort of transaction {} failed too: {}", transaction, abortFailed.toString());
                return Outcome.UNKNOWN;
            }
        }
    }
}
