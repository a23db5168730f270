package dev.legacykafka.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import brave.handler.MutableSpan;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.observation.BraveTestTracing;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
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
 * legacykafka.template.observation-enabled with a real tracer (Brave, W3C): on Kafka 4.4.0 the
 * record carries a traceparent, read back by kcat, that names the send's span as a child of the
 * caller's; on Kafka 0.10.2.2 (Produce v2, no headers) the span still ends and the producer says
 * once why nothing was propagated.
 */
@ExtendWith(OutputCaptureExtension.class)
@Tag(IntegrationTest.TAG)
class TracingIT {

    private static final String ONCE_MARKER = "Logged once per producer.";

    private static KafkaBroker modern;

    private static KafkaBroker old;

    @BeforeAll
    static void brokersUp() {
        modern = ItBrokers.get(ItBrokers.V4);
        modern.createTopic("it-trace-44", 1);
        old = ItBrokers.get(ItBrokers.V0_10);
        old.createTopic("it-trace-0102", 1);
    }

    @Test
    void theTraceparentReadBackNamesTheSendingSpan() {
        try (BraveTestTracing tracing = new BraveTestTracing();
             ConfigurableApplicationContext context = start(modern, tracing.registry, "it-trace-44")) {
            Observation checkout = Observation.start("checkout", tracing.registry);
            SendResult result;
            try (Observation.Scope scope = checkout.openScope()) {
                result = template(context).send("it-trace-44", "k", "v").join();
            }
            checkout.stop();
            assertThat(result.produceVersion()).isGreaterThanOrEqualTo(3);

            MutableSpan send = tracing.span("it-trace-44 send");
            assertThat(send.parentId()).isEqualTo(tracing.span("checkout").id());
            assertThat(send.tags()).containsEntry("client.id", "it-trace-44").containsEntry("outcome", "success");
            List<ConsumedRecord> read = KcatReader.readToEnd(modern, "it-trace-44", Duration.ofSeconds(30));
            assertThat(read).singleElement().satisfies(record -> {
                assertThat(record.value()).isEqualTo("v");
                assertThat(record.offset()).isEqualTo(result.offset());
                assertThat(record.headers()).contains(
                        Map.entry("traceparent", "00-" + send.traceId() + "-" + send.id() + "-01"));
            });
        }
    }

    @Test
    void onProduceV2EachSendStillHasItsSpanAndTheProducerSaysOnceWhyNothingWasPropagated(CapturedOutput output) {
        try (BraveTestTracing tracing = new BraveTestTracing();
             ConfigurableApplicationContext context = start(old, tracing.registry, "it-trace-0102")) {
            SendResult first = template(context).send("it-trace-0102", "k", "v1").join();
            template(context).send("it-trace-0102", "k", "v2").join();
            assertThat(first.produceVersion()).isEqualTo(2);

            assertThat(tracing.finishedSpans).filteredOn(span -> "it-trace-0102 send".equals(span.name())).hasSize(2);
            assertThat(output.getAll().split(ONCE_MARKER, -1)).hasSize(2);
            assertThat(output).contains("Producer it-trace-0102 sends to it-trace-0102 with Produce v2");
            List<ConsumedRecord> read = KcatReader.readToEnd(old, "it-trace-0102", Duration.ofSeconds(30));
            assertThat(read).hasSize(2).allSatisfy(record -> assertThat(record.headers()).isEmpty());
        }
    }

    private static ConfigurableApplicationContext start(KafkaBroker broker, ObservationRegistry registry,
                                                        String clientId) {
        return new SpringApplicationBuilder(ItApplication.class).web(WebApplicationType.NONE)
                .initializers(context -> context.getBeanFactory().registerSingleton("observationRegistry", registry))
                .properties("legacykafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "legacykafka.client-id=" + clientId, "legacykafka.template.observation-enabled=true")
                .run();
    }

    @SuppressWarnings("unchecked")
    private static LegacyKafkaTemplate<String, String> template(ConfigurableApplicationContext context) {
        return context.getBean(LegacyKafkaTemplate.class);
    }
}
