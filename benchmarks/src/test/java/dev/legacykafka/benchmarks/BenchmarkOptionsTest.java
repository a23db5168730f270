package dev.legacykafka.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.benchmarks.BenchmarkOptions.Client;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

    @Test
    void defaultsAreTheTargetConfiguration() {
        BenchmarkOptions o = BenchmarkOptions.parse();
        assertThat(o.records()).isEqualTo(5_000_000);
        assertThat(o.recordSize()).isEqualTo(100);
        assertThat(o.keySize()).isZero();
        assertThat(o.acks()).isEqualTo("1");
        assertThat(o.lingerMs()).isEqualTo(5);
        assertThat(o.batchSize()).isEqualTo(65_536);
        assertThat(o.bufferMemory()).isEqualTo(32L * 1024 * 1024);
        assertThat(o.maxInFlight()).isEqualTo(5);
        assertThat(o.compression()).isEqualTo("none");
        assertThat(o.partitions()).containsExactly(1, 3);
        assertThat(o.warmupRecords()).isEqualTo(500_000);
        assertThat(o.jvmWarmupRecords()).isEqualTo(2_000_000);
        assertThat(o.clients()).containsExactly(Client.REPLAY, Client.KAFKA_CLIENTS, Client.LEGACY_KAFKA, Client.KCAT);
        assertThat(o.repetitions()).isEqualTo(5);
        assertThat(o.idempotence()).isEqualTo("default");
        assertThat(o.idempotenceSetting()).isNull();
        assertThat(o.nullBroker()).isFalse();
        assertThat(o.replayCombined()).isFalse();
        assertThat(BenchmarkOptions.parse("--replay", "combined").replayCombined()).isTrue();
        assertThat(o.throughput()).isEqualTo(-1);
        assertThat(o.latencyEvery()).isEqualTo(1);
        assertThat(o.bootstrapServers()).isNull();
        assertThat(o.tls()).isFalse();
        assertThat(o.brokerWarmupRecords()).isEqualTo(30_000_000);
        assertThat(BenchmarkOptions.parse("--broker-warmup", "0").brokerWarmupRecords()).isZero();
        assertThatThrownBy(() -> BenchmarkOptions.parse("--broker-warmup", "-5")).hasMessageContaining("--broker-warmup");
    }

    @Test
    void cpuSplitPinsBrokerAndClientsApartOrNothing() {
        assertThat(BenchmarkOptions.parse().cpuSplit()).isNull();
        assertThat(BenchmarkOptions.parse("--cpus", "off").cpuSplit()).isNull();
        assertThat(BenchmarkOptions.parse("--cpus", "0:1").cpuSplit()).isEqualTo(new CpuSplit("0", "1"));
        assertThat(BenchmarkOptions.parse("--cpus=0-1,4:2-3").cpuSplit()).isEqualTo(new CpuSplit("0-1,4", "2-3"));
        for (String malformed : List.of("0", "0:", ":1", "a:b", "0;1", "0:1:2")) {
            assertThatThrownBy(() -> BenchmarkOptions.parse("--cpus", malformed))
                    .hasMessageContaining("--cpus").hasMessageContaining(malformed);
        }
        assertThatThrownBy(() -> BenchmarkOptions.parse("--cpus", "0:1", "--bootstrap-servers", "h:9092"))
                .hasMessageContaining("--cpus").hasMessageContaining("--bootstrap-servers");
    }

    @Test
    void tlsRunsOnTheStartedBrokerOnly() {
        assertThat(BenchmarkOptions.parse("--security", "SSL").tls()).isTrue();
        assertThat(BenchmarkOptions.parse("--security=plaintext").tls()).isFalse();
        assertThatThrownBy(() -> BenchmarkOptions.parse("--security", "sasl_ssl")).hasMessageContaining("one of");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--security", "ssl", "--bootstrap-servers", "h:9093"))
                .hasMessageContaining("started broker");
    }

    @Test
    void parsesBothSpellingsAndAliases() {
        BenchmarkOptions o = BenchmarkOptions.parse("--records", "1_000", "--record-size=512", "--acks", "-1",
                "--partitions", "3,6,3", "--clients", "legacy, kc,kcat", "--throughput", "200000",
                "--latency-every", "16", "--jvm-warmup", "0", "--compression", "LZ4", "--bootstrap-servers", "127.0.0.1:9092");
        assertThat(o.records()).isEqualTo(1_000);
        assertThat(o.recordSize()).isEqualTo(512);
        assertThat(o.acks()).isEqualTo("all");
        assertThat(o.partitions()).containsExactly(3, 6);
        assertThat(o.clients()).containsExactly(Client.LEGACY_KAFKA, Client.KAFKA_CLIENTS, Client.KCAT);
        assertThat(o.throughput()).isEqualTo(200_000);
        assertThat(o.latencyEvery()).isEqualTo(16);
        assertThat(o.jvmWarmupRecords()).isZero();
        assertThat(o.compression()).isEqualTo("lz4");
        assertThat(o.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(BenchmarkOptions.parse("--throughput", "-1").throughput()).isEqualTo(-1);
    }

    @Test
    void rejectsWhatItCannotRun() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--recods", "5")).hasMessageContaining("--recods");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--records")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--records", "many")).hasMessageContaining("number");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--partitions", "0")).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--acks", "2")).hasMessageContaining("one of");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--clients", "confluent")).hasMessageContaining("confluent");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--help")).hasMessage("help");
    }

    @Test
    void clientOrderRotatesAcrossRepetitions() {
        ProducerComparison two = new ProducerComparison(BenchmarkOptions.parse("--clients", "kc,lk"),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(two.orderFor(1)).containsExactly(Client.KAFKA_CLIENTS, Client.LEGACY_KAFKA);
        assertThat(two.orderFor(2)).containsExactly(Client.LEGACY_KAFKA, Client.KAFKA_CLIENTS);
        assertThat(two.orderFor(3)).containsExactly(Client.KAFKA_CLIENTS, Client.LEGACY_KAFKA);
        ProducerComparison three = new ProducerComparison(BenchmarkOptions.parse("--clients", "kc,lk,kc1"),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(three.orderFor(2)).containsExactly(Client.LEGACY_KAFKA, Client.KAFKA_CLIENTS_INFLIGHT1,
                Client.KAFKA_CLIENTS);
    }

    @Test
    void everyClientLeadsOnceInAsManyRepetitionsAsThereAreClients() {
        ProducerComparison four = new ProducerComparison(BenchmarkOptions.parse(),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(four.orderFor(1)).containsExactly(Client.REPLAY, Client.KAFKA_CLIENTS, Client.LEGACY_KAFKA, Client.KCAT);
        assertThat(four.orderFor(2)).containsExactly(Client.KAFKA_CLIENTS, Client.LEGACY_KAFKA, Client.KCAT, Client.REPLAY);
        assertThat(java.util.stream.IntStream.rangeClosed(1, 4).mapToObj(rep -> four.orderFor(rep).get(0)))
                .containsExactlyInAnyOrder(Client.values()[0], Client.KAFKA_CLIENTS, Client.LEGACY_KAFKA, Client.KCAT);
        assertThat(four.orderFor(5)).isEqualTo(four.orderFor(1));
    }

    @Test
    void idempotenceSwitchAndNullBroker() {
        assertThat(BenchmarkOptions.parse("--idempotence", "off").idempotenceSetting()).isFalse();
        assertThat(BenchmarkOptions.parse("--acks", "all", "--idempotence", "on").idempotenceSetting()).isTrue();
        assertThat(BenchmarkOptions.parse("--acks", "all", "--idempotence", "true").idempotence()).isEqualTo("on");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--idempotence", "on")).hasMessageContaining("--acks all");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--idempotence", "maybe")).hasMessageContaining("one of");
        assertThat(BenchmarkOptions.parse("--broker", "null").nullBroker()).isTrue();
        assertThatThrownBy(() -> BenchmarkOptions.parse("--broker", "null", "--bootstrap-servers", "h:1"))
                .hasMessageContaining("null");
        // The ceiling is always the first row, wherever it was named.
        assertThat(BenchmarkOptions.parse("--clients", "lk,replay").clients())
                .containsExactly(Client.REPLAY, Client.LEGACY_KAFKA);
    }

    @Test
    void summaryGivesMediansWithTheirRangeAndRatiosToReplayAndKafkaClients() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BenchmarkOptions options = BenchmarkOptions.parse("--partitions", "1", "--repetitions", "3", "--records", "1000",
                "--clients", "replay,kc,lk");
        RunReport report = new RunReport(options, KafkaClientsLine.forOptions(options),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<RunResult> runs = List.of(
                run("replay", 1, 0.5), run("kafka-clients", 1, 1.0), run("legacy-kafka", 1, 0.5),
                run("replay", 2, 0.5), run("kafka-clients", 2, 1.0), run("legacy-kafka", 2, 1.0),
                run("replay", 3, 1.0), run("kafka-clients", 3, 2.0), run("legacy-kafka", 3, 4.0));
        report.printSummary(runs);
        String text = bytes.toString(StandardCharsets.UTF_8);
        // Seconds 1, 1, 2 give a median of 1,000 records/s (range 500-1,000).
        assertThat(text).contains("| 1 | replay | 2,000 (1,000–2,000) | 1.00 | 2.00 (2.00–2.00) |");
        assertThat(text).contains("| 1 | kafka-clients | 1,000 (500–1,000) | 0.50 (0.50–0.50) | 1.00 |");
        // Per repetition legacy-kafka/kafka-clients = 2.0, 1.0, 0.5; legacy-kafka/replay = 1.0, 0.5, 0.25.
        assertThat(text).contains("| 1 | legacy-kafka | 1,000 (250–2,000) | 0.50 (0.25–1.00) | 1.00 (0.50–2.00) |");
        assertThat(text.indexOf("| replay |")).isLessThan(text.indexOf("| kafka-clients |"));
        assertThat(RunReport.unequalDeliveries(runs)).isNull();
    }

    @Test
    void aRunFailsWhenPeersDeliveredDifferentCounts() {
        List<RunResult> runs = new java.util.ArrayList<>(List.of(run("replay", 1, 1), run("kafka-clients", 1, 1)));
        RunResult shortRun = run("kcat", 1, 1);
        runs.add(new RunResult("kcat", 1, 1, 1000, 1, 100, 0, 1, 1, 2, 3, 4, 100, 60, 40, 1000, 300, 300, 500, 0, 0, 2,
                999, -1, Double.NaN, Double.NaN));
        assertThat(shortRun.delivered()).isEqualTo(1000);
        assertThat(RunReport.unequalDeliveries(runs)).contains("kcat").contains("999").contains("1000");
    }

    private static RunResult run(String client, int rep, double seconds) {
        return new RunResult(client, 1, rep, 1000, seconds, 100, 1000, 1, 1, 2, 3, 4, 100, 60, 40, 1000, 300, 300, 500,
                0, 0, 2, 1000, -1, Double.NaN, Double.NaN);
    }

    @Test
    void brokerFiguresFillInWhatTheClientCannotCount() {
        // kcat counts no requests: the broker's count stands in.
        RunResult kcat = new RunResult("kcat", 1, 1, 1000, 1, 100, 0, 1, 1, 2, 3, 4, 100, 60, 40, 1000, 300, 300, 500,
                0, 0, -1, 1000, 4, 250, 125);
        assertThat(kcat.recordsPerRequest()).isEqualTo(250);
        assertThat(run("kafka-clients", 1, 1).recordsPerRequest()).isEqualTo(500);
    }
}
