package dev.legacykafka.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.ProducerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Every legacykafka.security.* password (SASL, trust store, key store, key, private key) stays out
 * of /actuator/configprops and /actuator/env even with {@code show-values=always}, in every form it
 * can be written in. (The application builds its own ProducerConfig here, so the properties bind
 * without a security protocol that uses them.)
 */
class PasswordSanitizingTests {

    private static final String SECRET = "s3cr3t-pa55";

    /** The password properties, each with its own value so that a leak names the culprit. */
    private static final List<String> PASSWORDS = List.of("legacykafka.security.sasl.password",
            "legacykafka.security.ssl.trust-store-password", "legacykafka.security.ssl.key-store-password",
            "legacykafka.security.ssl.key-password", "legacykafka.security.ssl.private-key-password");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LegacyKafkaAutoConfiguration.class,
                    ConfigurationPropertiesReportEndpointAutoConfiguration.class,
                    EnvironmentEndpointAutoConfiguration.class))
            .withBean(ProducerConfig.class, () -> ProducerConfig.builder().bootstrapServers("127.0.0.1:1").build())
            .withPropertyValues("legacykafka.startup.diagnostics=false", "legacykafka.security.sasl.username=app",
                    "legacykafka.security.ssl.trust-store-type=JKS", "management.endpoints.web.exposure.include=*",
                    "management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always")
            .withPropertyValues(PASSWORDS.stream().map(p -> p + "=" + secretOf(p)).toArray(String[]::new));

    private static String secretOf(String property) {
        return SECRET + "-" + property.substring(property.lastIndexOf('.') + 1);
    }

    @Test
    void configpropsMasksEveryPassword() {
        runner.run(context -> {
            ConfigurationPropertiesBeanDescriptor bean = context.getBean(ConfigurationPropertiesReportEndpoint.class)
                    .configurationPropertiesWithPrefix("legacykafka").getContexts().values().iterator().next()
                    .getBeans().values().iterator().next();
            String rendered = bean.getProperties().toString() + bean.getInputs().toString();
            assertThat(rendered).doesNotContain(SECRET).contains("username=app").contains("trustStoreType=JKS")
                    .contains("password=******").contains("trustStorePassword=******")
                    .contains("keyStorePassword=******").contains("keyPassword=******")
                    .contains("privateKeyPassword=******");
        });
    }

    @Test
    void envMasksEveryPasswordByItsPropertyName() {
        runner.run(context -> {
            EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
            assertThat(render(env.environment("legacykafka").getPropertySources())).doesNotContain(SECRET)
                    .contains("JKS");
            for (String property : PASSWORDS) {
                assertThat(String.valueOf(env.environmentEntry(property).getProperty().getValue())).as(property)
                        .isEqualTo("******");
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"LEGACYKAFKA_SECURITY_SASL_PASSWORD", "LEGACYKAFKA_SECURITY_SSL_TRUST_STORE_PASSWORD",
            "LEGACYKAFKA_SECURITY_SSL_KEYSTOREPASSWORD", "legacykafka.security.ssl.keyPassword",
            "legacykafka.security.ssl.private_key_password",
            // a named producer's, in every spelling
            "legacykafka.producers.modern.security.sasl.password",
            "LEGACYKAFKA_PRODUCERS_MODERN_SECURITY_SSL_KEY_STORE_PASSWORD",
            "legacykafka.producers[old].security.ssl.trust-store-password"})
    void envMasksEveryPasswordInItsRelaxedForms(String key) {
        runner.withSystemProperties(key + "=" + SECRET).run(context -> {
            EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
            String rendered = render(env.environment("legacykafka").getPropertySources())
                    + render(env.environment("LEGACYKAFKA").getPropertySources());
            assertThat(rendered).doesNotContain(SECRET).contains(key + "=******");
        });
    }

    @Test
    void onlyPasswordsAreMasked() {
        assertThat(LegacyKafkaAutoConfiguration.SanitizingConfiguration.isPasswordKey(
                "legacykafka.producers.modern.security.sasl.username")).isFalse();
        assertThat(LegacyKafkaAutoConfiguration.SanitizingConfiguration.isPasswordKey(
                "legacykafka.producers.password.bootstrap-servers")).isFalse();
        assertThat(LegacyKafkaAutoConfiguration.SanitizingConfiguration.isPasswordKey(
                "legacykafka.security.sasl.username")).isFalse();
        assertThat(LegacyKafkaAutoConfiguration.SanitizingConfiguration.isPasswordKey(
                "legacykafka.security.ssl.trust-store-location")).isFalse();
        assertThat(LegacyKafkaAutoConfiguration.SanitizingConfiguration.isPasswordKey("spring.datasource.password"))
                .isFalse();
        PASSWORDS.forEach(p -> assertThat(LegacyKafkaAutoConfiguration.SanitizingConfiguration.isPasswordKey(p)).as(p)
                .isTrue());
    }

    private static String render(Object descriptors) {
        return descriptors instanceof Iterable<?> list ? renderAll(list) : String.valueOf(descriptors);
    }

    private static String renderAll(Iterable<?> list) {
        StringBuilder out = new StringBuilder();
        for (Object source : list) {
            if (source instanceof EnvironmentEndpoint.PropertySourceDescriptor descriptor) {
                for (Map.Entry<String, EnvironmentEndpoint.PropertyValueDescriptor> entry
                        : descriptor.getProperties().entrySet()) {
                    out.append(entry.getKey()).append('=').append(entry.getValue().getValue()).append('\n');
                }
            }
        }
        return out.toString();
    }
}
