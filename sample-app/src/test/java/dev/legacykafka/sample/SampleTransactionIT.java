package dev.legacykafka.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import dev.legacykafka.test.reader.KcatReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample with legacykafka.transactional-id: a batch sent in one transaction is committed as a whole. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"legacykafka.transactional-id=sample-tx", "legacykafka.client-id=sample-tx"})
@Timeout(120)
class SampleTransactionIT {

    private static KafkaBroker broker;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        broker = KafkaBrokers.shared("4.4.0");
        broker.createTopic("sample-tx", 1);
        registry.add("legacykafka.bootstrap-servers", broker::bootstrapServers);
    }

    @Test
    void aBatchInATransactionIsCommittedAsAWhole() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/messages/transaction?count=25&topic=sample-tx"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"committed\":25");
        assertThat(KcatReader.readToEnd(broker, "sample-tx", Duration.ofSeconds(30), true)).hasSize(25);
    }
}
