package dev.legacykafka.client.scripted;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.protocol.Errors;

/**
 * One seeded random run against the scripted broker: a random cluster and broker generation,
 * random sends (null keys on compacted topics, records too large for the topic), random faults
 * from the schedule's whole vocabulary; then the faults stop and every partition must take
 * records again, close must return in time, and the delivery invariants must hold.
 */
final class RandomFaultScenario extends SeededScenario {

    static final String TOPIC = "random";
    private static final int REQUEST_TIMEOUT_MS = 300;
    private static final long DELIVERY_TIMEOUT_MS = 2_000;
    private static final int MAX_MESSAGE_BYTES = 600;
    /** Retriable errors a partition leader may answer without writing anything. */
    private static final Errors[] RETRIABLE_ERRORS = {Errors.NOT_LEADER_OR_FOLLOWER, Errors.LEADER_NOT_AVAILABLE,
            Errors.NOT_ENOUGH_REPLICAS, Errors.REQUEST_TIMED_OUT, Errors.OUT_OF_ORDER_SEQUENCE_NUMBER,
            Errors.UNKNOWN_TOPIC_OR_PARTITION, Errors.KAFKA_STORAGE_ERROR};

    RandomFaultScenario(long seed) {
        super(seed);
    }

    @Override
    List<String> run() {
        int nodes = 1 + random.nextInt(3);
        int partitions = 1 + random.nextInt(3);
        boolean compacted = random.nextBoolean();
        BrokerBehaviour behaviour = new BrokerBehaviour(pick(BrokerBehaviour.DuplicateReply.values()),
                pick(BrokerBehaviour.UnknownProducerReply.values()), random.nextBoolean());
        TopicSpec topic = TopicSpec.of(TOPIC, partitions).maxMessageBytes(MAX_MESSAGE_BYTES);
        topic = compacted ? topic.asCompacted() : topic;
        description.add(nodes + " node(s), " + partitions + " partition(s), compacted=" + compacted + ", " + behaviour);
        List<String> violations = new ArrayList<>();
        List<FaultRule> firedFaults = List.of();
        try (ScriptedBroker broker = ScriptedBroker.start(nodes, behaviour)) {
            broker.createTopic(topic);
            scheduleFaults(broker, nodes, partitions);
            ProducerConfig config = FastProducers.config(broker).requestTimeoutMs(REQUEST_TIMEOUT_MS)
                    .deliveryTimeoutMs(DELIVERY_TIMEOUT_MS).lingerMs(random.nextInt(4)).batchSize(120 + random.nextInt(300))
                    .build();
            description.add("linger " + config.lingerMs() + " ms, batch size " + config.batchSize());
            SendLedger ledger = new SendLedger();
            AcknowledgementCounter acknowledgements = new AcknowledgementCounter();
            LegacyKafkaProducer producer = new LegacyKafkaProducer(config, acknowledgements);
            try {
                sendRandomly(producer, ledger, partitions, compacted);
                if (!ledger.awaitAll(DELIVERY_TIMEOUT_MS + 1_500)) {
                    violations.add(ledger.pending().size() + " send(s) still incomplete " + (DELIVERY_TIMEOUT_MS + 1_500)
                            + " ms after the last send, e.g. " + ledger.pending().get(0));
                }
                firedFaults = broker.faults().rules();
                broker.faults().clear();
                checkEveryPartitionTakesRecords(producer, ledger, partitions, violations);
            } finally {
                closeInTime(producer, ledger, violations);
            }
            // After close the network thread is done: every listener call has happened.
            if (acknowledgements.records() != ledger.succeeded().size()) {
                violations.add("the listener heard " + acknowledgements.records() + " record(s) acknowledged, but "
                        + ledger.succeeded().size() + " send(s) succeeded");
            }
            DeliveryInvariants.Report report = DeliveryInvariants.check(broker, ledger,
                    behaviour.duplicateReply() == BrokerBehaviour.DuplicateReply.DUPLICATE_SEQUENCE_NUMBER);
            violations.addAll(report.violations());
            description.add("outcome: " + report.acknowledged() + " acknowledged, " + report.failedForSure()
                    + " failed for sure, " + report.uncertain() + " uncertain (" + report.uncertainWritten() + " written)");
            description.add("faults as fired: " + firedFaults);
            if (!violations.isEmpty()) {
                description.add("Produce requests received:\n" + limit(broker.describeProduceRequests(), 80));
            }
        }
        return violations;
    }


    /** Fault kinds after which the producer may not know a written batch was written. */
    private static final java.util.Set<Integer> LOSES_ANSWERS = java.util.Set.of(1, 2, 4, 6);

    private void scheduleFaults(ScriptedBroker broker, int nodes, int partitions) {
        int faults = random.nextInt(6);
        boolean answersLost = false;
        boolean stateLost = false;
        boolean refusedInOrder = false;
        for (int i = 0; i < faults; i++) {
            boolean byRequest = random.nextBoolean();
            int n = byRequest ? 1 + random.nextInt(15) : 1 + random.nextInt(6);
            int partition = random.nextInt(partitions);
            ProduceMatcher matcher = byRequest ? ProduceMatcher.nthRequest(n) : ProduceMatcher.nthBatchOf(TOPIC, partition, n);
            String target = byRequest ? "Produce request #" + n : "batch #" + n + " of " + TOPIC + "-" + partition;
            FaultSchedule.RuleBuilder rule = broker.faults().when(matcher);
            int kind = random.nextInt(10);
            // A broker that loses a producer's state while the producer waits for the answer to a written
            // batch cannot recognise its retry: no client keeps exactly-once there, so a schedule has one or
            // the other (Kafka loses the state only to retention, long after the answers). Nor does a broker
            // refuse a batch that follows its last one as out of order and then, having forgotten the
            // producer, take the batch behind it: an injected OUT_OF_ORDER and a lost state do not meet.
            boolean conflicts = (kind == 8 && (answersLost || refusedInOrder))
                    || ((LOSES_ANSWERS.contains(kind) || kind == 9) && stateLost);
            if (conflicts) {
                kind = 0;
            }
            answersLost |= LOSES_ANSWERS.contains(kind);
            refusedInOrder |= kind == 9;
            stateLost |= kind == 8;
            FaultRule added = switch (kind) {
                case 0 -> rule.answer(pick(RETRIABLE_ERRORS));
                case 1 -> rule.appendThenAnswer(Errors.NOT_ENOUGH_REPLICAS_AFTER_APPEND);
                case 2 -> rule.dropResponse();
                case 3 -> rule.dropRequest();
                case 4 -> rule.delayResponse(Duration.ofMillis(20 + random.nextInt(400)));
                case 5 -> rule.closeBeforeAppend();
                case 6 -> rule.closeAfterAppend();
                case 7 -> rule.moveLeader(random.nextInt(nodes), random.nextBoolean());
                case 8 -> rule.forgetProducer();
                default -> rule.answer(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
            };
            if (random.nextInt(4) == 0) {
                added.times(2 + random.nextInt(3));
            }
            description.add("fault #" + (i + 1) + ": " + added.kind() + " on " + target);
        }
        if (random.nextInt(5) == 0) {
            int times = 1 + random.nextInt(2);
            broker.faults().failInitProducerId(Errors.COORDINATOR_NOT_AVAILABLE, times);
            description.add("fault: InitProducerId fails " + times + " time(s) with COORDINATOR_NOT_AVAILABLE");
        }
    }

    private void sendRandomly(LegacyKafkaProducer producer, SendLedger ledger, int partitions, boolean compacted) {
        int count = 20 + random.nextInt(60);
        int nullKeys = 0;
        int tooLarge = 0;
        for (int i = 0; i < count; i++) {
            boolean nullKey = compacted && random.nextInt(20) == 0;
            boolean large = random.nextInt(30) == 0;
            nullKeys += nullKey ? 1 : 0;
            tooLarge += large ? 1 : 0;
            ledger.send(producer, TOPIC, random.nextInt(partitions), nullKey ? null : "k" + i,
                    large ? MAX_MESSAGE_BYTES + 100 : random.nextInt(40));
            if (random.nextInt(5) == 0) {
                sleep(1 + random.nextInt(5));
            }
        }
        description.add(count + " sends, " + nullKeys + " with a null key, " + tooLarge + " too large for the topic");
    }

    /** Invariant 4: once faults stop, each partition takes a record within its bound. */
    private static void checkEveryPartitionTakesRecords(LegacyKafkaProducer producer, SendLedger ledger, int partitions,
                                                        List<String> violations) {
        List<SendLedger.Sent> probes = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            probes.add(ledger.send(producer, TOPIC, p, "probe-" + p, 0));
        }
        ledger.awaitAll(DELIVERY_TIMEOUT_MS + 1_000);
        for (SendLedger.Sent probe : probes) {
            if (!probe.succeeded()) {
                violations.add("partition " + TOPIC + "-" + probe.partition + " does not take records after the faults stopped: "
                        + probe);
            }
        }
    }

    /** Counts what the producer reports acknowledged, to catch an outcome reported twice. */
    private static final class AcknowledgementCounter implements ProducerListener {
        private final AtomicInteger records = new AtomicInteger();

        @Override
        public void onBatchAcknowledged(String topic, int partition, int count, int sizeInBytes) {
            records.addAndGet(count);
        }

        int records() {
            return records.get();
        }
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String limit(String text, int lines) {
        String[] all = text.split("\n");
        if (all.length <= lines) {
            return text;
        }
        return String.join("\n", java.util.Arrays.copyOfRange(all, 0, lines)) + "\n  ... " + (all.length - lines) + " more";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
