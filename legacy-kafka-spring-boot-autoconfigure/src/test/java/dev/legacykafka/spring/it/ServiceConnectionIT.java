package dev.legacykafka.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.autoconfigure.LegacyKafkaConnectionDetails;
import dev.legacykafka.test.reader.KcatReader;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A user's test with a Kafka container: {@code @ServiceConnection} sets the bootstrap servers, no
 * property needed. Skipped where no Docker engine is available.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "legacykafka.bootstrap-servers=127.0.0.1:1")
@Testcontainers(disabledWithoutDocker = true)
@Tag(IntegrationTest.TAG)
class ServiceConnectionIT {

    @Container
    @ServiceConnection
    static final KafkaContainer kafka = new KafkaContainer("apache/kafka-native:4.0.0");

    @Autowired
    private LegacyKafkaConnectionDetails connectionDetails;

    @Autowired
    private ProducerConfig producerConfig;

    @Autowired
    private LegacyKafkaTemplate<String, String> template;

    @Test
    void theContainerSetsTheBootstrapServers() {
        assertThat(connectionDetails.getBootstrapServers()).containsExactly(kafka.getBootstrapServers());
        assertThat(producerConfig.bootstrapServers()).containsExactly(kafka.getBootstrapServers());
        SendResult result = template.send("service-connection", "k", "v").join();
        assertThat(result.offset()).isGreaterThanOrEqualTo(0);
        // Read back by kcat, a client that is not ours, through the same bootstrap servers.
        assertThat(KcatReader.readToEnd(kafka.getBootstrapServers(), "service-connection", Duration.ofSeconds(30)))
                .singleElement().satisfies(record -> {
                    assertThat(record.key()).isEqualTo("k");
                    assertThat(record.value()).isEqualTo("v");
                    assertThat(record.partition()).isEqualTo(result.partition());
                    assertThat(record.offset()).isEqualTo(result.offset());
                });
    }
}
