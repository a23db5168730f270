package dev.legacykafka.test;

import dev.legacykafka.test.broker.ProcessKafkaBroker;
import dev.legacykafka.test.broker.ProcessReaper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Where tests get brokers. Shared brokers start once per JVM and spec, are reused by every test
 * that asks for the same spec, and are removed at JVM exit; dedicated brokers belong to the caller.
 *
 * <pre>{@code
 * KafkaBroker broker = KafkaBrokers.shared("0.10.2.2");
 * broker.createTopic("orders", 3);
 *
 * List<KafkaBroker> matrix = KafkaBrokers.startAll("0.8.2.2", "2.8.2", "4.4.0");
 *
 * try (KafkaBroker own = KafkaBrokers.dedicated(BrokerSpec.of("3.9.1"))) {
 *     own.kill();
 *     own.start();
 * }
 * }</pre>
 */
public final class KafkaBrokers {

    private static final Map<BrokerSpec, CompletableFuture<KafkaBroker>> SHARED = new ConcurrentHashMap<>();
    // Not the common pool: on two cores it has a single thread, and starts mostly wait on I/O.
    private static final ExecutorService STARTER = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "legacy-kafka-starter");
        thread.setDaemon(true);
        return thread;
    });

    private KafkaBrokers() {
    }

    /** The shared broker of the given release with default settings, started on first use. */
    public static KafkaBroker shared(String version) {
        return shared(BrokerSpec.of(version));
    }

    /**
     * The shared broker for the spec, started on first use and kept until JVM exit. Its lifecycle
     * methods throw {@link UnsupportedOperationException}; {@code close()} does nothing.
     *
     * @throws BrokerStartException if it does not come up (a later call tries again)
     */
    public static KafkaBroker shared(BrokerSpec spec) {
        return join(sharedAsync(spec));
    }

    /**
     * Shared brokers of several releases, started in parallel.
     *
     * @param versions release numbers such as {@code "0.9.0.1"}
     * @return the brokers in the order of the versions
     */
    public static List<KafkaBroker> startAll(String... versions) {
        return startAll(Arrays.stream(versions).map(BrokerSpec::of).collect(Collectors.toList()));
    }

    /**
     * Shared brokers for several specs, started in parallel; waits for all of them.
     *
     * @return the brokers in the order of the specs
     * @throws BrokerStartException for the first spec (in order) that failed
     */
    public static List<KafkaBroker> startAll(List<BrokerSpec> specs) {
        List<CompletableFuture<KafkaBroker>> futures = specs.stream().map(KafkaBrokers::sharedAsync)
                .collect(Collectors.toList());
        List<KafkaBroker> brokers = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<KafkaBroker> future : futures) {
            try {
                brokers.add(join(future));
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return brokers;
    }

    /**
     * A broker of the caller's own, which may be stopped, killed and restarted; close it.
     *
     * @throws BrokerStartException if it does not come up
     */
    public static KafkaBroker dedicated(BrokerSpec spec) {
        return ProcessKafkaBroker.start(spec);
    }

    /** A dedicated broker of the given release with default settings. */
    public static KafkaBroker dedicated(String version) {
        return dedicated(BrokerSpec.of(version));
    }

    /**
     * Closes {@code application} when the JVM exits (Ctrl-C, SIGTERM, {@code System.exit}), before
     * the brokers of this JVM are stopped, so an application running on embedded brokers (a dev run,
     * a sample) shuts down while they still answer: its producer delivers what is buffered instead
     * of waiting on a broker that is gone. The application must not also close from a shutdown hook
     * of its own (for Spring Boot: {@code SpringApplication.setRegisterShutdownHook(false)}), since
     * hooks run in no set order. Applications handed over later are closed first.
     */
    public static void closeAtExitBeforeBrokers(AutoCloseable application) {
        ProcessReaper.closeFirst(application);
    }

    private static CompletableFuture<KafkaBroker> sharedAsync(BrokerSpec spec) {
        CompletableFuture<KafkaBroker> future = SHARED.computeIfAbsent(spec, key -> CompletableFuture.supplyAsync(
                () -> new SharedKafkaBroker(ProcessKafkaBroker.start(key)), STARTER));
        // A failed start is forgotten so that a later test may try again.
        future.whenComplete((broker, error) -> {
            if (error != null) {
                SHARED.remove(spec, future);
            }
        });
        return future;
    }

    private static KafkaBroker join(CompletableFuture<KafkaBroker> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
