package dev.legacykafka.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.SendResult;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.diagnostics.LegacyKafkaStartupDiagnosticsTests;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A new user on Kafka 0.9.0.1 with the README's settings: the broker, which never answers
 * ApiVersions, is recognised within a moment (it answers the Metadata v0 request behind it), the
 * startup diagnostics give the one RecordBatch warning and no false "unreachable", and records
 * arrive.
 */
@ExtendWith(OutputCaptureExtension.class)
@Tag(IntegrationTest.TAG)
class Kafka09StartupIT {

    private static final String TOPIC = "it0901-orders";
    private static KafkaBroker broker;

    @BeforeAll
    static void brokerUp() {
        broker = KafkaBrokers.shared("0.9.0.1");
        broker.createTopic(TOPIC, 1);
    }

    @Test
    void theBrokerIsRecognisedAtStartupWithOneRecordBatchWarning(CapturedOutput output) {
        long start = System.nanoTime();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ItApplication.class)
                .web(WebApplicationType.NONE)
                .properties("legacykafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "legacykafka.broker-version-fallback=0.9.0", "legacykafka.client-id=it-0901")
                .run()) {
            long startupMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(LegacyKafkaStartupDiagnosticsTests.recordBatchWarnings(output)).isEqualTo(1);
            assertThat(output).contains("gets Produce v1 with MessageSet (magic 0)").doesNotContain("unreachable");
            // The probe used to wait out its 5 s bound; the check behind ApiVersions answers within about a second.
            assertThat(startupMs).as("application startup in ms").isLessThan(4_500);
            @SuppressWarnings("unchecked")
            LegacyKafkaTemplate<String, String> template = context.getBean(LegacyKafkaTemplate.class);
            SendResult result = template.send(TOPIC, "k", "v").join();
            assertThat(result.produceVersion()).isEqualTo(1);
            List<ConsumedRecord> read = KcatReader.readToEnd(broker, TOPIC, Duration.ofSeconds(30));
            assertThat(read).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("k");
                assertThat(r.value()).isEqualTo("v");
                assertThat(r.offset()).isEqualTo(result.offset());
            });
        }
    }
}
