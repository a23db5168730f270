package dev.legacykafka.spring.it;

import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import java.util.List;

/** The brokers of the Spring integration tests, started together (in parallel) on first use, once per JVM. */
final class ItBrokers {

    static final String V0_10 = "0.10.2.2";

    static final String V0_11 = "0.11.0.3";

    static final String V4 = "4.4.0";

    /** Only some Spring transaction tests need it: started alone, on their first use, not with the others. */
    static final String V2_8 = "2.8.2";

    private ItBrokers() {
    }

    static KafkaBroker get(String version) {
        if (V2_8.equals(version)) {
            // Shared too (once per JVM), but kept out of startAll so that runs without these tests skip its ~5 s start.
            return KafkaBrokers.shared(V2_8);
        }
        // startAll is idempotent for shared brokers: the first call starts all three at once.
        List<KafkaBroker> brokers = KafkaBrokers.startAll(V0_10, V0_11, V4);
        return brokers.stream().filter(b -> b.version().toString().equals(version)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(version));
    }
}
