package dev.legacykafka.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains an {@link InvalidLegacyKafkaPropertyException}: the property, its value and what is allowed. */
class InvalidLegacyKafkaPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidLegacyKafkaPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidLegacyKafkaPropertyException cause) {
        String description = String.format("Invalid legacy-kafka configuration:%n%n    Property: %s%n    Value: '%s'%n"
                + "    Reason: %s", cause.getProperty(), cause.getValue(), cause.getAllowed());
        String action = "Update " + cause.getProperty() + " in your application's configuration: " + cause.getAllowed();
        return new FailureAnalysis(description, action, cause);
    }
}
