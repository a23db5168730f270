package dev.legacykafka.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import brave.handler.MutableSpan;
import dev.legacykafka.client.Header;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.errors.TimeoutException;
import dev.legacykafka.spring.LegacyKafkaRecord;
import dev.legacykafka.spring.SendInstrumentation;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ObservationSendInstrumentationTests {

    private final BraveTestTracing tracing = new BraveTestTracing();

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void writesATraceparentNamingTheSendSpanAsAChildOfTheCurrentOne() {
        ObservationSendInstrumentation instrumentation = new ObservationSendInstrumentation(tracing.registry, null);
        Observation parent = Observation.start("http.request", tracing.registry);
        SendInstrumentation.Send send;
        try (Observation.Scope scope = parent.openScope()) {
            send = instrumentation.start(LegacyKafkaRecord.of("orders", "k", "v"), "app-1");
        }
        send.success(new SendResult("orders", 3, 10, -1, -1, 0, 9));
        parent.stop();

        MutableSpan span = tracing.span("orders send");
        MutableSpan parentSpan = tracing.span("http.request");
        assertThat(span.parentId()).isEqualTo(parentSpan.id());
        assertThat(span.kind()).isEqualTo(brave.Span.Kind.PRODUCER);
        assertThat(span.tags()).containsEntry("client.id", "app-1").containsEntry("topic", "orders")
                .containsEntry("outcome", "success").containsEntry("partition", "3");
        assertThat(span.error()).isNull();
        List<Header> headers = send.headersIfSupported();
        assertThat(headers).extracting(Header::key).contains("traceparent");
        String traceparent = text(headers, "traceparent");
        assertThat(traceparent).isEqualTo("00-" + span.traceId() + "-" + span.id() + "-01");
    }

    @Test
    void aFailedSendEndsItsSpanWithTheError() {
        ObservationSendInstrumentation instrumentation = new ObservationSendInstrumentation(tracing.registry, null);
        TimeoutException cause = new TimeoutException("expired", true);
        instrumentation.start(LegacyKafkaRecord.of("orders", "k", "v"), "app-1").failure(cause);
        MutableSpan span = tracing.span("orders send");
        assertThat(span.error()).isSameAs(cause);
        // Brave tags a failed span with the error message itself.
        assertThat(span.tags()).containsEntry("outcome", "failure").containsEntry("error", "expired");
    }

    @Test
    void onProduceV2TheSpanStillEndsAndTheMissingPropagationIsLoggedOnce() {
        ObservationSendInstrumentation instrumentation = new ObservationSendInstrumentation(tracing.registry, null);
        instrumentation.start(LegacyKafkaRecord.of("old", "k", "v"), "app-1")
                .success(new SendResult("old", 0, 1, -1, -1, 0, 2));
        assertThat(instrumentation.headerlessLogged()).isTrue();
        assertThat(tracing.span("old send").tags()).containsEntry("outcome", "success");
    }

    @Test
    void theTimerOfTheObservationHasTheSendTimersNameAndTags() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TestObservationRegistry registry = TestObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        new ObservationSendInstrumentation(registry, null).start(LegacyKafkaRecord.of("orders", "k", "v"), "app-1")
                .success(new SendResult("orders", 0, 1, -1, -1, 0, 9));

        TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("legacykafka.template.send")
                .that().hasLowCardinalityKeyValue("client.id", "app-1").hasLowCardinalityKeyValue("topic", "orders")
                .hasLowCardinalityKeyValue("outcome", "success");
        assertThat(meters.get("legacykafka.template.send").tags("client.id", "app-1", "topic", "orders",
                "outcome", "success", "error", "none").timer().count()).isEqualTo(1);
    }

    @Test
    void aCustomConventionNamesAndTagsTheObservation() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        LegacyKafkaTemplateObservationConvention custom = new LegacyKafkaTemplateObservationConvention() {
            @Override
            public String getName() {
                return "orders.published";
            }

            @Override
            public KeyValues getLowCardinalityKeyValues(LegacyKafkaSenderContext context) {
                return KeyValues.of("tenant", "acme");
            }
        };
        new ObservationSendInstrumentation(registry, custom).start(LegacyKafkaRecord.of("orders", "k", "v"), "app-1")
                .success(new SendResult("orders", 0, 1, -1, -1, 0, 9));
        TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("orders.published")
                .that().hasLowCardinalityKeyValue("tenant", "acme");
    }

    private static String text(List<Header> headers, String key) {
        return headers.stream().filter(h -> h.key().equals(key)).findFirst()
                .map(h -> new String(h.value(), StandardCharsets.UTF_8)).orElseThrow();
    }
}
