package dev.legacykafka.spring.observation;

import io.micrometer.common.KeyValues;

/**
 * Names a send's Observation {@value #NAME} with the low-cardinality keys {@code client.id},
 * {@code topic} and {@code outcome} ({@code success} / {@code failure}), and the high-cardinality
 * key {@code partition} once acknowledged. The span is named {@code "<topic> send"}.
 *
 * <p>The failure's class is not a key of its own: the Observation carries the exception, which
 * Micrometer's meter handler turns into the {@code error} tag (exception simple class name, or
 * {@code none}) and a tracer into the span's error. So the Observation's timer has the name and tags
 * of the send timer used without Observation. (A key named {@code error} would also mark every
 * span, successful ones included, as failed with that value.)
 */
public class DefaultLegacyKafkaTemplateObservationConvention implements LegacyKafkaTemplateObservationConvention {

    /** The shared instance. */
    public static final DefaultLegacyKafkaTemplateObservationConvention INSTANCE =
            new DefaultLegacyKafkaTemplateObservationConvention();

    /** Name of the Observation, and so of its timer. */
    public static final String NAME = "legacykafka.template.send";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(LegacyKafkaSenderContext context) {
        return context.getTopic() + " send";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(LegacyKafkaSenderContext context) {
        String outcome = context.getError() != null ? "failure" : context.getResult() != null ? "success" : "unknown";
        return KeyValues.of("client.id", context.getClientId(), "topic", context.getTopic(), "outcome", outcome);
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(LegacyKafkaSenderContext context) {
        return context.getResult() == null ? KeyValues.empty()
                : KeyValues.of("partition", String.valueOf(context.getResult().partition()));
    }
}
