package dev.legacykafka.spring.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.autoconfigure.LegacyKafkaAutoConfiguration;
import dev.legacykafka.spring.metrics.LegacyKafkaProducerMetrics;
import dev.legacykafka.spring.metrics.MicrometerProducerListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LegacyKafkaMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, LegacyKafkaAutoConfiguration.class,
                    LegacyKafkaMetricsAutoConfiguration.class))
            .withPropertyValues("legacykafka.bootstrap-servers=127.0.0.1:1", "legacykafka.startup.diagnostics=false",
                    "legacykafka.client-id=metrics-test");

    @Test
    void metersArePublishedWhenARegistryExists() {
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasSingleBean(MicrometerProducerListener.class);
            assertThat(context).hasSingleBean(LegacyKafkaProducerMetrics.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(LegacyKafkaProducerMetrics.BUFFER_AVAILABLE).tag("client.id", "metrics-test")
                    .gauge().value()).isEqualTo(32.0 * 1024 * 1024);
        });
    }

    @Test
    void theAutoConfiguredProducerReportsToTheRegistry() {
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("legacykafka.producer.max-block=100ms").run(context -> {
                    LegacyKafkaTemplate<?, ?> template = context.getBean(LegacyKafkaTemplate.class);
                    template.getProducer().send(dev.legacykafka.client.ProducerRecord.of("events", new byte[1]))
                            .handle((result, error) -> null).get(10, TimeUnit.SECONDS);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get(MicrometerProducerListener.SEND_ERRORS).tag("client.id", "metrics-test")
                            .tag("topic", "events").tag("error", "TimeoutException").counter().count()).isEqualTo(1);
                });
    }

    @Test
    void clientIdTagFollowsAGeneratedClientId() {
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).withPropertyValues("legacykafka.client-id=")
                .run(context -> {
                    String clientId = context.getBean(ProducerConfig.class).clientId();
                    assertThat(clientId).startsWith("legacy-kafka-producer-");
                    assertThat(context.getBean(MeterRegistry.class).get(LegacyKafkaProducerMetrics.BUFFER_AVAILABLE)
                            .tag("client.id", clientId).gauge()).isNotNull();
                });
    }

    @Test
    void metricsCanBeSwitchedOff() {
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("legacykafka.metrics.enabled=false").run(context -> {
                    assertThat(context).doesNotHaveBean(MicrometerProducerListener.class);
                    assertThat(context).doesNotHaveBean(LegacyKafkaProducerMetrics.class);
                    assertThat(context.getBean(MeterRegistry.class).find(LegacyKafkaProducerMetrics.BUFFER_AVAILABLE)
                            .gauge()).isNull();
                });
    }

    @Test
    void noMetersWithoutARegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LegacyKafkaAutoConfiguration.class,
                        LegacyKafkaMetricsAutoConfiguration.class))
                .withPropertyValues("legacykafka.startup.diagnostics=false").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(MicrometerProducerListener.class);
                });
    }

    @Test
    void noMetersWithoutMicrometer() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer.core")).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(LegacyKafkaTemplate.class);
            assertThat(context).doesNotHaveBean(MicrometerProducerListener.class);
        });
    }

    @Test
    void backsOffFromUserMeterBeans() {
        MicrometerProducerListener own = new MicrometerProducerListener(new SimpleMeterRegistry(), "own");
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(MicrometerProducerListener.class, () -> own)
                .run(context -> assertThat(context.getBean(MicrometerProducerListener.class)).isSameAs(own));
    }
}
