package dev.legacykafka.client.scripted;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks DESIGN.md's delivery invariants over a {@link SendLedger} and the scripted broker's logs:
 * every send completed exactly once; every acknowledged record is in the log exactly once at the
 * offset its result reports; per partition the log keeps send order; a record that failed for sure
 * is not in the log. Uncertain failures (timeouts, retriable errors given up on, close) may or may
 * not be in the log and are only counted.
 */
final class DeliveryInvariants {

    /** What a check found. */
    record Report(List<String> violations, int acknowledged, int failedForSure, int uncertain, int uncertainWritten) {

        boolean holds() {
            return violations.isEmpty();
        }

        @Override
        public String toString() {
            return acknowledged + " acknowledged, " + failedForSure + " failed for sure, " + uncertain
                    + " uncertain (" + uncertainWritten + " of them written)"
                    + (violations.isEmpty() ? "" : "; violations:\n  " + String.join("\n  ", violations));
        }
    }

    private DeliveryInvariants() {
    }

    static Report check(ScriptedBroker broker, SendLedger ledger) {
        return check(broker, ledger, false);
    }

    /**
     * As {@link #check(ScriptedBroker, SendLedger)}; with {@code unknownOffsetAllowed} an acknowledged
     * record may report offset -1, as kafka-clients does after DUPLICATE_SEQUENCE_NUMBER (the broker
     * did not say where the original is), and must then still be in the log once.
     */
    static Report check(ScriptedBroker broker, SendLedger ledger, boolean unknownOffsetAllowed) {
        List<String> violations = new ArrayList<>();
        Map<Integer, List<Long>> logged = new HashMap<>();
        Map<Integer, String> loggedWhere = new HashMap<>();
        Set<String> partitions = new LinkedHashSet<>();
        for (SendLedger.Sent sent : ledger.all()) {
            partitions.add(sent.topic + "\u0000" + sent.partition);
            if (sent.completions.get() != 1) {
                violations.add(sent + " completed " + sent.completions.get() + " times, not once");
            }
        }
        for (String key : partitions) {
            String topic = key.substring(0, key.indexOf('\u0000'));
            int partition = Integer.parseInt(key.substring(key.indexOf('\u0000') + 1));
            int lastId = -1;
            for (LoggedRecord record : broker.log(topic, partition)) {
                int id = SendLedger.idOf(record);
                if (id < 0 || id >= ledger.all().size()) {
                    continue;
                }
                logged.computeIfAbsent(id, k -> new ArrayList<>()).add(record.offset());
                loggedWhere.put(id, topic + "-" + partition);
                if (id < lastId) {
                    violations.add(topic + "-" + partition + ": send#" + id + " at offset " + record.offset()
                            + " comes after send#" + lastId + " in the log, out of send order");
                }
                lastId = Math.max(lastId, id);
            }
        }
        int acknowledged = 0;
        int failedForSure = 0;
        int uncertain = 0;
        int uncertainWritten = 0;
        for (SendLedger.Sent sent : ledger.all()) {
            List<Long> offsets = logged.getOrDefault(sent.id, List.of());
            if (offsets.size() > 1) {
                violations.add(sent + " is in the log " + offsets.size() + " times, at offsets " + offsets);
            }
            if (!sent.future.isDone()) {
                continue;
            }
            if (sent.succeeded()) {
                acknowledged++;
                long offset = sent.result().offset();
                String where = sent.result().topic() + "-" + sent.result().partition();
                if (offsets.isEmpty()) {
                    violations.add(sent + " was acknowledged but is not in the log");
                } else if (!where.equals(loggedWhere.get(sent.id))
                        || !(offsets.contains(offset) || (unknownOffsetAllowed && offset == -1))) {
                    violations.add(sent + " was acknowledged at " + where + " offset " + offset + " but the log has it at "
                            + loggedWhere.get(sent.id) + " offsets " + offsets);
                }
            } else if (sent.outcomeUncertain()) {
                uncertain++;
                if (!offsets.isEmpty()) {
                    uncertainWritten++;
                }
            } else {
                failedForSure++;
                if (!offsets.isEmpty()) {
                    violations.add(sent + " failed for sure but is in the log at offsets " + offsets);
                }
            }
        }
        return new Report(violations, acknowledged, failedForSure, uncertain, uncertainWritten);
    }

    /** Fails the test with every violation and the broker's record of Produce requests. */
    static Report assertHold(ScriptedBroker broker, SendLedger ledger) {
        return assertHold(broker, ledger, false);
    }

    /** As {@link #assertHold(ScriptedBroker, SendLedger)}, allowing offset -1 on acknowledgements when asked to. */
    static Report assertHold(ScriptedBroker broker, SendLedger ledger, boolean unknownOffsetAllowed) {
        Report report = check(broker, ledger, unknownOffsetAllowed);
        if (!report.holds()) {
            fail("Delivery invariants violated: " + report + "\nProduce requests received:\n"
                    + broker.describeProduceRequests());
        }
        return report;
    }
}
