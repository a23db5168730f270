package dev.legacykafka.client.scripted;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.protocol.Errors;

/**
 * One seeded random run of a transactional producer against the scripted broker: a few
 * transactions, committed or aborted at random, while Produce requests meet random faults (errors,
 * lost requests and answers, slow answers, dropped connections, leader moves). Besides the delivery
 * invariants it checks the transaction ones: a transaction the producer reports committed was
 * committed at the coordinator, with every record of it acknowledged and in the log once; one that
 * could not commit is aborted; after the faults stop a transaction commits, and close returns in time.
 */
final class RandomTransactionScenario extends SeededScenario {

    static final String TOPIC = "random-tx";
    private static final int REQUEST_TIMEOUT_MS = 300;
    private static final long DELIVERY_TIMEOUT_MS = 1_500;
    private static final Errors[] RETRIABLE_ERRORS = {Errors.NOT_LEADER_OR_FOLLOWER, Errors.LEADER_NOT_AVAILABLE,
            Errors.NOT_ENOUGH_REPLICAS, Errors.REQUEST_TIMED_OUT, Errors.UNKNOWN_TOPIC_OR_PARTITION};

    RandomTransactionScenario(long seed) {
        super(seed);
    }

    @Override
    List<String> run() {
        int nodes = 1 + random.nextInt(3);
        int partitions = 1 + random.nextInt(3);
        description.add("transactional: " + nodes + " node(s), " + partitions + " partition(s)");
        List<String> violations = new ArrayList<>();
        try (ScriptedBroker broker = ScriptedBroker.start(nodes)) {
            broker.createTopic(TopicSpec.of(TOPIC, partitions));
            ProducerConfig config = FastProducers.config(broker).transactionalId("random-tx-" + seed)
                    .requestTimeoutMs(REQUEST_TIMEOUT_MS).deliveryTimeoutMs(DELIVERY_TIMEOUT_MS)
                    .lingerMs(random.nextInt(4)).batchSize(120 + random.nextInt(300)).build();
            SendLedger ledger = new SendLedger();
            List<List<SendLedger.Sent>> committed = new ArrayList<>();
            int aborted = 0;
            LegacyKafkaProducer producer = new LegacyKafkaProducer(config);
            try {
                producer.initTransactions();
                scheduleFaults(broker, nodes, partitions);
                int transactions = 2 + random.nextInt(4);
                for (int t = 0; t < transactions; t++) {
                    List<SendLedger.Sent> sends = runTransaction(producer, ledger, partitions, random.nextInt(4) == 0);
                    if (sends != null) {
                        committed.add(sends);
                    } else {
                        aborted++;
                    }
                }
                broker.faults().clear();
                List<SendLedger.Sent> last = runTransaction(producer, ledger, partitions, false);
                if (last == null) {
                    violations.add("a transaction could not commit after the faults stopped");
                } else {
                    committed.add(last);
                }
            } catch (RuntimeException e) {
                violations.add("the producer failed outside a transaction's commit: " + e);
            } finally {
                closeInTime(producer, ledger, violations);
            }
            long commitsAtCoordinator = broker.transactionEnds().stream().filter(TransactionHandler.TransactionEnd::committed).count();
            if (commitsAtCoordinator != committed.size()) {
                violations.add(committed.size() + " transaction(s) reported committed, but the coordinator committed "
                        + commitsAtCoordinator);
            }
            for (List<SendLedger.Sent> transaction : committed) {
                for (SendLedger.Sent sent : transaction) {
                    if (!sent.succeeded()) {
                        violations.add("a committed transaction holds a send that did not succeed: " + sent);
                    }
                }
            }
            DeliveryInvariants.Report report = DeliveryInvariants.check(broker, ledger);
            violations.addAll(report.violations());
            description.add("outcome: " + committed.size() + " committed, " + aborted + " aborted; " + report);
            description.add("faults as fired: " + broker.faults().rules());
            if (!violations.isEmpty()) {
                description.add("Produce requests received:\n" + broker.describeProduceRequests());
            }
        }
        return violations;
    }

    /** One transaction; returns its sends if it committed, null if it was aborted (on purpose or because commit failed). */
    private List<SendLedger.Sent> runTransaction(LegacyKafkaProducer producer, SendLedger ledger, int partitions,
                                                 boolean abortOnPurpose) {
        producer.beginTransaction();
        List<SendLedger.Sent> sends = new ArrayList<>();
        int count = 3 + random.nextInt(15);
        for (int i = 0; i < count; i++) {
            sends.add(ledger.send(producer, TOPIC, random.nextInt(partitions), "k" + ledger.all().size(), random.nextInt(40)));
        }
        if (abortOnPurpose) {
            producer.abortTransaction();
            description.add("transaction of " + count + " aborted on purpose");
            return null;
        }
        try {
            producer.commitTransaction();
            description.add("transaction of " + count + " committed");
            return sends;
        } catch (RuntimeException e) {
            description.add("transaction of " + count + " could not commit (" + e.getMessage() + "); aborted");
            producer.abortTransaction();
            return null;
        }
    }

    private void scheduleFaults(ScriptedBroker broker, int nodes, int partitions) {
        int faults = random.nextInt(6);
        for (int i = 0; i < faults; i++) {
            boolean byRequest = random.nextBoolean();
            int n = byRequest ? 1 + random.nextInt(12) : 1 + random.nextInt(5);
            int partition = random.nextInt(partitions);
            if (random.nextInt(6) == 0) {
                // Every request of a partition lost for longer than the delivery timeout: batches expire
                // after unanswered attempts, so whether they were written is unknown.
                int times = 6 + random.nextInt(4);
                broker.faults().when(ProduceMatcher.partition(TOPIC, partition)).dropRequest().times(times);
                description.add("fault #" + (i + 1) + ": the next " + times + " requests of " + TOPIC + "-" + partition + " lost");
                continue;
            }
            ProduceMatcher matcher = byRequest ? ProduceMatcher.nthRequest(n) : ProduceMatcher.nthBatchOf(TOPIC, partition, n);
            FaultSchedule.RuleBuilder rule = broker.faults().when(matcher);
            FaultRule added = switch (random.nextInt(8)) {
                case 0 -> rule.answer(RETRIABLE_ERRORS[random.nextInt(RETRIABLE_ERRORS.length)]);
                case 1 -> rule.appendThenAnswer(Errors.NOT_ENOUGH_REPLICAS_AFTER_APPEND);
                case 2 -> rule.dropResponse();
                case 3 -> rule.dropRequest();
                case 4 -> rule.delayResponse(Duration.ofMillis(20 + random.nextInt(400)));
                case 5 -> rule.closeBeforeAppend();
                case 6 -> rule.closeAfterAppend();
                default -> rule.moveLeader(random.nextInt(nodes), random.nextBoolean());
            };
            if (random.nextInt(4) == 0) {
                added.times(2 + random.nextInt(3));
            }
            description.add("fault #" + (i + 1) + ": " + added.kind() + " on " + (byRequest ? "Produce request #" + n
                    : "batch #" + n + " of " + TOPIC + "-" + partition));
        }
    }

}
