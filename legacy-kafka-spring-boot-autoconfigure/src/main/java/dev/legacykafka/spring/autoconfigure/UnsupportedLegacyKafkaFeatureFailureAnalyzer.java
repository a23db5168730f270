package dev.legacykafka.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains an {@link UnsupportedLegacyKafkaFeatureException}: what is asked for and why it is not there yet. */
class UnsupportedLegacyKafkaFeatureFailureAnalyzer
        extends AbstractFailureAnalyzer<UnsupportedLegacyKafkaFeatureException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedLegacyKafkaFeatureException cause) {
        String description = String.format("legacy-kafka cannot provide a feature the configuration asks for:%n%n"
                + "    Property: %s%n    Value: '%s'%n    Reason: %s", cause.getProperty(), cause.getValue(),
                cause.getFeature());
        return new FailureAnalysis(description, cause.getAction(), cause);
    }
}
