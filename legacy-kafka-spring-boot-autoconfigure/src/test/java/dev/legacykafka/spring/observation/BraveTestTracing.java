package dev.legacykafka.spring.observation;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import brave.sampler.Sampler;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real tracer for tests: Brave with W3C propagation, its finished spans kept in memory. */
public final class BraveTestTracing implements AutoCloseable {

    public final List<MutableSpan> finishedSpans = new CopyOnWriteArrayList<>();

    public final Tracing tracing;

    public final Tracer tracer;

    public final ObservationRegistry registry = ObservationRegistry.create();

    public BraveTestTracing() {
        ThreadLocalCurrentTraceContext current = ThreadLocalCurrentTraceContext.newBuilder().build();
        tracing = Tracing.newBuilder().currentTraceContext(current).propagationFactory(new W3CPropagation())
                .traceId128Bit(true)
                .sampler(Sampler.ALWAYS_SAMPLE).addSpanHandler(new SpanHandler() {
                    @Override
                    public boolean end(TraceContext context, MutableSpan span, Cause cause) {
                        finishedSpans.add(span);
                        return true;
                    }
                }).build();
        tracer = new BraveTracer(tracing.tracer(), new BraveCurrentTraceContext(current), new BraveBaggageManager());
        registry.observationConfig().observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                new PropagatingSenderTracingObservationHandler<>(tracer, new BravePropagator(tracing)),
                new DefaultTracingObservationHandler(tracer)));
    }

    /** The one finished span with this name. */
    public MutableSpan span(String name) {
        List<MutableSpan> named = finishedSpans.stream().filter(span -> name.equals(span.name())).toList();
        if (named.size() != 1) {
            throw new AssertionError("Expected one span named " + name + ", got " + finishedSpans);
        }
        return named.get(0);
    }

    @Override
    public void close() {
        tracing.close();
    }
}
