package dev.legacykafka.client.scripted;

import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded random fault schedules against the scripted broker ({@link RandomFaultScenario}), each
 * checked against DESIGN.md's delivery invariants: every send completes exactly once; every
 * acknowledged record is in the log once, at the offset its result reports; per partition the
 * log keeps send order; records that failed for sure are not in the log (uncertain outcomes are
 * counted, not judged); after the faults stop every partition takes records; close returns in time.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code legacykafka.faults.schedules} — how many schedules to run (default 30, about a
 *       second each; a soak profile may set e.g. 5000)</li>
 *   <li>{@code legacykafka.faults.baseSeed} — the first seed (default 20261203); schedule i uses
 *       base seed + i</li>
 *   <li>{@code legacykafka.faults.seed} — replay this one seed only (printed by a failure)</li>
 *   <li>{@code legacykafka.faults.txSeed} — replay this one transactional schedule only</li>
 * </ul>
 * The run stops at the first schedule that breaks an invariant and reports its seed. A seed fixes
 * the cluster, the sends and the fault schedule; thread timing (how records fall into batches,
 * what is in flight when a fault fires) can still differ from one run to the next.
 */
class RandomizedFaultScheduleTest {

    static final String SCHEDULES = "legacykafka.faults.schedules";
    static final String BASE_SEED = "legacykafka.faults.baseSeed";
    static final String SEED = "legacykafka.faults.seed";
    static final String TX_SEED = "legacykafka.faults.txSeed";

    @Test
    void randomFaultSchedulesKeepTheDeliveryInvariants() {
        String replay = System.getProperty(SEED);
        long base = replay != null ? Long.parseLong(replay) : Long.getLong(BASE_SEED, 20261203L);
        int schedules = replay != null ? 1 : Integer.getInteger(SCHEDULES, 150);
        for (int i = 0; i < schedules; i++) {
            long seed = base + i;
            RandomFaultScenario scenario = new RandomFaultScenario(seed);
            List<String> violations = scenario.run();
            if (!violations.isEmpty()) {
                fail("Schedule " + (i + 1) + " of " + schedules + " broke the delivery invariants; replay with -D" + SEED
                        + "=" + seed + "\n  " + String.join("\n  ", violations) + "\n" + scenario.describe());
            }
        }
    }

    /** The same for a transactional producer, one schedule in three as many ({@link RandomTransactionScenario}). */
    @Test
    void randomFaultSchedulesKeepTheTransactionInvariants() {
        String replay = System.getProperty(TX_SEED);
        long base = replay != null ? Long.parseLong(replay) : Long.getLong(BASE_SEED, 20261203L);
        int schedules = replay != null ? 1 : Math.max(1, Integer.getInteger(SCHEDULES, 150) / 3);
        for (int i = 0; i < schedules; i++) {
            long seed = base + i;
            RandomTransactionScenario scenario = new RandomTransactionScenario(seed);
            List<String> violations = scenario.run();
            if (!violations.isEmpty()) {
                fail("Transactional schedule " + (i + 1) + " of " + schedules + " broke the invariants; replay with -D"
                        + TX_SEED + "=" + seed + "\n  " + String.join("\n  ", violations) + "\n" + scenario.describe());
            }
        }
    }
}
