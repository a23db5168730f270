package dev.legacykafka.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample as a newcomer meets it: on an embedded Kafka 4.4.0 with a client quota and a
 * compacted topic, traffic flowing. Sends through the REST API, reads back with kcat, checks the
 * Grafana dashboard's queries against the real /actuator/prometheus, and drives the live page in
 * headless Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(180)
class SampleApplicationIT {

    private static KafkaBroker broker;
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void embeddedBroker(DynamicPropertyRegistry registry) {
        broker = TestSampleApplication.startEmbeddedBroker("4.4.0");
        registry.add("legacykafka.bootstrap-servers", broker::bootstrapServers);
        registry.add("sample.traffic-enabled", () -> "true");
        registry.add("sample.compacted-topic", () -> "sample-compacted");
    }

    @Test
    void aMessageWithKeyAndHeadersIsWrittenAndDescribed() throws Exception {
        HttpResponse<String> response = post("/api/messages",
                "{\"topic\":\"sample-api\",\"key\":\"order-7\",\"value\":\"hello\",\"headers\":{\"trace\":\"abc\"}}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"topic\":\"sample-api\"").contains("\"produceVersion\":13")
                .contains("\"offset\":0");
        List<ConsumedRecord> read = KcatReader.readToEnd(broker, "sample-api", Duration.ofSeconds(30));
        assertThat(read).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("order-7");
            assertThat(record.value()).isEqualTo("hello");
            assertThat(record.headers()).containsExactly(Map.entry("trace", "abc"));
        });
    }

    @Test
    void aBatchIsAcknowledged() throws Exception {
        HttpResponse<String> response = post("/api/messages/batch?count=200&topic=sample-batch", "");
        assertThat(response.body()).contains("\"acknowledged\":200").contains("\"firstError\":null");
        assertThat(KcatReader.readToEnd(broker, "sample-batch", Duration.ofSeconds(30))).hasSize(200);
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsExported() throws Exception {
        Set<String> queried = metricNamesInDashboard();
        assertThat(queried).contains("legacykafka_producer_throttle_time_seconds_sum",
                "legacykafka_producer_record_errors_total", "legacykafka_template_send_seconds_sum",
                "legacykafka_template_send_seconds_count", "legacykafka_template_send_seconds_max");
        String exported = awaitPrometheus(text -> queried.stream().allMatch(text::contains));
        for (String metric : queried) {
            assertThat(exported).as("/actuator/prometheus exports %s", metric).contains(metric);
        }
    }

    @Test
    void theLivePageShowsThrottleTimeAndRecordErrorsMoving() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        assumeTrue(Files.isExecutable(chromium), "Debian's chromium is not installed (.ci/run installs it)");
        awaitPrometheus(text -> positive(text, "legacykafka_producer_throttle_time_seconds_sum")
                && positive(text, "legacykafka_producer_record_errors_total")
                && positive(text, "legacykafka_template_send_seconds_max"));
        Path profile = Files.createTempDirectory("sample-chromium");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom",
                "http://localhost:" + port + "/"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom;
        try (InputStream in = process.getInputStream()) {
            dom = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(renderedValue(dom, "throttle")).as("throttle time on the page").isPositive();
        assertThat(renderedValue(dom, "recordErrors")).as("record errors on the page").isPositive();
        assertThat(renderedValue(dom, "recordsSent")).as("records sent on the page").isPositive();
        assertThat(renderedValue(dom, "sendLatency")).as("send to acknowledgement on the page").isPositive();
        assertThat(renderedValue(dom, "version")).as("Produce version on the page").isEqualTo(13.0);
    }

    private static double renderedValue(String dom, String meter) {
        Matcher matcher = Pattern.compile("data-meter=\"" + meter + "\" data-value=\"([^\"]*)\"").matcher(dom);
        assertThat(matcher.find()).as("page has a value for %s:%n%s", meter, dom).isTrue();
        return matcher.group(1).isEmpty() ? -1 : Double.parseDouble(matcher.group(1));
    }

    private static boolean positive(String prometheus, String metric) {
        Matcher matcher = Pattern.compile("(?m)^" + metric + "\\{[^}]*} ([0-9.eE+-]+)$").matcher(prometheus);
        while (matcher.find()) {
            if (Double.parseDouble(matcher.group(1)) > 0) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> metricNamesInDashboard() throws IOException {
        String json;
        try (InputStream in = SampleApplicationIT.class.getResourceAsStream("/dashboards/legacy-kafka-producer.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("legacykafka_[a-z_]+").matcher(json);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    private String awaitPrometheus(Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String text = "";
        while (System.nanoTime() < deadline) {
            text = get("/actuator/prometheus");
            if (ready.test(text)) {
                return text;
            }
            Thread.sleep(500);
        }
        return text;
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
