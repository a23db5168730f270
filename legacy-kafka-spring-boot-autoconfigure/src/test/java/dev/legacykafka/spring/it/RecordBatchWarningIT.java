package dev.legacykafka.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.SendResult;
import dev.legacykafka.spring.LegacyKafkaRecord;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.diagnostics.LegacyKafkaStartupDiagnosticsTests;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * Kafka 0.11.0.3 offers RecordBatch (Produce v3): with api-version auto there is nothing to warn
 * about; pinned to 2 the producer sends MessageSet and says so once.
 */
@ExtendWith(OutputCaptureExtension.class)
@Tag(IntegrationTest.TAG)
class RecordBatchWarningIT {

    private static KafkaBroker broker;

    @BeforeAll
    static void brokerUp() {
        broker = ItBrokers.get(ItBrokers.V0_11);
        broker.createTopic("it01103-auto", 1);
        broker.createTopic("it01103-pinned", 1);
    }

    @Test
    void autoUsesRecordBatchWithoutWarningAndCarriesHeaders(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start("auto", "it-01103-auto")) {
            assertThat(output).contains("broker " + broker.bootstrapServers() + " gets Produce v3 with RecordBatch (magic 2)");
            assertThat(LegacyKafkaStartupDiagnosticsTests.recordBatchWarnings(output)).isZero();
            SendResult result = template(context).send(LegacyKafkaRecord.of("it01103-auto", "k", "v")
                    .withHeader("trace", "abc")).join();
            assertThat(result.produceVersion()).isEqualTo(3);
            List<ConsumedRecord> read = KcatReader.readToEnd(broker, "it01103-auto", Duration.ofSeconds(30));
            assertThat(read).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("k");
                assertThat(r.value()).isEqualTo("v");
                assertThat(r.headers()).containsExactly(Map.entry("trace", "abc"));
                assertThat(r.offset()).isEqualTo(result.offset());
            });
        }
    }

    @Test
    void pinnedToTwoWarnsOnceAndStillDelivers(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start("2", "it-01103-pinned")) {
            assertThat(LegacyKafkaStartupDiagnosticsTests.recordBatchWarnings(output)).isEqualTo(1);
            assertThat(output).contains("gets Produce v2 with MessageSet (magic 1)")
                    .contains("legacykafka.api-version is pinned to 2")
                    .contains("set legacykafka.api-version to auto or 3..13");
            SendResult result = template(context).send("it01103-pinned", "k", "v").join();
            assertThat(result.produceVersion()).isEqualTo(2);
            List<ConsumedRecord> read = KcatReader.readToEnd(broker, "it01103-pinned", Duration.ofSeconds(30));
            assertThat(read).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("k");
                assertThat(r.value()).isEqualTo("v");
                assertThat(r.offset()).isEqualTo(result.offset());
                assertThat(r.headers()).isEmpty();
            });
        }
    }

    private static ConfigurableApplicationContext start(String apiVersion, String clientId) {
        return new SpringApplicationBuilder(ItApplication.class).web(WebApplicationType.NONE)
                .properties("legacykafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "legacykafka.api-version=" + apiVersion, "legacykafka.client-id=" + clientId)
                .run();
    }

    @SuppressWarnings("unchecked")
    private static LegacyKafkaTemplate<String, String> template(ConfigurableApplicationContext context) {
        return context.getBean(LegacyKafkaTemplate.class);
    }
}
