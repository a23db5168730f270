package dev.legacykafka.spring.health;

import dev.legacykafka.client.BrokerStatus;
import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.errors.AuthenticationException;
import dev.legacykafka.spring.diagnostics.BrokerStatusDescriptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of a legacy-kafka producer's brokers, from a bounded probe: UP with each broker's Produce
 * version and record format when at least one broker is reachable and every reachable broker can
 * be used; DOWN with the cause when none is reachable, or a reachable broker cannot take the
 * pinned api-version, or when any broker refuses the TLS handshake or SASL authentication (wrong
 * credentials or trust material, which no retry fixes). A single unreachable broker among
 * reachable ones leaves the status UP (its partitions may have moved) but shows in the details.
 * The details name the security protocol and SASL user, never a password.
 */
public class LegacyKafkaHealthIndicator extends AbstractHealthIndicator {

    private final LegacyKafkaProducer producer;

    private final Duration timeout;

    /**
     * @param producer the producer whose brokers to probe
     * @param timeout  bound of one probe
     */
    public LegacyKafkaHealthIndicator(LegacyKafkaProducer producer, Duration timeout) {
        super("legacy-kafka health check failed");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Integer pinned = producer.config().pinnedProduceVersion();
        builder.withDetail("clientId", producer.config().clientId())
                .withDetail("apiVersion", pinned == null ? "auto" : pinned.toString())
                .withDetail("security", BrokerStatusDescriptions.security(producer.config()));
        List<BrokerStatus> statuses;
        try {
            statuses = producer.probeBrokers(timeout);
        } catch (AuthenticationException ex) {
            builder.down().withDetail("error", "Authentication failed: " + ex.getMessage());
            return;
        }
        Map<String, Object> brokers = new LinkedHashMap<>();
        boolean anyUsable = false;
        boolean unusableReachable = false;
        List<String> refused = new ArrayList<>();
        for (BrokerStatus status : statuses) {
            brokers.put(status.broker(), details(status));
            if (BrokerStatusDescriptions.authenticationFailed(status)) {
                refused.add(status.broker() + ": " + status.problem());
                continue;
            }
            boolean usable = status.reachable() && status.produceVersion() >= 0;
            anyUsable |= usable;
            unusableReachable |= status.reachable() && !usable;
        }
        builder.withDetail("brokers", brokers);
        if (!refused.isEmpty()) {
            // Wrong credentials or trust material: no retry will fix it, whatever the other brokers say.
            builder.down().withDetail("error", "Authentication failed (" + BrokerStatusDescriptions.security(
                    producer.config()) + "): " + String.join("; ", refused));
        } else if (!anyUsable) {
            builder.down().withDetail("error", "No broker reachable within " + timeout.toMillis() + "ms");
        } else if (unusableReachable) {
            builder.down().withDetail("error", "A reachable broker cannot take the configured api-version");
        } else {
            builder.up();
        }
    }

    private static Map<String, Object> details(BrokerStatus status) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reachable", status.reachable());
        if (status.reachable()) {
            details.put("offeredProduceVersions", BrokerStatusDescriptions.offered(status));
        }
        if (status.produceVersion() >= 0) {
            details.put("produceVersion", status.produceVersion());
            details.put("recordFormat", BrokerStatusDescriptions.recordFormat(status.magic()));
        }
        if (status.problem() != null) {
            details.put("problem", status.problem());
        }
        if (BrokerStatusDescriptions.authenticationFailed(status)) {
            details.put("authenticationFailed", true);
        }
        return details;
    }
}
