package dev.legacykafka.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.ProducerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The SASL password stays out of /actuator/configprops and /actuator/env even with
 * {@code show-values=always}. (With the auto-configured producer a password fails startup, since
 * SASL is not supported yet; an application that builds its own ProducerConfig still binds it.)
 */
class PasswordSanitizingTests {

    private static final String SECRET = "s3cr3t-pa55";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LegacyKafkaAutoConfiguration.class,
                    ConfigurationPropertiesReportEndpointAutoConfiguration.class,
                    EnvironmentEndpointAutoConfiguration.class))
            .withBean(ProducerConfig.class, () -> ProducerConfig.builder().bootstrapServers("127.0.0.1:1").build())
            .withPropertyValues("legacykafka.startup.diagnostics=false", "legacykafka.security.sasl.username=app",
                    "legacykafka.security.sasl.password=" + SECRET, "management.endpoints.web.exposure.include=*",
                    "management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always");

    @Test
    void configpropsMasksThePassword() {
        runner.run(context -> {
            ConfigurationPropertiesBeanDescriptor bean = context.getBean(ConfigurationPropertiesReportEndpoint.class)
                    .configurationPropertiesWithPrefix("legacykafka").getContexts().values().iterator().next()
                    .getBeans().values().iterator().next();
            String rendered = bean.getProperties().toString() + bean.getInputs().toString();
            assertThat(rendered).doesNotContain(SECRET).contains("username=app").contains("password=******");
        });
    }

    @Test
    void envMasksThePasswordInEveryForm() {
        runner.withSystemProperties("LEGACYKAFKA_SECURITY_SASL_PASSWORD=" + SECRET).run(context -> {
            EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
            String rendered = render(env.environment("legacykafka").getPropertySources())
                    + render(env.environment("LEGACYKAFKA").getPropertySources());
            assertThat(rendered).doesNotContain(SECRET).contains("******");
            assertThat(String.valueOf(env.environmentEntry("legacykafka.security.sasl.password").getProperty()
                    .getValue())).isEqualTo("******");
        });
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
