package dev.legacykafka.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sample after {@code spring-boot:process-aot}, run as a native image would run it: in a JVM of
 * its own with {@code -Dspring.aot.enabled=true}, so its context comes from the generated
 * initializer instead of the auto-configuration classes. It sends through the REST API, kcat reads
 * the record back, and the template's timer is exported. (The native build itself needs GraalVM,
 * which this machine does not have.)
 */
@Timeout(180)
class AotSampleIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theSampleStartsFromItsAotInitializerSendsAndIsReadBack() throws Exception {
        assertThat(Class.forName(SampleApplication.class.getName() + "__ApplicationContextInitializer"))
                .as("spring-boot:process-aot generated the sample's initializer").isNotNull();
        KafkaBroker broker = KafkaBrokers.shared("4.4.0");
        broker.createTopic("sample-aot", 1);
        int port = freePort();
        Path output = Path.of("target", "aot-sample-run.log");
        Files.createDirectories(output.getParent());
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Dspring.aot.enabled=true", "-cp", System.getProperty("java.class.path"),
                SampleApplication.class.getName(), "--server.port=" + port,
                "--legacykafka.bootstrap-servers=" + broker.bootstrapServers(), "--sample.traffic-enabled=false")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            awaitStarted(process, output);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + "/api/messages")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"topic\":\"sample-aot\",\"key\":\"aot-1\",\"value\":\"ahead of time\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            List<ConsumedRecord> read = KcatReader.readToEnd(broker, "sample-aot", Duration.ofSeconds(30));
            assertThat(read).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("aot-1");
                assertThat(record.value()).isEqualTo("ahead of time");
            });
            String prometheus = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/actuator/prometheus")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(prometheus).contains("legacykafka_template_send_seconds_count{")
                    .contains("legacykafka_producer_records_sent_total{");
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static void awaitStarted(Process process, Path output) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String log = Files.readString(output, StandardCharsets.UTF_8);
            if (log.contains("Started SampleApplication")) {
                assertThat(log).as("the context came from the AOT initializer").contains("Starting AOT-processed SampleApplication");
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("The AOT run exited with " + process.exitValue() + ":\n" + log);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The AOT run did not start in 120 s:\n" + Files.readString(output, StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
