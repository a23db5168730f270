package dev.legacykafka.benchmarks;

import dev.legacykafka.benchmarks.BenchmarkOptions.Client;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives legacy-kafka's producer and kafka-clients' producer (optionally kcat too) against the
 * same real Kafka broker (4.4.0, or {@code --broker-version}) in one JVM run, with equivalent
 * settings and the same payload, and prints throughput, latency, allocation and CPU per record for
 * each, and their ratio. For brokers before 2.1 the kafka-clients peer is 3.9.1 ({@link KafkaClientsLine}).
 *
 * <p>Each run gets a fresh topic and a fresh producer, sends unmeasured warm-up records (JIT,
 * connections, metadata), then the measured records, and ends with a flush: the clock stops
 * when every record has been acknowledged. Client order rotates across repetitions so neither
 * always runs on a warmer JVM or a fuller broker log. See {@code benchmarks/README.md}.
 */
public final class ProducerComparison {

    /** Records per broker warm-up round (each on a fresh topic). */
    private static final long BROKER_WARMUP_ROUND = 5_000_000;
    /** Repetition numbers of the broker warm-up rounds count down from here (topic names only). */
    private static final int BROKER_WARMUP_REPETITION = -1;

    private final BenchmarkOptions options;
    private final PrintStream out;
    private final byte[] key;
    private final byte[] value;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    /** The kafka-clients peer: the classpath's 4.x, or 3.9.1 for brokers before 2.1. */
    private final KafkaClientsLine line;
    /** The broker of this run, set by {@link #run()}. */
    private BrokerUnderTest broker;

    ProducerComparison(BenchmarkOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        // Printable letters (as ProducerPerformance uses), so the same bytes can go through kcat's stdin.
        Random random = new Random(42);
        this.value = letters(random, options.recordSize());
        this.key = options.keySize() == 0 ? null : letters(random, options.keySize());
        this.line = KafkaClientsLine.forOptions(options);
    }

    public static void main(String[] args) throws Exception {
        // kafka-clients logs its whole configuration at INFO for every producer and admin client.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // A partition of a topic just created may answer NOT_LEADER_OR_FOLLOWER for a moment after
        // its leader shows in metadata; kafka-clients warns on each retry. Retries happen in the
        // warm-up, and a record that fails for good fails the run anyway.
        String senderLog = "org.slf4j.simpleLogger.log.org.apache.kafka.clients.producer.internals.Sender";
        if (System.getProperty(senderLog) == null) {
            System.setProperty(senderLog, "error");
        }
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!"help".equals(e.getMessage())) {
                System.err.println(e.getMessage());
            }
            System.err.print(BenchmarkOptions.USAGE);
            System.exit("help".equals(e.getMessage()) ? 0 : 2);
            return;
        }
        try {
            new ProducerComparison(options, System.out).run();
        } catch (Exception | Error e) {
            // A failed run exits at once: left to itself the JVM would wait minutes for producer threads.
            e.printStackTrace();
            System.exit(1);
        }
        // The broker's reaper and kafka-clients' leftovers are daemon threads, but be explicit.
        System.exit(0);
    }

    void run() throws InterruptedException {
        printHeader();
        broker = BrokerUnderTest.start(options, out);
        List<RunResult> results = new ArrayList<>();
        try {
            Topics topics = broker.topics(line);
            warmUpBroker(topics);
            if (options.jvmWarmupRecords() > 0) {
                // The first run in a fresh JVM pays for class loading, the JIT and G1 still sizing its young
                // generation (a dozen collections instead of one or two), and so does the broker's JIT:
                // one unreported round of every Java client first, so repetition 1 compares like the others.
                out.println("JVM warm-up round (not reported) ...");
                for (Client client : options.clients()) {
                    if (client == Client.REPLAY) {
                        runReplay(topics, options.partitions().get(0), 0, options.jvmWarmupRecords());
                    } else if (client != Client.KCAT) {
                        runJava(topics, client, options.partitions().get(0), 0, options.jvmWarmupRecords());
                    }
                }
            }
            for (int partitions : options.partitions()) {
                for (int rep = 1; rep <= options.repetitions(); rep++) {
                    for (Client client : orderFor(rep)) {
                        RunResult result = switch (client) {
                            case KCAT -> runKcat(topics, partitions, rep);
                            case REPLAY -> runReplay(topics, partitions, rep, options.records());
                            default -> runJava(topics, client, partitions, rep, options.records());
                        };
                        if (result != null) {
                            results.add(result);
                            out.println(RunReport.describe(result));
                        }
                    }
                }
            }
        } finally {
            broker.close();
        }
        new RunReport(options, line, out).printSummary(results);
        String unequal = RunReport.unequalDeliveries(results);
        if (unequal != null) {
            throw new IllegalStateException(unequal);
        }
    }

    /**
     * Replays records at the broker before any client runs. A freshly started broker JVM on two
     * shared cores needs tens of millions of records before its JIT has compiled the produce path:
     * measured with the replay alone, its CPU per record fell from 1.3 to about 0.4 µs over the first
     * ~25 M records, and the replay's own rate more than doubled. Without this, the first repetitions
     * of every client ran against a colder broker than the last ones.
     */
    private void warmUpBroker(Topics topics) throws InterruptedException {
        long left = options.brokerWarmupRecords();
        int round = 0;
        while (left > 0) {
            long records = Math.min(left, BROKER_WARMUP_ROUND);
            RunResult result = runReplay(topics, 1, BROKER_WARMUP_REPETITION - round++, records);
            out.println("broker warm-up (not reported): " + RunReport.describe(result));
            left -= records;
        }
    }

    /** The ceiling: pre-encoded requests replayed as fast as the broker answers them. */
    private RunResult runReplay(Topics topics, int partitions, int rep, long records) throws InterruptedException {
        String topic = topicName(Client.REPLAY, partitions, rep);
        topics.create(topic, partitions);
        // Idempotent as the Java clients are: when asked to, and by default with acks=all where the broker can.
        Boolean setting = options.idempotenceSetting();
        boolean idempotent = setting != null ? setting : options.acks().equals("all")
                && options.brokerSupportsIdempotence();
        ResourceSnapshot before;
        ResourceSnapshot after;
        long elapsedNanos;
        long requests;
        try (ReplayClient replay = new ReplayClient(broker.producerBootstrap(), replayProduceVersion(), topic,
                partitions, options.acks(),
                options.batchSize(), options.maxInFlight(), idempotent, key, value, "bench-replay-" + rep,
                options.replayCombined())) {
            if (options.warmupRecords() > 0) {
                replay.sendCarefully(options.warmupRecords());
            }
            System.gc();
            long requestsBefore = replay.requests();
            before = ResourceSnapshot.take(null, broker.cpuNanos(), broker.work());
            long start = System.nanoTime();
            replay.send(records);
            elapsedNanos = System.nanoTime() - start;
            after = ResourceSnapshot.take(null, broker.cpuNanos(), broker.work());
            requests = replay.requests() - requestsBefore;
        }
        long delivered = awaitWritten(topics, topic, partitions, options.warmupRecords() + records)
                - options.warmupRecords();
        if (delivered != records) {
            throw new IllegalStateException("replay sent " + records + " measured records but topic " + topic
                    + " holds " + delivered);
        }
        return result(Client.REPLAY.label, partitions, rep, records, elapsedNanos, new LatencyHistogram(), before, after,
                requests, true, Double.NaN, delivered);
    }

    /**
     * The records the topic holds (with acks=0 after waiting up to 10 s until {@code expected} are
     * there); then the topic is deleted, it is not read again.
     */
    private long awaitWritten(Topics topics, String topic, int partitions, long expected) throws InterruptedException {
        long written = topics.endOffsetSum(topic, partitions);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (written < expected && options.acks().equals("0") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            written = topics.endOffsetSum(topic, partitions);
        }
        topics.deleteQuietly(topic);
        return written;
    }

    /** Produce v3 (RecordBatch) where the broker has it, else v2 with a magic-1 message set (before 0.11). */
    private short replayProduceVersion() {
        return options.brokerSupportsIdempotence() ? ReplayRequests.PRODUCE_VERSION
                : ReplayRequests.PRODUCE_VERSION_MESSAGE_SET;
    }

    /** The clients of one repetition, rotated by one place per repetition (2 clients: alternating). */
    List<Client> orderFor(int rep) {
        List<Client> order = new ArrayList<>(options.clients());
        java.util.Collections.rotate(order, -((rep - 1) % order.size()));
        return order;
    }

    /**
     * One run: fresh topic, fresh producer, warm-up records, then {@code records} measured ones.
     *
     * @param rep the repetition, 0 for the JVM warm-up round
     */
    private RunResult runJava(Topics topics, Client client, int partitions, int rep, long records)
            throws InterruptedException {
        String topic = topicName(client, partitions, rep);
        topics.create(topic, partitions);
        String clientId = "bench-" + client.label + "-" + rep;
        ProducerDriver driver = switch (client) {
            case KAFKA_CLIENTS, KAFKA_CLIENTS_INFLIGHT1 -> line.newDriver(line.rowLabel(client), KafkaClientsSettings.of(options,
                    broker.producerBootstrap(), client == Client.KAFKA_CLIENTS ? options.maxInFlight() : 1, clientId,
                    broker.trustedCa()), topic);
            case LEGACY_KAFKA -> new LegacyKafkaDriver(options, broker.producerBootstrap(), topic, clientId,
                    broker.trustedCa());
            case KCAT, REPLAY -> throw new IllegalArgumentException(client.label + " is not a Java client");
        };
        ResourceSnapshot before;
        ResourceSnapshot after;
        Measurement measured = new Measurement();
        long elapsedNanos;
        long requestsBefore;
        long requestsAfter;
        try {
            if (options.warmupRecords() > 0) {
                Measurement warmup = new Measurement();
                sendPhase(driver, options.warmupRecords(), warmup, -1);
                requireNoFailures(client, "warm-up", warmup);
            }
            // Start the window on a clean heap, so the warm-up's garbage is not collected on its time.
            System.gc();
            requestsBefore = driver.produceRequests();
            before = ResourceSnapshot.take(driver.networkThreadName(), broker.cpuNanos(), broker.work());
            elapsedNanos = sendPhase(driver, records, measured, options.throughput());
            after = ResourceSnapshot.take(driver.networkThreadName(), broker.cpuNanos(), broker.work());
            requestsAfter = driver.produceRequests();
            requireNoFailures(client, "run", measured);
        } finally {
            driver.close();
        }
        long expected = options.warmupRecords() + records;
        long written = awaitWritten(topics, topic, partitions, expected);
        if (written != expected) {
            throw new IllegalStateException(client.label + " reported " + expected + " records acknowledged but topic "
                    + topic + " holds " + written);
        }
        return result(line.rowLabel(client), partitions, rep, records, elapsedNanos, measured.latencies, before, after,
                requestsBefore < 0 || requestsAfter < 0 ? -1 : requestsAfter - requestsBefore, true, Double.NaN,
                written - options.warmupRecords());
    }

    private RunResult runKcat(Topics topics, int partitions, int rep) throws InterruptedException {
        String kcat = KcatRun.executable();
        if (kcat == null) {
            out.println("kcat is not installed: skipping it");
            return null;
        }
        String topic = topicName(Client.KCAT, partitions, rep);
        topics.create(topic, partitions);
        // Native code needs no JIT warm-up; kcat runs once over the measured records only.
        ResourceSnapshot before = ResourceSnapshot.take(null, broker.cpuNanos(), broker.work());
        KcatRun.Outcome outcome = KcatRun.produce(kcat, options, broker.producerBootstrap(), topic, options.records(),
                key, value, broker.trustedCa());
        ResourceSnapshot after = ResourceSnapshot.take(null, broker.cpuNanos(), broker.work());
        long written = awaitWritten(topics, topic, partitions, options.records());
        if (written != options.records()) {
            throw new IllegalStateException("kcat exited normally but topic " + topic + " holds " + written + " of "
                    + options.records() + " records");
        }
        return result(Client.KCAT.label, partitions, rep, options.records(), outcome.elapsedNanos(),
                new LatencyHistogram(), before, after, -1, false,
                outcome.cpuNanos() < 0 ? Double.NaN : outcome.cpuNanos() / (double) options.records(), written);
    }

    /**
     * Sends {@code count} records and flushes.
     *
     * @param throughput records per second to pace at, or -1 for as fast as the client takes them
     * @return nanoseconds from the first send until every record has its outcome
     */
    private long sendPhase(ProducerDriver driver, long count, Measurement measurement, long throughput) {
        driver.begin(measurement);
        byte[] k = key;
        byte[] v = value;
        int every = options.latencyEvery();
        int untilTimed = 0;
        long start = System.nanoTime();
        Pacer pacer = throughput > 0 ? new Pacer(throughput, start) : null;
        for (long i = 0; i < count; i++) {
            if (pacer != null) {
                pacer.await(i);
            }
            boolean timed = untilTimed == 0;
            untilTimed = timed ? every - 1 : untilTimed - 1;
            driver.send(k, v, timed);
        }
        driver.flush();
        measurement.awaitOutcomes(count, 60_000);
        return System.nanoTime() - start;
    }

    private static void requireNoFailures(Client client, String phase, Measurement measurement) {
        if (measurement.failed() > 0) {
            throw new IllegalStateException(client.label + ": " + measurement.failed() + " record(s) of the " + phase
                    + " failed; first error: " + measurement.firstError(), measurement.firstError());
        }
    }

    private RunResult result(String client, int partitions, int rep, long records, long elapsedNanos,
                             LatencyHistogram latencies, ResourceSnapshot before, ResourceSnapshot after, long requests,
                             boolean inProcess, double outOfProcessCpuNanosPerRecord, long delivered) {
        double n = records;
        double nan = Double.NaN;
        BrokerRequestMetrics.BrokerWork beforeWork = before.brokerWork();
        BrokerRequestMetrics.BrokerWork afterWork = after.brokerWork();
        long brokerRequests = beforeWork.known() && afterWork.known()
                ? afterWork.produceRequests() - beforeWork.produceRequests() : -1;
        return new RunResult(client, partitions, rep, records, elapsedNanos / 1e9,
                options.payloadBytesPerRecord(), latencies.count(),
                latencies.meanNanos() / 1e6, latencies.percentileNanos(50) / 1e6, latencies.percentileNanos(99) / 1e6,
                latencies.percentileNanos(99.9) / 1e6, latencies.count() == 0 ? nan : latencies.maxNanos() / 1e6,
                inProcess ? (after.allocatedBytes() - before.allocatedBytes()) / n : nan,
                inProcess ? (after.callerAllocatedBytes() - before.callerAllocatedBytes()) / n : nan,
                inProcess ? (after.networkThreadAllocatedBytes() - before.networkThreadAllocatedBytes()) / n : nan,
                inProcess ? (after.processCpuNanos() - before.processCpuNanos()) / n : outOfProcessCpuNanosPerRecord,
                inProcess ? (after.callerCpuNanos() - before.callerCpuNanos()) / n : nan,
                inProcess ? (after.networkThreadCpuNanos() - before.networkThreadCpuNanos()) / n : nan,
                before.brokerCpuNanos() < 0 || after.brokerCpuNanos() < 0 ? nan
                        : (after.brokerCpuNanos() - before.brokerCpuNanos()) / n,
                after.gcCount() - before.gcCount(), after.gcMillis() - before.gcMillis(), requests, delivered,
                brokerRequests, brokerRequests < 0 ? nan : (afterWork.handlerCpuNanos() - beforeWork.handlerCpuNanos()) / n,
                brokerRequests < 0 ? nan : (afterWork.networkCpuNanos() - beforeWork.networkCpuNanos()) / n);
    }

    private String topicName(Client client, int partitions, int rep) {
        return "bench-" + runId + "-" + client.label + "-p" + partitions + "-r" + rep;
    }

    private void printHeader() {
        out.printf(Locale.ROOT, "ProducerComparison: %,d records of %d value bytes%s after %,d warm-up records; acks=%s "
                        + "linger.ms=%d batch.size=%d buffer.memory=%d max.in.flight=%d compression=%s; partitions %s; "
                        + "%d repetition(s); clients %s; %s; latency of %s%s%n",
                options.records(), options.recordSize(), options.keySize() == 0 ? " (null keys)" : " + " + options.keySize()
                        + " key bytes", options.warmupRecords(), options.acks(), options.lingerMs(), options.batchSize(),
                options.bufferMemory(), options.maxInFlight(), options.compression(), options.partitions(),
                options.repetitions(), options.clients().stream().map(c -> c.label).toList(),
                options.throughput() > 0 ? String.format(Locale.ROOT, "paced at %,d records/s", options.throughput())
                        : "unpaced (throughput mode: latency includes queueing in buffer memory)",
                options.latencyEvery() == 1 ? "every record" : "every " + ordinal(options.latencyEvery()) + " record",
                options.tls() ? "; over TLS (SSL listener)" : "");
        if (options.cpuSplit() != null) {
            out.println("CPUs: " + options.cpuSplit() + " (taskset)");
        }
        out.printf(Locale.ROOT, "Broker %s; peer %s; replay Produce v%d%n", options.nullBroker() ? "null"
                        : options.bootstrapServers() != null ? options.brokerVersion() + " at " + options.bootstrapServers()
                        : "Kafka " + options.brokerVersion(), line.describe(), replayProduceVersion());
        out.printf(Locale.ROOT, "JVM %s %s, %d CPUs, heap max %d MiB, GC %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(gc -> gc.getName()).toList());
    }

    static String ordinal(int n) {
        String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th"
                : switch (n % 10) { case 1 -> "st"; case 2 -> "nd"; case 3 -> "rd"; default -> "th"; };
        return n + suffix;
    }

    private static byte[] letters(Random random, int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ('A' + random.nextInt(26));
        }
        return bytes;
    }

    /**
     * Spreads sends evenly over time for the latency mode. It never spins: when it is more than a
     * millisecond ahead of schedule it parks, otherwise it sends at once, so records leave in bursts
     * of at most a millisecond's worth, and a client that falls behind is not given a second chance.
     */
    static final class Pacer {
        private final long startNanos;
        private final double nanosPerRecord;

        Pacer(long recordsPerSecond, long startNanos) {
            this.startNanos = startNanos;
            this.nanosPerRecord = 1e9 / recordsPerSecond;
        }

        /** Waits until record {@code index} is due (within a millisecond). */
        void await(long index) {
            long due = startNanos + (long) (index * nanosPerRecord);
            long ahead = due - System.nanoTime();
            if (ahead > 1_000_000L) {
                LockSupport.parkNanos(ahead);
            }
        }
    }
}
