package dev.legacykafka.spring.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.spring.autoconfigure.LegacyKafkaAutoConfiguration;
import dev.legacykafka.spring.health.LegacyKafkaHealthIndicator;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LegacyKafkaHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LegacyKafkaAutoConfiguration.class,
                    LegacyKafkaHealthContributorAutoConfiguration.class))
            .withPropertyValues("legacykafka.bootstrap-servers=127.0.0.1:1", "legacykafka.startup.diagnostics=false",
                    "legacykafka.health.timeout=1s");

    @Test
    void indicatorIsOnByDefaultAndNamedLegacykafka() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(LegacyKafkaHealthIndicator.class);
            assertThat(context).hasBean("legacykafkaHealthIndicator");
        });
    }

    @Test
    void unreachableBrokersAreDownWithTheCause() {
        runner.run(context -> {
            Health health = context.getBean(LegacyKafkaHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("brokers").containsKey("error");
            assertThat(health.getDetails().get("brokers").toString()).contains("127.0.0.1:1").contains("reachable=false");
        });
    }

    @Test
    void switchedOffByManagementHealthLegacykafkaEnabled() {
        runner.withPropertyValues("management.health.legacykafka.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(LegacyKafkaHealthIndicator.class));
    }

    @Test
    void switchedOffWithAllDefaultIndicators() {
        runner.withPropertyValues("management.health.defaults.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(LegacyKafkaHealthIndicator.class));
    }

    @Test
    void noIndicatorWithoutSpringBootHealth() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(LegacyKafkaHealthIndicator.class);
        });
    }

    @Test
    void backsOffFromAUserIndicatorOfTheSameName() {
        runner.withBean("legacykafkaHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
                .run(context -> assertThat(context).doesNotHaveBean(LegacyKafkaHealthIndicator.class));
    }

    @Test
    void healthTimeoutComesFromTheProperty() {
        runner.withPropertyValues("legacykafka.health.timeout=750ms")
                .run(context -> assertThat(context.getBean(LegacyKafkaHealthIndicator.class)).extracting("timeout")
                        .isEqualTo(Duration.ofMillis(750)));
    }

    @Test
    void noIndicatorWithTwoProducers() {
        runner.withBean("second", LegacyKafkaProducer.class, () -> new LegacyKafkaProducer(
                        dev.legacykafka.client.ProducerConfig.builder().bootstrapServers("127.0.0.1:1").build()))
                .withBean("first", LegacyKafkaProducer.class, () -> new LegacyKafkaProducer(
                        dev.legacykafka.client.ProducerConfig.builder().bootstrapServers("127.0.0.1:1").build()))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(LegacyKafkaHealthIndicator.class);
                });
    }
}
