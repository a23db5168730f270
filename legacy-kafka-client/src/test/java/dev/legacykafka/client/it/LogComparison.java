package dev.legacykafka.client.it;

import dev.legacykafka.client.it.ExactReader.LogRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a log read to its end differs from the acknowledged records, in counts, for a test's report:
 * the exact per-partition comparison says where, this says how much. Records are told apart by
 * their value, which the tests make unique.
 *
 * @param missing      acknowledged records not in the log
 * @param unacknowledged records in the log that were not acknowledged (failed or never reported)
 * @param duplicates   extra copies of a value in the log beyond its first
 * @param misplaced    acknowledged records found at another partition or offset than reported
 */
record LogComparison(int missing, int unacknowledged, int duplicates, int misplaced) {

    static LogComparison of(Map<Integer, List<LogRecord>> acknowledged, Map<Integer, List<LogRecord>> log) {
        Map<String, LogRecord> expectedByValue = new HashMap<>();
        acknowledged.values().forEach(records -> records.forEach(r -> expectedByValue.put(r.value(), r)));
        Map<String, Integer> copies = new HashMap<>();
        int unacknowledged = 0;
        int duplicates = 0;
        int misplaced = 0;
        for (List<LogRecord> partition : log.values()) {
            for (LogRecord found : partition) {
                int copy = copies.merge(found.value(), 1, Integer::sum);
                LogRecord expected = expectedByValue.get(found.value());
                if (copy > 1) {
                    duplicates++;
                } else if (expected == null) {
                    unacknowledged++;
                } else if (!expected.equals(found)) {
                    misplaced++;
                }
            }
        }
        int missing = (int) expectedByValue.keySet().stream().filter(value -> !copies.containsKey(value)).count();
        return new LogComparison(missing, unacknowledged, duplicates, misplaced);
    }
}
