package dev.legacykafka.sample;

import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import dev.legacykafka.test.KafkaVersion;
import java.util.Map;
import org.springframework.boot.SpringApplication;

/**
 * Runs the sample on an embedded real broker, for a first look without a cluster:
 * {@code ./mvnw -B -pl sample-app -am -Psample package} (add {@code -Dsample.broker.version=0.10.2.2}
 * for the legacy path). With {@code legacykafka.bootstrap-servers} or
 * {@code LEGACYKAFKA_BOOTSTRAP_SERVERS} set, no broker is started and the sample uses that cluster.
 */
public final class TestSampleApplication {

    static final String CLIENT_ID = "legacy-kafka-sample";

    private TestSampleApplication() {
    }

    public static void main(String[] args) {
        if (System.getProperty("legacykafka.bootstrap-servers") == null
                && System.getenv("LEGACYKAFKA_BOOTSTRAP_SERVERS") == null) {
            startEmbeddedBroker(System.getProperty("sample.broker.version", "4.4.0"));
        }
        SpringApplication.run(SampleApplication.class, args);
    }

    /** Starts the broker, prepares topics and a small quota so throttling shows, and points the sample at it. */
    static KafkaBroker startEmbeddedBroker(String version) {
        KafkaBroker broker = KafkaBrokers.shared(version);
        broker.createTopic("sample-events", 3, Map.of());
        KafkaVersion kafka = broker.version();
        if (kafka.atLeast("2.4")) {
            // Keyless records to a compacted topic come back as record_errors from Produce v8 on.
            broker.createTopic("sample-compacted", 1, Map.of("cleanup.policy", "compact"));
            System.setProperty("sample.compacted-topic", "sample-compacted");
        }
        if (kafka.supportsClientQuotas()) {
            // Below the traffic generator's ~50 KB/s, so the broker throttles and the throttle meter moves.
            broker.setClientQuota(CLIENT_ID, 16 * 1024);
        }
        System.setProperty("legacykafka.bootstrap-servers", broker.bootstrapServers());
        System.setProperty("sample.traffic-enabled", "true");
        System.out.println("Embedded Kafka " + version + " at " + broker.bootstrapServers()
                + "; open http://localhost:8080/ for the live meters");
        return broker;
    }
}
