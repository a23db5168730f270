package dev.legacykafka.client.it.cluster;

import dev.legacykafka.client.SendResult;
import dev.legacykafka.test.reader.ConsumedRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the log, read back by an independent reader, says about a run of {@link SteadyTraffic}:
 * the assertion of Kafka's system tests (every acknowledged record is in the log) and, for an
 * idempotent producer, no duplicate, every acknowledged record at the offset it was acknowledged
 * with, and send order kept per partition.
 *
 * @param sent           sends made
 * @param acknowledged   sends acknowledged
 * @param failed         sends that failed (each with an exception)
 * @param pending        sends without an outcome: a broken promise on its own
 * @param lost           acknowledged records missing from the log
 * @param duplicates     extra copies of a record beyond its first
 * @param misplaced      acknowledged records found at another partition or offset than acknowledged
 * @param outOfOrder     acknowledged records found before an earlier send to the same partition
 * @param failedButWritten records whose send failed yet which are in the log (allowed: the outcome was unknown)
 * @param failures       failed sends by exception and error, for the report
 */
record DeliveryVerdict(int sent, int acknowledged, int failed, int pending, int lost, int duplicates, int misplaced,
                       int outOfOrder, int failedButWritten, Map<String, Integer> failures) {

    static DeliveryVerdict of(List<SteadyTraffic.Sent> sends, List<ConsumedRecord> log) {
        Map<String, Integer> copies = new HashMap<>();
        Map<String, ConsumedRecord> firstCopy = new HashMap<>();
        for (ConsumedRecord record : log) {
            if (copies.merge(record.value(), 1, Integer::sum) == 1) {
                firstCopy.put(record.value(), record);
            }
        }
        int duplicates = 0;
        for (int count : copies.values()) {
            duplicates += count - 1;
        }
        int acknowledged = 0;
        int failed = 0;
        int pending = 0;
        int lost = 0;
        int misplaced = 0;
        int failedButWritten = 0;
        Map<String, Integer> failures = new TreeMap<>();
        Map<String, Integer> acknowledgedIndex = new HashMap<>();
        for (SteadyTraffic.Sent sent : sends) {
            String value = "v-" + sent.index();
            if (!sent.future().isDone()) {
                pending++;
            } else if (sent.future().isCompletedExceptionally()) {
                failed++;
                failures.merge(describe(sent), 1, Integer::sum);
                if (copies.containsKey(value)) {
                    failedButWritten++;
                }
            } else {
                acknowledged++;
                acknowledgedIndex.put(value, sent.index());
                SendResult result = sent.future().join();
                ConsumedRecord found = firstCopy.get(value);
                if (found == null) {
                    lost++;
                } else if (found.partition() != result.partition() || found.offset() != result.offset()) {
                    misplaced++;
                }
            }
        }
        int outOfOrder = 0;
        Map<Integer, Integer> lastIndexByPartition = new HashMap<>();
        for (ConsumedRecord record : log) {
            Integer index = acknowledgedIndex.get(record.value());
            if (index == null || firstCopy.get(record.value()) != record) {
                continue;
            }
            Integer last = lastIndexByPartition.put(record.partition(), index);
            if (last != null && last > index) {
                outOfOrder++;
            }
        }
        return new DeliveryVerdict(sends.size(), acknowledged, failed, pending, lost, duplicates, misplaced, outOfOrder,
                failedButWritten, failures);
    }

    /** The message of the exception a failed send completed with (with its causes' messages), or null. */
    static String failureMessage(SteadyTraffic.Sent sent) {
        if (!sent.future().isCompletedExceptionally()) {
            return null;
        }
        try {
            sent.future().join();
            return null;
        } catch (RuntimeException e) {
            StringBuilder message = new StringBuilder();
            for (Throwable t = e.getCause() == null ? e : e.getCause(); t != null; t = t.getCause()) {
                message.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append("; ");
            }
            return message.toString();
        }
    }

    private static String describe(SteadyTraffic.Sent sent) {
        try {
            sent.future().join();
            return "?";
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String name = cause.getClass().getSimpleName();
            return cause instanceof dev.legacykafka.client.errors.BrokerErrorException broker ? name + " " + broker.errorName() : name;
        }
    }

    /** Whether the delivery guarantee held: nothing pending or lost, and with idempotence no duplicate, misplaced or reordered record. */
    boolean holds(boolean idempotent) {
        boolean promised = pending == 0 && lost == 0;
        return idempotent ? promised && duplicates == 0 && misplaced == 0 && outOfOrder == 0 : promised;
    }

    @Override
    public String toString() {
        return "sent " + sent + ", acknowledged " + acknowledged + ", failed " + failed + " " + failures + ", pending "
                + pending + ", lost " + lost + ", duplicates " + duplicates + ", misplaced " + misplaced + ", out of order "
                + outOfOrder + ", failed but written " + failedButWritten;
    }
}
