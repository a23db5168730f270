package dev.legacykafka.spring.autoconfigure;

import dev.legacykafka.client.errors.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains the client's own {@link ConfigException}, raised where a producer is configured
 * outside the auto-configuration (a user's {@code ProducerConfig} or producer bean), with the
 * {@code legacykafka.*} property that corresponds to the client's setting.
 */
class ClientConfigFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
        if (rootFailure instanceof InvalidLegacyKafkaPropertyException
                || findCause(rootFailure, InvalidLegacyKafkaPropertyException.class) != null) {
            // Already explained, with the user's value, by InvalidLegacyKafkaPropertyFailureAnalyzer.
            return null;
        }
        String property = ClientSettingNames.propertyFor(cause.setting());
        String description = String.format("Invalid legacy-kafka producer setting '%s' (property %s):%n%n    %s",
                cause.setting(), property, cause.getMessage());
        String action = "Correct the '" + cause.setting() + "' setting where the ProducerConfig is built, or "
                + property + " if it comes from the application's configuration.";
        return new FailureAnalysis(description, action, cause);
    }
}
