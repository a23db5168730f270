package dev.legacykafka.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code legacykafka.producers.<name>.*} defines at least one named producer; the
 * nested {@link Absent} matches when none is defined, which is where the single auto-configured
 * producer and everything wired to it (template, diagnostics, meters, health) apply.
 */
public final class NamedProducersCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return outcome(context, true);
    }

    private static ConditionOutcome outcome(ConditionContext context, boolean wanted) {
        boolean configured = NamedLegacyKafkaProducers.configured(context.getEnvironment());
        String message = configured ? NamedLegacyKafkaProducers.PREFIX + " defines named producers"
                : "no named producers under " + NamedLegacyKafkaProducers.PREFIX;
        return new ConditionOutcome(configured == wanted, message);
    }

    /** Matches when no named producer is configured: the single-producer configuration. */
    public static final class Absent extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return outcome(context, false);
        }
    }
}
