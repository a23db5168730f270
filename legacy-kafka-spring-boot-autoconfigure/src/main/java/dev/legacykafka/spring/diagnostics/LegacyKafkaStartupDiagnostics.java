package dev.legacykafka.spring.diagnostics;

import dev.legacykafka.client.BrokerStatus;
import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.errors.AuthenticationException;
import dev.legacykafka.client.errors.LegacyKafkaException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Probes the brokers once when the application context starts, within a bound, and logs per
 * broker the Produce version and record format it gets. Where that is MessageSet (Produce v0-v2)
 * it logs one warning naming what is lost and what lifts it; unreachable or unusable brokers, and
 * brokers that refuse the TLS handshake or SASL authentication, get a warning, or fail startup
 * with {@code legacykafka.startup.fail-fast=true}. No line ever holds a password.
 *
 * <p>Runs as a {@link SmartLifecycle} in an early phase: after every bean exists, but before the
 * web server and default-phase components start taking work, so that with fail-fast an
 * application that cannot reach its brokers never serves traffic.
 */
public class LegacyKafkaStartupDiagnostics implements SmartLifecycle {

    /** Before the embedded web server (Boot starts it at {@code Integer.MAX_VALUE - 2048}). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Log logger = LogFactory.getLog(LegacyKafkaStartupDiagnostics.class);

    private final LegacyKafkaProducer producer;

    private final Duration timeout;

    private final boolean failFast;

    /** Where this producer's properties are: {@code legacykafka.} or {@code legacykafka.producers.<name>.}. */
    private final String propertyPrefix;

    /** How log lines name the producer. */
    private final String description;

    private volatile boolean running;

    /**
     * @param producer the producer whose brokers to probe
     * @param timeout  bound of the probe
     * @param failFast whether a broker that cannot be reached or used fails startup
     */
    public LegacyKafkaStartupDiagnostics(LegacyKafkaProducer producer, Duration timeout, boolean failFast) {
        this(producer, timeout, failFast, null);
    }

    /**
     * Diagnostics of a named producer ({@code legacykafka.producers.<name>.*}): its lines name the
     * producer and its own properties.
     *
     * @param producer     the producer whose brokers to probe
     * @param timeout      bound of the probe
     * @param failFast     whether a broker that cannot be reached or used fails startup
     * @param producerName the producer's name, or null for the single auto-configured producer
     */
    public LegacyKafkaStartupDiagnostics(LegacyKafkaProducer producer, Duration timeout, boolean failFast,
                                         @org.jspecify.annotations.Nullable String producerName) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.failFast = failFast;
        String clientId = producer.config().clientId();
        if (producerName == null) {
            this.propertyPrefix = "legacykafka.";
            this.description = "legacy-kafka producer " + clientId;
        } else {
            this.propertyPrefix = "legacykafka.producers." + producerName + ".";
            this.description = "legacy-kafka producer '" + producerName + "' (client id " + clientId + ")";
        }
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        running = true;
        report(probe());
    }

    private List<BrokerStatus> probe() {
        try {
            return producer.probeBrokers(timeout);
        } catch (LegacyKafkaException ex) {
            String bootstrap = String.join(",", producer.config().bootstrapServers());
            return List.of(new BrokerStatus(bootstrap, false, -1, -1, false, -1, -1, String.valueOf(ex.getMessage()),
                    ex instanceof AuthenticationException));
        }
    }

    /**
     * Logs what a probe found and, with fail-fast, throws for brokers that cannot be used.
     *
     * @throws LegacyKafkaStartupException with fail-fast, when a broker is unreachable or unusable
     */
    void report(List<BrokerStatus> statuses) {
        String client = description;
        String security = BrokerStatusDescriptions.security(producer.config());
        List<BrokerStatus> usable = statuses.stream().filter(s -> s.reachable() && s.produceVersion() >= 0).toList();
        for (BrokerStatus status : usable) {
            logger.info(client + ": " + describe(status) + "; connected over " + security);
        }
        List<BrokerStatus> messageSet = usable.stream().filter(BrokerStatus::usesMessageSet).toList();
        if (!messageSet.isEmpty()) {
            logger.warn(client + ": " + recordBatchWarning(messageSet));
        }
        List<BrokerStatus> problems = statuses.stream().filter(s -> !usable.contains(s)).toList();
        if (problems.isEmpty()) {
            return;
        }
        List<BrokerStatus> refused = problems.stream().filter(BrokerStatusDescriptions::authenticationFailed).toList();
        String summary;
        if (refused.size() == problems.size()) {
            summary = refused.size() + " of " + statuses.size() + " broker(s) refused authentication (" + security + ")";
        } else {
            summary = problems.size() + " of " + statuses.size() + " broker(s) could not be reached or used within "
                    + timeout.toMillis() + "ms";
            if (!refused.isEmpty()) {
                summary += "; " + refused.size() + " of them refused authentication (" + security + ")";
            }
        }
        if (failFast) {
            // The failure analysis lists each broker with its cause.
            throw new LegacyKafkaStartupException(client + " fails startup (" + propertyPrefix + "startup.fail-fast=true): "
                    + summary + ":", problems);
        }
        String consequence = refused.isEmpty()
                ? "The application starts anyway; sends wait for the brokers up to " + propertyPrefix + "producer.max-block and "
                        + "delivery-timeout."
                : "The application starts anyway, but sends to those brokers fail with AuthenticationException until "
                        + "the security settings match the brokers: " + LegacyKafkaStartupFailureAnalyzer.SECURITY_CHECK;
        logger.warn(client + ": " + summary + ": " + problems.stream().map(this::describe)
                .collect(Collectors.joining("; ")) + ". " + consequence + " Set " + propertyPrefix + "startup.fail-fast=true to "
                + "fail startup instead.");
    }

    private String recordBatchWarning(List<BrokerStatus> messageSet) {
        Integer pinned = producer.config().pinnedProduceVersion();
        String brokers = messageSet.stream()
                .map(s -> s.broker() + " (Produce v" + s.produceVersion() + ", "
                        + BrokerStatusDescriptions.recordFormat(s.magic()) + ")")
                .collect(Collectors.joining(", "));
        String why;
        String lift;
        if (pinned != null && pinned < 3) {
            why = propertyPrefix + "api-version is pinned to " + pinned;
            lift = "set " + propertyPrefix + "api-version to auto or 3..13 (with brokers 0.11 or newer)";
        } else {
            why = "that is the newest Produce version these brokers offer (Kafka before 0.11)";
            lift = "upgrade the brokers to 0.11 or newer, then api-version auto (or 3..13) selects it";
        }
        return "records go to " + brokers + " in the legacy MessageSet format because " + why
                + ", not in RecordBatch (magic 2): record headers, the idempotent producer and transactions are "
                + "unavailable with these brokers. RecordBatch needs Produce v3 or newer on a 0.11+ broker: " + lift + ".";
    }

    /** A broker's line, naming this producer's own fallback property. */
    private String describe(BrokerStatus status) {
        return BrokerStatusDescriptions.describe(status).replace("legacykafka.broker-version-fallback",
                propertyPrefix + "broker-version-fallback");
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
