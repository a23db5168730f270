package dev.legacykafka.benchmarks;

import dev.legacykafka.test.BrokerSpec;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import dev.legacykafka.test.security.BrokerSecurity;
import dev.legacykafka.test.security.ListenerSecurity;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The broker of a run: a Kafka broker of {@code --broker-version} the harness starts (with its
 * ZooKeeper for releases before 3.0), a running one ({@code --bootstrap-servers}), or the null
 * broker; where the producers connect, the CPU time of the broker's own process and, for a started
 * broker, where its threads spend it ({@link BrokerRequestMetrics}). With {@code --cpus} the
 * broker's processes and this JVM are pinned to their CPUs once the broker is up.
 */
final class BrokerUnderTest implements AutoCloseable {

    /** The main class of a Kafka broker JVM, to tell it from its ZooKeeper among this JVM's children. */
    private static final String BROKER_MAIN_CLASS = "kafka.Kafka";

    private final KafkaBroker broker;
    private final NullBrokerProcess nullBroker;
    /** The PLAINTEXT listener (topics are created there). */
    private final String bootstrap;
    /** Where the producers connect: the PLAINTEXT listener, or the SSL one with {@code --security ssl}. */
    private final String producerBootstrap;
    /** The CA the producers trust with {@code --security ssl}, else null. */
    private final Path trustedCa;
    /** The broker's process (the Kafka JVM or the null broker), whose CPU each run reports; empty if unknown. */
    private final List<ProcessHandle> processes;
    /** The started broker's thread CPU and Produce request count, or null (null broker, running broker, no attach). */
    private final BrokerRequestMetrics requestMetrics;

    private BrokerUnderTest(KafkaBroker broker, NullBrokerProcess nullBroker, String bootstrap, String producerBootstrap,
                            Path trustedCa, List<ProcessHandle> processes, BrokerRequestMetrics requestMetrics) {
        this.broker = broker;
        this.nullBroker = nullBroker;
        this.bootstrap = bootstrap;
        this.producerBootstrap = producerBootstrap;
        this.trustedCa = trustedCa;
        this.processes = processes;
        this.requestMetrics = requestMetrics;
    }

    /** Starts the broker the options ask for (or takes the running one), telling {@code out} about it. */
    static BrokerUnderTest start(BenchmarkOptions options, PrintStream out) {
        if (options.nullBroker()) {
            NullBrokerProcess nullBroker = new NullBrokerProcess();
            out.println("Null broker (acknowledges every Produce at once, stores nothing) up at "
                    + nullBroker.bootstrapServers() + ", pid " + nullBroker.pid());
            List<ProcessHandle> process = ProcessHandle.of(nullBroker.pid()).stream().toList();
            pin(options, process, out);
            return new BrokerUnderTest(null, nullBroker, nullBroker.bootstrapServers(), nullBroker.bootstrapServers(),
                    null, process, null);
        }
        if (options.bootstrapServers() != null) {
            return new BrokerUnderTest(null, null, options.bootstrapServers(), options.bootstrapServers(), null,
                    List.of(), null);
        }
        out.println("Starting Kafka " + options.brokerVersion() + " (broker heap " + options.brokerHeap() + ", logs under "
                + BrokerLogPlace.choose() + ") ...");
        KafkaBroker broker = KafkaBrokers.dedicated(spec(options));
        // Nothing else runs yet: this JVM's descendants are the broker and, before 3.0, its ZooKeeper.
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        List<ProcessHandle> brokers = children.stream().filter(BrokerUnderTest::isBrokerJvm).toList();
        List<ProcessHandle> measured = brokers.isEmpty() ? children : brokers;
        out.println("Broker up at " + broker.bootstrapServers() + ", broker pid(s) " + pids(measured)
                + (children.size() > measured.size() ? " (not counted: " + pids(children.stream()
                        .filter(c -> !measured.contains(c)).toList()) + ", ZooKeeper)" : ""));
        String producerBootstrap = broker.bootstrapServers();
        Path trustedCa = null;
        if (options.tls()) {
            producerBootstrap = broker.bootstrapServers(ListenerSecurity.SSL);
            trustedCa = broker.certificates().ca().certificatePem();
            out.println("Producers connect over TLS to " + producerBootstrap);
        }
        pin(options, children, out);
        return new BrokerUnderTest(broker, null, broker.bootstrapServers(), producerBootstrap, trustedCa, measured,
                BrokerRequestMetrics.attach(measured));
    }

    /** With {@code --cpus}: the broker's processes (ZooKeeper too) on theirs, this JVM on the clients'. */
    private static void pin(BenchmarkOptions options, List<ProcessHandle> brokerProcesses, PrintStream out) {
        if (options.cpuSplit() != null) {
            options.cpuSplit().apply(brokerProcesses);
            out.println("Pinned: " + options.cpuSplit());
        }
    }

    /** Whether the process runs {@value #BROKER_MAIN_CLASS} (its command line, from {@code /proc}). */
    private static boolean isBrokerJvm(ProcessHandle process) {
        try {
            String commandLine = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return List.of(commandLine.split("\0")).contains(BROKER_MAIN_CLASS);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static List<Long> pids(List<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).toList();
    }

    /** A broker JVM as Kafka's own start script runs it (G1, 20 ms pause goal), not the fixture's small test heap. */
    private static BrokerSpec spec(BenchmarkOptions options) {
        // Run topics are deleted after counting: their files go at once, not a minute later.
        BrokerSpec spec = BrokerSpec.of(options.brokerVersion().toString()).withConfig("file.delete.delay.ms", "0");
        if (options.tls()) {
            spec = spec.withSecurity(BrokerSecurity.of(ListenerSecurity.SSL));
        }
        return spec.withJvmOptions("-Xms" + options.brokerHeap(), "-Xmx" + options.brokerHeap(),
                "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35",
                "-XX:+ExplicitGCInvokesConcurrent", "-XX:-UsePerfData", "-Djava.net.preferIPv4Stack=true",
                "-Djava.awt.headless=true");
    }

    /** The run topics of this broker: through {@code line}'s Admin, or the null broker's command channel. */
    Topics topics(KafkaClientsLine line) {
        return nullBroker != null ? new Topics(nullBroker) : new Topics(line.topicAdmin(bootstrap));
    }

    String producerBootstrap() {
        return producerBootstrap;
    }

    /** The CA certificate (PEM) the producers trust, or null for PLAINTEXT. */
    Path trustedCa() {
        return trustedCa;
    }

    /** CPU time so far of the broker's process, from {@code /proc/<pid>/stat}; -1 if unknown. */
    long cpuNanos() {
        long sum = 0;
        for (ProcessHandle handle : processes) {
            try {
                sum += KcatRun.ownCpuNanos(Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat")));
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return processes.isEmpty() ? -1 : sum;
    }

    /** The started broker's cumulative Produce requests and thread CPU; unknown without its metrics. */
    BrokerRequestMetrics.BrokerWork work() {
        return requestMetrics == null ? BrokerRequestMetrics.BrokerWork.UNKNOWN : requestMetrics.work();
    }

    @Override
    public void close() {
        if (requestMetrics != null) {
            requestMetrics.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (nullBroker != null) {
            nullBroker.close();
        }
    }
}
