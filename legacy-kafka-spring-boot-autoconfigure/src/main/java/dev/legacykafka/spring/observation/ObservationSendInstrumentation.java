package dev.legacykafka.spring.observation;

import dev.legacykafka.client.Header;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.spring.LegacyKafkaRecord;
import dev.legacykafka.spring.SendInstrumentation;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Wraps every send in an Observation, started before serialization and stopped with the outcome,
 * a child of the Observation current on the sending thread. A tracer's propagating handler writes
 * the trace context into the context's carrier, and those headers go out with the record on
 * Produce v3+. On Produce v0-v2, which carry no headers, the send still has its span, and the
 * first such send logs, once per instrumentation (one per template and so per producer), why no
 * context was propagated.
 */
public final class ObservationSendInstrumentation implements SendInstrumentation {

    private static final Log logger = LogFactory.getLog(ObservationSendInstrumentation.class);

    private final ObservationRegistry registry;

    private final @Nullable LegacyKafkaTemplateObservationConvention customConvention;

    /** Low-cardinality keys every Observation carries besides the convention's (a named producer's name). */
    private final KeyValues extraKeyValues;

    private final AtomicBoolean headerlessLogged = new AtomicBoolean();

    /**
     * @param registry         the registry of the Observations
     * @param customConvention replaces the default convention when not null
     */
    public ObservationSendInstrumentation(ObservationRegistry registry,
                                          @Nullable LegacyKafkaTemplateObservationConvention customConvention) {
        this(registry, customConvention, KeyValues.empty());
    }

    private ObservationSendInstrumentation(ObservationRegistry registry,
                                           @Nullable LegacyKafkaTemplateObservationConvention customConvention,
                                           KeyValues extraKeyValues) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.customConvention = customConvention;
        this.extraKeyValues = extraKeyValues;
    }

    /**
     * The same instrumentation whose Observations (and so their timers) also carry the given
     * low-cardinality keys, such as a named producer's {@code producer} tag, whatever the convention.
     * The copy logs a send without headers once on its own.
     */
    public ObservationSendInstrumentation withLowCardinalityKeyValues(KeyValues keyValues) {
        return new ObservationSendInstrumentation(registry, customConvention,
                extraKeyValues.and(Objects.requireNonNull(keyValues, "keyValues")));
    }

    /** The low-cardinality keys added to every Observation besides the convention's. */
    public KeyValues getExtraLowCardinalityKeyValues() {
        return extraKeyValues;
    }

    @Override
    public Send start(LegacyKafkaRecord<?, ?> record, String clientId) {
        LegacyKafkaSenderContext context = new LegacyKafkaSenderContext(record, clientId);
        Observation observation = Observation.createNotStarted(customConvention,
                DefaultLegacyKafkaTemplateObservationConvention.INSTANCE, () -> context, registry)
                .lowCardinalityKeyValues(extraKeyValues).start();
        List<Header> headers = context.getPropagationHeaders();
        return new Send() {
            @Override
            public List<Header> headersIfSupported() {
                return headers;
            }

            @Override
            public void success(SendResult result) {
                context.setResult(result);
                if (result.produceVersion() < 3 && !headers.isEmpty()) {
                    logHeaderless(clientId, result);
                }
                observation.stop();
            }

            @Override
            public void failure(Throwable exception) {
                observation.error(exception);
                observation.stop();
            }
        };
    }

    private void logHeaderless(String clientId, SendResult result) {
        if (headerlessLogged.compareAndSet(false, true)) {
            logger.warn("Producer " + clientId + " sends to " + result.topic() + " with Produce v" + result.produceVersion()
                    + ", whose MessageSet format carries no record headers (they need Produce v3+, brokers 0.11+): "
                    + "the trace context is not propagated to consumers of such records, though each send still "
                    + "has its span. Logged once per producer.");
        }
    }

    /** Whether a send without headers has been logged. */
    boolean headerlessLogged() {
        return headerlessLogged.get();
    }
}
