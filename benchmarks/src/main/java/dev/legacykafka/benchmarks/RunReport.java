package dev.legacykafka.benchmarks;

import dev.legacykafka.benchmarks.BenchmarkOptions.Client;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What a run of {@link ProducerComparison} prints: one line per measured run as it ends, the
 * summary table (per partition count and client, medians over the repetitions with their range,
 * and ratios to the replay and to kafka-clients taken within each repetition), and the check that
 * every client delivered the same number of records.
 */
final class RunReport {

    private final BenchmarkOptions options;
    private final KafkaClientsLine line;
    private final PrintStream out;

    RunReport(BenchmarkOptions options, KafkaClientsLine line, PrintStream out) {
        this.options = options;
        this.line = line;
        this.out = out;
    }

    /**
     * A complaint if the clients did not all deliver the same number of measured records in every run
     * (counted at the broker: end offsets, or the null broker's count), else null.
     */
    static String unequalDeliveries(List<RunResult> results) {
        long expected = -1;
        for (RunResult r : results) {
            if (expected < 0) {
                expected = r.delivered();
            } else if (r.delivered() != expected) {
                return "Peers delivered different numbers of records: " + r.client() + " (p=" + r.partitions()
                        + ", rep " + r.repetition() + ") " + r.delivered() + " against " + expected;
            }
        }
        return null;
    }

    /** One measured run on one line, printed as it ends. */
    static String describe(RunResult r) {
        return String.format(Locale.ROOT,
                "p=%d rep %d %-24s %,10.0f rec/s %7.2f MiB/s | latency ms p50 %s p99 %s p99.9 %s max %s"
                        + " | alloc B/rec %s (send %s, net %s) | CPU us/rec jvm %s (send %s, net %s) broker %s | GC %d (%d ms) | %s rec/req"
                        + " | broker CPU us/rec handlers %s, network %s",
                r.partitions(), r.repetition(), r.client(), r.recordsPerSecond(), r.mebibytesPerSecond(),
                fmt(r.p50Ms(), 2), fmt(r.p99Ms(), 2), fmt(r.p999Ms(), 2), fmt(r.maxMs(), 1),
                fmt(r.allocatedBytesPerRecord(), 0), fmt(r.callerAllocatedBytesPerRecord(), 0),
                fmt(r.networkAllocatedBytesPerRecord(), 0), fmt(r.clientCpuNanosPerRecord() / 1000, 3),
                fmt(r.callerCpuNanosPerRecord() / 1000, 3), fmt(r.networkCpuNanosPerRecord() / 1000, 3),
                fmt(r.brokerCpuNanosPerRecord() / 1000, 3), r.gcCount(), r.gcMillis(), fmt(r.recordsPerRequest(), 0),
                fmt(r.brokerHandlerCpuNanosPerRecord() / 1000, 3), fmt(r.brokerNetworkCpuNanosPerRecord() / 1000, 3));
    }

    /**
     * Per partition count and client: medians over the repetitions with their range (min–max),
     * records/s as a fraction of the replay ceiling and against kafka-clients (each the median of
     * the ratios within a repetition, with their range). The replay ceiling is the first row.
     */
    void printSummary(List<RunResult> results) {
        out.println();
        out.printf(Locale.ROOT, "Summary: %s broker, acks=%s, idempotence %s, replay %s, %d repetition(s), client order rotated;"
                        + " median (min–max) over repetitions; CPU in microseconds per record; 2-core machine shared by"
                        + " broker and client; %s%n", options.nullBroker() ? "null" : "Kafka " + options.brokerVersion(),
                options.acks(),
                options.idempotence(), options.replayCombined() ? "combined" : "per-partition", options.repetitions(),
                line.describe());
        out.println();
        out.println("| partitions | client | records/s | of replay | vs kafka-clients | p50 ms | p99 ms"
                + " | client CPU/rec | send / net CPU | alloc B/rec | send / net alloc | broker CPU/rec"
                + " | broker CPU vs kafka-clients | rec/request"
                + " | broker handler / network CPU | delivered |");
        out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int partitions : options.partitions()) {
            for (Client client : options.clients()) {
                List<RunResult> runs = results.stream()
                        .filter(r -> r.partitions() == partitions && r.client().equals(line.rowLabel(client))).toList();
                if (runs.isEmpty()) {
                    continue;
                }
                out.printf(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s | %s / %s | %s | %s | %s | %s / %s | %s |%n",
                        partitions, line.rowLabel(client), spread(runs, RunResult::recordsPerSecond).format(0),
                        ratio(results, partitions, client, Client.REPLAY, RunResult::recordsPerSecond),
                        ratio(results, partitions, client, Client.KAFKA_CLIENTS, RunResult::recordsPerSecond),
                        spread(runs, RunResult::p50Ms).formatMedian(1), spread(runs, RunResult::p99Ms).formatMedian(1),
                        spread(runs, r -> r.clientCpuNanosPerRecord() / 1000).format(3),
                        spread(runs, r -> r.callerCpuNanosPerRecord() / 1000).formatMedian(3),
                        spread(runs, r -> r.networkCpuNanosPerRecord() / 1000).formatMedian(3),
                        spread(runs, RunResult::allocatedBytesPerRecord).format(0),
                        spread(runs, RunResult::callerAllocatedBytesPerRecord).formatMedian(0),
                        spread(runs, RunResult::networkAllocatedBytesPerRecord).formatMedian(0),
                        spread(runs, r -> r.brokerCpuNanosPerRecord() / 1000).format(3),
                        ratio(results, partitions, client, Client.KAFKA_CLIENTS, RunResult::brokerCpuNanosPerRecord),
                        spread(runs, RunResult::recordsPerRequest).formatMedian(0),
                        spread(runs, r -> r.brokerHandlerCpuNanosPerRecord() / 1000).formatMedian(3),
                        spread(runs, r -> r.brokerNetworkCpuNanosPerRecord() / 1000).formatMedian(3),
                        runs.stream().map(r -> Long.toString(r.delivered())).distinct()
                                .reduce((a, b) -> a + "/" + b).orElse("-"));
            }
        }
    }

    private static Spread spread(List<RunResult> runs, ToDoubleFunction<RunResult> figure) {
        return Spread.of(runs.stream().mapToDouble(figure).toArray());
    }

    /**
     * A figure of {@code client} over {@code reference}'s in the same repetition: median (min–max).
     * Within a repetition both ran against the broker in the same state, which drifts over a run.
     */
    private String ratio(List<RunResult> results, int partitions, Client client, Client reference,
                         ToDoubleFunction<RunResult> figure) {
        if (client == reference) {
            return "1.00";
        }
        List<Double> ratios = new ArrayList<>();
        for (int rep = 1; rep <= options.repetitions(); rep++) {
            RunResult mine = find(results, partitions, line.rowLabel(client), rep);
            RunResult theirs = find(results, partitions, line.rowLabel(reference), rep);
            if (mine != null && theirs != null) {
                double ratio = figure.applyAsDouble(mine) / figure.applyAsDouble(theirs);
                if (Double.isFinite(ratio)) {
                    ratios.add(ratio);
                }
            }
        }
        if (ratios.isEmpty()) {
            return "-";
        }
        Spread spread = Spread.of(ratios.stream().mapToDouble(Double::doubleValue).toArray());
        return spread.count() == 1 ? spread.formatMedian(2) : spread.format(2);
    }

    private static RunResult find(List<RunResult> results, int partitions, String client, int rep) {
        return results.stream().filter(r -> r.partitions() == partitions && r.client().equals(client)
                && r.repetition() == rep).findFirst().orElse(null);
    }

    private static String fmt(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

}
