package dev.legacykafka.benchmarks;

import dev.legacykafka.test.KafkaVersion;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Command-line options of {@link ProducerComparison}. Every option has a default so that a bare
 * run measures the target configuration: 5 M records of 100 bytes, acks=1, linger 5 ms, 64 KiB
 * batches, both Java clients, 1 and 3 partitions.
 *
 * @param records          measured records per run
 * @param recordSize       value bytes per record
 * @param keySize          key bytes per record; 0 sends null keys (both clients then stick to a partition per batch)
 * @param acks             0, 1 or all
 * @param lingerMs         linger.ms of both clients
 * @param batchSize        batch.size of both clients
 * @param bufferMemory     buffer.memory of both clients
 * @param maxInFlight      max.in.flight.requests.per.connection of both clients
 * @param compression      none, gzip, snappy, lz4 or zstd
 * @param partitions       partition counts to run, each in its own topics
 * @param warmupRecords    records sent (and acknowledged) before each measured run, not counted
 * @param jvmWarmupRecords records each Java client sends once before the first repetition, not
 *                         reported: JIT of client and broker, G1 sizing (0 = no such round)
 * @param repetitions      runs per client and partition count; the client order alternates
 * @param clients          which producers, in the order of the first repetition
 * @param throughput       records/s to pace sends at (latency mode), or -1 for as fast as possible
 * @param latencyEvery     time every n-th record (1 = every record)
 * @param bootstrapServers an existing broker to use instead of starting one, or null
 * @param brokerHeap       heap of the broker JVM that the harness starts
 * @param tls              whether the producers connect to the started broker's SSL listener
 * @param idempotence      {@code on}, {@code off} or {@code default} (each client's own default for the acks)
 * @param nullBroker       whether the clients run against the null broker (a loopback server that
 *                         acknowledges every Produce at once) instead of a real Kafka broker
 * @param replayCombined   whether the replay client's request carries a batch of every partition
 *                         (as producers send what is ready for one broker) instead of one partition's
 * @param brokerVersion    the Kafka release the harness starts (or that {@code bootstrapServers} runs)
 * @param kafkaClientsLine which kafka-clients is the peer: by the broker version, or forced
 * @param cpuSplit         the CPUs of the broker and of this JVM, or null to leave both on every CPU
 * @param brokerWarmupRecords records the replay sends before anything else, in rounds of 5 M, so that
 *                         the broker's JIT has compiled its hot paths (0 = none)
 */
record BenchmarkOptions(long records, int recordSize, int keySize, String acks, long lingerMs, int batchSize,
                        long bufferMemory, int maxInFlight, String compression, List<Integer> partitions,
                        long warmupRecords, long jvmWarmupRecords, int repetitions, List<Client> clients,
                        long throughput, int latencyEvery, String bootstrapServers, String brokerHeap,
                        boolean tls, String idempotence, boolean nullBroker, boolean replayCombined,
                        KafkaVersion brokerVersion, KafkaClientsLine.Choice kafkaClientsLine,
                        CpuSplit cpuSplit, long brokerWarmupRecords) {

    /** The broker release measured unless {@code --broker-version} says otherwise. */
    static final String DEFAULT_BROKER_VERSION = "4.4.0";
    /**
     * The oldest broker the harness runs against: kafka-clients 3.9's Admin creates the topics with
     * CreateTopics (0.10.1), and every peer starts with ApiVersions (0.10.0).
     */
    static final String OLDEST_BROKER_VERSION = "0.10.1";
    /** The first release with InitProducerId and RecordBatch, so with idempotent producers. */
    static final String IDEMPOTENCE_BROKER_VERSION = "0.11";

    /** The producers the harness can drive. */
    enum Client {
        /**
         * The ceiling: one pre-encoded Produce request per partition (a full batch), sent over and
         * over on one connection as fast as the broker acknowledges it, with the same in-flight limit.
         */
        REPLAY("replay"),
        /** Apache kafka-clients' KafkaProducer with the equivalent settings. */
        KAFKA_CLIENTS("kafka-clients"),
        /**
         * kafka-clients with max.in.flight=1: it then mutes a partition while a batch of it is in
         * flight, as legacy-kafka always does, which isolates the cost of that ordering rule.
         */
        KAFKA_CLIENTS_INFLIGHT1("kafka-clients-inflight1"),
        /** This project's LegacyKafkaProducer. */
        LEGACY_KAFKA("legacy-kafka"),
        /** librdkafka through {@code kcat -P}, fed newline-separated values on stdin; throughput only. */
        KCAT("kcat");

        final String label;

        Client(String label) {
            this.label = label;
        }

        static Client parse(String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "kafka-clients", "kafka", "kc" -> KAFKA_CLIENTS;
                case "kafka-clients-inflight1", "kc1" -> KAFKA_CLIENTS_INFLIGHT1;
                case "legacy-kafka", "legacy", "lk" -> LEGACY_KAFKA;
                case "kcat", "librdkafka" -> KCAT;
                case "replay", "ceiling" -> REPLAY;
                default -> throw new IllegalArgumentException("Unknown client '" + name
                        + "': use replay, kafka-clients, kafka-clients-inflight1, legacy-kafka or kcat");
            };
        }
    }

    static final String USAGE = """
            Usage: ProducerComparison [options]
              --records N            measured records per run              (default 5000000)
              --record-size S        value bytes per record                (default 100)
              --key-size K           key bytes, 0 = null keys              (default 0)
              --acks A               0, 1 or all                           (default 1)
              --linger-ms L          linger.ms                             (default 5)
              --batch-size B         batch.size                            (default 65536)
              --buffer-memory M      buffer.memory                         (default 33554432)
              --max-in-flight F      max.in.flight.requests.per.connection (default 5)
              --compression C        none, gzip, snappy, lz4, zstd         (default none)
              --partitions P[,P..]   partition counts, one topic per run   (default 1,3)
              --warmup W             unmeasured records before each run    (default 500000)
              --broker-warmup B      records the replay sends first, in rounds of 5 M,
                                     so the broker's JIT is warm      (default 30000000)
              --jvm-warmup J         records per Java client in an unreported
                                     first round (JIT, broker, GC sizing)  (default 2000000)
              --repetitions R        runs per client and partition count; the client
                                     order rotates by one place per repetition (default 5)
              --clients C[,C..]      replay, kafka-clients, legacy-kafka, kafka-clients-inflight1, kcat
                                     (default replay,kafka-clients,legacy-kafka,kcat; the replay
                                     ceiling is always reported first)
              --idempotence I        on, off, or default: each client's own default for the acks
                                     (kafka-clients and legacy-kafka: on for acks=all; librdkafka:
                                     off; every client off on brokers before 0.11); on needs
                                     acks=all and a 0.11+ broker            (default default)
              --broker-version V     Kafka release the harness starts, 0.10.1 or later, e.g.
                                     0.10.2.2, 0.11.0.3, 2.8.2 (default 4.4.0); with
                                     --bootstrap-servers: the release that broker runs
              --kafka-clients K      auto: 4.x for brokers from 2.1, else 3.9.1 in its own
                                     class loader; 4 or 3.9 to force one  (default auto)
              --broker B             real: Kafka of --broker-version (or --bootstrap-servers); null: a loopback
                                     server in its own JVM that acknowledges every Produce at once
                                     and stores nothing, so only the client is measured (default real)
              --replay R             per-partition: one request per partition's batch; combined:
                                     one request with a batch of every partition, as producers
                                     send to one broker              (default per-partition)
              --throughput T         pace at T records/s, -1 = unlimited   (default -1)
              --latency-every K      time every K-th record                (default 1)
              --bootstrap-servers H  use a running broker instead of starting one
              --broker-heap H        heap of the started broker JVM        (default 1g)
              --security S           plaintext, or ssl: every client over the TLS listener
                                     of the started broker                 (default plaintext)
              --cpus B:C             pin the broker's processes to CPU list B and this JVM (clients,
                                     replay, kcat) to C with taskset, e.g. 0:1; off = no pinning
                                                                   (default off)
              --help
            """;

    static BenchmarkOptions defaults() {
        return new BenchmarkOptions(5_000_000, 100, 0, "1", 5, 65_536, 32L * 1024 * 1024, 5, "none", List.of(1, 3),
                500_000, 2_000_000, 5, List.of(Client.REPLAY, Client.KAFKA_CLIENTS, Client.LEGACY_KAFKA, Client.KCAT), -1,
                1, null, "1g", false, "default", false, false, KafkaVersion.parse(DEFAULT_BROKER_VERSION),
                KafkaClientsLine.Choice.AUTO, null, 30_000_000);
    }

    /**
     * Parses {@code --name value} pairs (also {@code --name=value}) over the defaults.
     *
     * @throws IllegalArgumentException naming the option that is unknown, missing a value or invalid
     */
    static BenchmarkOptions parse(String... args) {
        BenchmarkOptions o = defaults();
        long records = o.records;
        int recordSize = o.recordSize;
        int keySize = o.keySize;
        String acks = o.acks;
        long lingerMs = o.lingerMs;
        int batchSize = o.batchSize;
        long bufferMemory = o.bufferMemory;
        int maxInFlight = o.maxInFlight;
        String compression = o.compression;
        List<Integer> partitions = o.partitions;
        long warmup = o.warmupRecords;
        long jvmWarmup = o.jvmWarmupRecords;
        int repetitions = o.repetitions;
        List<Client> clients = o.clients;
        long throughput = o.throughput;
        int latencyEvery = o.latencyEvery;
        String bootstrap = o.bootstrapServers;
        String brokerHeap = o.brokerHeap;
        boolean tls = o.tls;
        String idempotence = o.idempotence;
        boolean nullBroker = o.nullBroker;
        boolean replayCombined = o.replayCombined;
        KafkaVersion brokerVersion = o.brokerVersion;
        KafkaClientsLine.Choice line = o.kafkaClientsLine;
        boolean versionGiven = false;
        CpuSplit cpuSplit = o.cpuSplit;
        long brokerWarmup = o.brokerWarmupRecords;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "'");
            }
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (arg.equals("--help")) {
                throw new IllegalArgumentException("help");
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Option " + arg + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--records" -> records = positiveLong(name, value, 1);
                case "--record-size" -> recordSize = (int) positiveLong(name, value, 0);
                case "--key-size" -> keySize = (int) positiveLong(name, value, 0);
                case "--acks" -> acks = oneOf(name, value, "0", "1", "all", "-1");
                case "--linger-ms" -> lingerMs = positiveLong(name, value, 0);
                case "--batch-size" -> batchSize = (int) positiveLong(name, value, 1);
                case "--buffer-memory" -> bufferMemory = positiveLong(name, value, 1);
                case "--max-in-flight" -> maxInFlight = (int) positiveLong(name, value, 1);
                case "--compression" -> compression = oneOf(name, value, "none", "gzip", "snappy", "lz4", "zstd");
                case "--partitions" -> partitions = intList(name, value);
                case "--warmup" -> warmup = positiveLong(name, value, 0);
                case "--jvm-warmup" -> jvmWarmup = positiveLong(name, value, 0);
                case "--repetitions" -> repetitions = (int) positiveLong(name, value, 1);
                case "--clients" -> clients = clientList(value);
                case "--throughput" -> throughput = Long.parseLong(value.trim()) <= 0 ? -1 : positiveLong(name, value, 1);
                case "--latency-every" -> latencyEvery = (int) positiveLong(name, value, 1);
                case "--bootstrap-servers" -> bootstrap = value;
                case "--broker-heap" -> brokerHeap = value;
                case "--security" -> tls = oneOf(name, value, "plaintext", "ssl").equals("ssl");
                case "--idempotence" -> idempotence = oneOf(name, value, "on", "off", "default", "true", "false");
                case "--broker" -> nullBroker = oneOf(name, value, "real", "null").equals("null");
                case "--replay" -> replayCombined = oneOf(name, value, "per-partition", "combined").equals("combined");
                case "--cpus" -> cpuSplit = CpuSplit.parse(value);
                case "--broker-warmup" -> brokerWarmup = positiveLong(name, value, 0);
                case "--broker-version" -> {
                    brokerVersion = version(name, value);
                    versionGiven = true;
                }
                case "--kafka-clients" -> line = switch (oneOf(name, value, "auto", "4", "3.9")) {
                    case "4" -> KafkaClientsLine.Choice.CLASSPATH;
                    case "3.9" -> KafkaClientsLine.Choice.OLD_LINE;
                    default -> KafkaClientsLine.Choice.AUTO;
                };
                default -> throw new IllegalArgumentException("Unknown option " + name);
            }
        }
        if (tls && bootstrap != null) {
            throw new IllegalArgumentException("Option --security ssl needs the started broker, not --bootstrap-servers");
        }
        if (cpuSplit != null && bootstrap != null) {
            throw new IllegalArgumentException("Option --cpus pins the broker the harness starts: it cannot pin"
                    + " one at --bootstrap-servers");
        }
        if (nullBroker && (tls || bootstrap != null)) {
            throw new IllegalArgumentException("Option --broker null starts its own plaintext server: no --security ssl"
                    + " or --bootstrap-servers");
        }
        if (nullBroker && versionGiven) {
            throw new IllegalArgumentException("Option --broker-version names a real broker; --broker null starts"
                    + " the null broker");
        }
        if ("-1".equals(acks)) {
            acks = "all";
        }
        idempotence = switch (idempotence) {
            case "true" -> "on";
            case "false" -> "off";
            default -> idempotence;
        };
        if (idempotence.equals("on") && !acks.equals("all")) {
            throw new IllegalArgumentException("Option --idempotence on needs --acks all (every client refuses it"
                    + " with acks=" + acks + ")");
        }
        if (idempotence.equals("on") && !nullBroker && brokerVersion.before(IDEMPOTENCE_BROKER_VERSION)) {
            throw new IllegalArgumentException("Option --idempotence on needs a broker of " + IDEMPOTENCE_BROKER_VERSION
                    + " or later: --broker-version " + brokerVersion + " has no InitProducerId (use --idempotence"
                    + " default or off)");
        }
        // The ceiling comes first in every repetition's report; the others rotate behind it.
        if (clients.contains(Client.REPLAY) && clients.get(0) != Client.REPLAY) {
            List<Client> reordered = new java.util.ArrayList<>(clients);
            reordered.remove(Client.REPLAY);
            reordered.add(0, Client.REPLAY);
            clients = List.copyOf(reordered);
        }
        return new BenchmarkOptions(records, recordSize, keySize, acks, lingerMs, batchSize, bufferMemory, maxInFlight,
                compression, partitions, warmup, jvmWarmup, repetitions, clients, throughput, latencyEvery, bootstrap,
                brokerHeap, tls, idempotence, nullBroker, replayCombined, brokerVersion, line, cpuSplit, brokerWarmup);
    }

    /** Whether the measured broker can have idempotent producers (0.11 and later; the null broker can). */
    boolean brokerSupportsIdempotence() {
        return nullBroker || !brokerVersion.before(IDEMPOTENCE_BROKER_VERSION);
    }

    /** Whether the options ask every client for idempotence (true), forbid it (false), or leave it to each (null). */
    Boolean idempotenceSetting() {
        return switch (idempotence) {
            case "on" -> Boolean.TRUE;
            case "off" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** Payload bytes (key and value) per record, for MB/s. */
    long payloadBytesPerRecord() {
        return (long) recordSize + keySize;
    }

    private static long positiveLong(String name, String value, long min) {
        long parsed;
        try {
            parsed = Long.parseLong(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Option " + name + " needs a number, not '" + value + "'");
        }
        if (parsed < min) {
            throw new IllegalArgumentException("Option " + name + " must be >= " + min + ", not " + parsed);
        }
        return parsed;
    }

    private static KafkaVersion version(String name, String value) {
        KafkaVersion version;
        try {
            version = KafkaVersion.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Option " + name + " needs a Kafka release such as 0.10.2.2 or 4.4.0,"
                    + " not '" + value + "'");
        }
        if (version.before(OLDEST_BROKER_VERSION)) {
            throw new IllegalArgumentException("Option " + name + " must be " + OLDEST_BROKER_VERSION + " or later"
                    + " (topics are created with CreateTopics, peers start with ApiVersions), not " + value);
        }
        return version;
    }

    private static String oneOf(String name, String value, String... allowed) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (String candidate : allowed) {
            if (candidate.equals(v)) {
                return v;
            }
        }
        throw new IllegalArgumentException("Option " + name + " takes one of " + String.join(", ", allowed)
                + ", not '" + value + "'");
    }

    private static List<Integer> intList(String name, String value) {
        Set<Integer> values = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            values.add((int) positiveLong(name, part, 1));
        }
        return List.copyOf(values);
    }

    private static List<Client> clientList(String value) {
        Set<Client> values = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                values.add(Client.parse(part));
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("Option --clients needs at least one client");
        }
        return List.copyOf(values);
    }
}
