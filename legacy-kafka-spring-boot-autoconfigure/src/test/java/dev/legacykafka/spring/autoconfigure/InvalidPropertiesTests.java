package dev.legacykafka.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Every invalid value stops startup with an analysis naming property, value and what is allowed. */
class InvalidPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LegacyKafkaAutoConfiguration.class))
            .withPropertyValues("legacykafka.bootstrap-servers=127.0.0.1:1", "legacykafka.startup.diagnostics=false");

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of("legacykafka.api-version=14", "legacykafka.api-version", "14", "auto or 0..13"),
                Arguments.of("legacykafka.api-version=latest", "legacykafka.api-version", "latest", "auto or 0..13"),
                Arguments.of("legacykafka.api-version=-1", "legacykafka.api-version", "-1", "auto or 0..13"),
                Arguments.of("legacykafka.producer.acks=2", "legacykafka.producer.acks", "2", "0, 1, -1 or all"),
                Arguments.of("legacykafka.producer.batch-size=-1B", "legacykafka.producer.batch-size", "-1B", ">= 0"),
                Arguments.of("legacykafka.producer.buffer-memory=-5MB", "legacykafka.producer.buffer-memory",
                        "-5242880B", ">= 1"),
                Arguments.of("legacykafka.producer.max-request-size=-1KB", "legacykafka.producer.max-request-size",
                        "-1024B", ">= 128"),
                Arguments.of("legacykafka.producer.batch-size=3GB", "legacykafka.producer.batch-size", "3221225472B",
                        "at most 2147483647B"),
                Arguments.of("legacykafka.producer.linger=-1s", "legacykafka.producer.linger", "-1000ms", ">= 0"),
                Arguments.of("legacykafka.producer.retries=-1", "legacykafka.producer.retries", "-1", ">= 0"),
                Arguments.of("legacykafka.producer.max-in-flight=0", "legacykafka.producer.max-in-flight", "0", ">= 1"),
                Arguments.of("legacykafka.metadata-max-age=-1ms", "legacykafka.metadata-max-age", "-1ms", ">= 0"),
                Arguments.of("legacykafka.producer.delivery-timeout=1s", "legacykafka.producer.delivery-timeout",
                        "1000ms", "linger + request-timeout"),
                Arguments.of("legacykafka.broker-version-fallback=0.10.2", "legacykafka.broker-version-fallback",
                        "0.10.2", "0.8.x or 0.9.x"),
                Arguments.of("legacykafka.bootstrap-servers=no-port", "legacykafka.bootstrap-servers", "no-port",
                        "host:port"),
                Arguments.of("legacykafka.transactional-id=tx-1,legacykafka.api-version=2", "legacykafka.transactional-id",
                        "tx-1", "pinned to 2"),
                Arguments.of("legacykafka.security.protocol=SASL_SSL,legacykafka.security.sasl.mechanism=GSSAPI,"
                        + "legacykafka.security.sasl.username=app,legacykafka.security.sasl.password=pw",
                        "legacykafka.security.sasl.mechanism", "GSSAPI", "PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512"),
                Arguments.of("legacykafka.security.protocol=SASL_PLAINTEXT,legacykafka.security.sasl.mechanism=PLAIN,"
                        + "legacykafka.security.sasl.password=pw", "legacykafka.security.sasl.username", "",
                        "needs a user name"),
                Arguments.of("legacykafka.security.protocol=PLAINTEXT,legacykafka.security.ssl.bundle=client",
                        "legacykafka.security.protocol", "PLAINTEXT", "SSL or SASL_SSL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValues")
    void invalidValueFailsStartupNamingPropertyValueAndWhatIsAllowed(String properties, String property, String value,
                                                                     String allowed) {
        runner.withPropertyValues(properties.split(",(?=legacykafka)")).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains(property).contains("'" + value + "'").contains(allowed);
            assertThat(analysis.getAction()).contains(property);
        });
    }

    @Test
    void explicitDefaultsDoNotFail() {
        runner.withPropertyValues("legacykafka.producer.idempotence=false", "legacykafka.security.protocol=PLAINTEXT",
                "legacykafka.transactional-id=").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void zstdWithAPinnedVersionBelowSevenNamesCompression() {
        runner.withPropertyValues("legacykafka.producer.compression=zstd", "legacykafka.api-version=6").run(context -> {
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("legacykafka.producer.compression").contains("'zstd'")
                    .contains("Produce v7");
        });
    }

    @Test
    void clientConfigExceptionFromAUserBuiltConfigIsExplainedWithThePropertyName() {
        Throwable failure = new IllegalStateException(new dev.legacykafka.client.errors.ConfigException("linger", -1,
                "must be >= 0"));
        FailureAnalysis analysis = analyze(failure);
        assertThat(analysis.getDescription()).contains("'linger'").contains("legacykafka.producer.linger");
    }

    static FailureAnalysis analyze(Throwable failure) {
        return LegacyKafkaFailureAnalyzers.analyze(failure);
    }
}
