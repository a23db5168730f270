package dev.legacykafka.spring.it;

import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import java.util.List;

/** The brokers of the Spring integration tests, started together (in parallel) on first use, once per JVM. */
final class ItBrokers {

    static final String V0_10 = "0.10.2.2";

    static final String V0_11 = "0.11.0.3";

    static final String V4 = "4.4.0";

    private ItBrokers() {
    }

    static KafkaBroker get(String version) {
        // startAll is idempotent for shared brokers: the first call starts all three at once.
        List<KafkaBroker> brokers = KafkaBrokers.startAll(V0_10, V0_11, V4);
        return brokers.stream().filter(b -> b.version().toString().equals(version)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(version));
    }
}
