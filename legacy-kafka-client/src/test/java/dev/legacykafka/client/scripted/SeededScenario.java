package dev.legacykafka.client.scripted;

import dev.legacykafka.client.LegacyKafkaProducer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the seeded random scenarios share: the seed and its random source, a description of what
 * was chosen for failure messages, and the end of every run (close within its bound, then no send
 * left without an outcome).
 */
abstract class SeededScenario {

    static final long CLOSE_TIMEOUT_MS = 1_000;

    final long seed;
    final Random random;
    final List<String> description = new ArrayList<>();

    SeededScenario(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** Runs the scenario; returns the violations found (empty when every invariant held). */
    abstract List<String> run();

    /** What the scenario did, for failure messages. */
    String describe() {
        return "seed " + seed + ": " + String.join("\n  ", description);
    }

    /** Closes the producer: it must return within its timeout (plus a second), and every send must then have an outcome. */
    static void closeInTime(LegacyKafkaProducer producer, SendLedger ledger, List<String> violations) {
        long start = System.nanoTime();
        producer.close(Duration.ofMillis(CLOSE_TIMEOUT_MS));
        long closeMs = (System.nanoTime() - start) / 1_000_000;
        if (closeMs > CLOSE_TIMEOUT_MS + 1_000) {
            violations.add("close(" + CLOSE_TIMEOUT_MS + " ms) took " + closeMs + " ms");
        }
        if (!ledger.awaitAll(500)) {
            violations.add(ledger.pending().size() + " send(s) still incomplete after close, e.g. " + ledger.pending().get(0));
        }
    }
}
