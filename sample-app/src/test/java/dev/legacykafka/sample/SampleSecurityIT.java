package dev.legacykafka.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import dev.legacykafka.test.security.ListenerSecurity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample as {@code -Dsample.security=SASL_SSL} runs it: Kafka 4.4.0 with a SASL_SSL listener,
 * SCRAM-SHA-512 and the CA's certificate as trust. A message posted to the REST API is read back by
 * kcat over the broker's PLAINTEXT listener; health shows how the producer connects, not the password.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(180)
class SampleSecurityIT {

    private static KafkaBroker broker;
    private static Map<String, String> connection;
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void securedBroker(DynamicPropertyRegistry registry) {
        broker = TestSampleApplication.startEmbeddedBroker("4.4.0", ListenerSecurity.SASL_SSL);
        connection = TestSampleApplication.connectionProperties(broker, ListenerSecurity.SASL_SSL);
        connection.forEach((name, value) -> registry.add(name, () -> value));
        registry.add("sample.traffic-enabled", () -> "false");
    }

    @Test
    void aMessageTravelsOverSaslSslAndHealthSaysHow() throws Exception {
        assertThat(connection).containsEntry("legacykafka.security.protocol", "SASL_SSL")
                .containsEntry("legacykafka.security.sasl.mechanism", "SCRAM-SHA-512");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/messages")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"sample-secured\",\"key\":\"k\",\"value\":\"over tls\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        List<ConsumedRecord> read = KcatReader.readToEnd(broker, "sample-secured", Duration.ofSeconds(30));
        assertThat(read).singleElement().satisfies(record -> assertThat(record.value()).isEqualTo("over tls"));

        String health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(health).contains("\"status\":\"UP\"").contains("SASL_SSL").contains("SCRAM-SHA-512")
                .contains(TestSampleApplication.SASL_USER).doesNotContain(TestSampleApplication.SASL_PASSWORD);
    }
}
