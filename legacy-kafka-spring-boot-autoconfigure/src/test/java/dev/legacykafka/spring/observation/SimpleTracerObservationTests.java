package dev.legacykafka.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.Header;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.spring.LegacyKafkaRecord;
import dev.legacykafka.spring.SendInstrumentation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import io.micrometer.tracing.test.simple.TracerAssert;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same contract with micrometer-tracing's own test tracer and a propagator that writes one field. */
class SimpleTracerObservationTests {

    private final SimpleTracer tracer = new SimpleTracer();

    private final ObservationRegistry registry = ObservationRegistry.create();

    SimpleTracerObservationTests() {
        registry.observationConfig().observationHandler(
                new PropagatingSenderTracingObservationHandler<>(tracer, new OneFieldPropagator()));
    }

    @Test
    void theSendIsAProducerSpanWhoseContextTheHeadersCarry() {
        SendInstrumentation.Send send = new ObservationSendInstrumentation(registry, null)
                .start(LegacyKafkaRecord.of("orders", "k", "v"), "app-1");
        send.success(new SendResult("orders", 0, 5, -1, -1, 0, 9));

        TracerAssert.assertThat(tracer).onlySpan().hasNameEqualTo("orders send").hasKindEqualTo(Span.Kind.PRODUCER)
                .hasRemoteServiceNameEqualTo("Apache Kafka").hasTag("client.id", "app-1").hasTag("topic", "orders")
                .hasTag("outcome", "success").isEnded();
        SimpleSpan span = tracer.onlySpan();
        List<Header> headers = send.headersIfSupported();
        assertThat(headers).singleElement().satisfies(header -> {
            assertThat(header.key()).isEqualTo("x-trace");
            assertThat(new String(header.value(), StandardCharsets.UTF_8))
                    .isEqualTo(span.getTraceId() + "/" + span.getSpanId());
        });
    }

    @Test
    void aFailedSendsSpanCarriesTheException() {
        IllegalStateException cause = new IllegalStateException("broker gone");
        new ObservationSendInstrumentation(registry, null).start(LegacyKafkaRecord.of("orders", "k", "v"), "app-1")
                .failure(cause);
        TracerAssert.assertThat(tracer).onlySpan().hasTag("outcome", "failure").isEnded();
        assertThat(tracer.onlySpan().getError()).isSameAs(cause);
    }

    /** Writes {@code x-trace: traceId/spanId}. */
    private final class OneFieldPropagator implements Propagator {

        @Override
        public List<String> fields() {
            return List.of("x-trace");
        }

        @Override
        public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
            setter.set(carrier, "x-trace", context.traceId() + "/" + context.spanId());
        }

        @Override
        public <C> Span.Builder extract(C carrier, Getter<C> getter) {
            return tracer.spanBuilder();
        }
    }
}
