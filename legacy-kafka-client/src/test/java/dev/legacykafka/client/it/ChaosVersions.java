package dev.legacykafka.client.it;

import java.util.ArrayList;
import java.util.List;

/**
 * Broker releases for the slow crash tests: {@code verify} runs a representative subset, the
 * {@code chaos} profile ({@code -Dlegacykafka.chaos=true}) every release the test was written for.
 */
final class ChaosVersions {

    static final boolean CHAOS = Boolean.getBoolean("legacykafka.chaos");

    private ChaosVersions() {
    }

    /** The releases of {@code always}, plus those of {@code chaosOnly} in the chaos profile. */
    static List<String> of(List<String> always, List<String> chaosOnly) {
        List<String> versions = new ArrayList<>(always);
        if (CHAOS) {
            versions.addAll(chaosOnly);
        }
        return versions;
    }
}
