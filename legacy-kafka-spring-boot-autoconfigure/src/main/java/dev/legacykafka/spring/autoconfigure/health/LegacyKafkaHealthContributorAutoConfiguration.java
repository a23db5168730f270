package dev.legacykafka.spring.autoconfigure.health;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.spring.autoconfigure.LegacyKafkaAutoConfiguration;
import dev.legacykafka.spring.autoconfigure.LegacyKafkaProperties;
import dev.legacykafka.spring.autoconfigure.NamedProducersCondition;
import dev.legacykafka.spring.health.LegacyKafkaHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Contributes the {@code legacykafka} health indicator when Spring Boot's health support is
 * present, switched by {@code management.health.legacykafka.enabled}. With named producers
 * ({@code legacykafka.producers.<name>.*}) {@link LegacyKafkaNamedProducersHealthAutoConfiguration} applies instead.
 */
@AutoConfiguration(after = LegacyKafkaAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, LegacyKafkaProducer.class})
@ConditionalOnSingleCandidate(LegacyKafkaProducer.class)
@Conditional(NamedProducersCondition.Absent.class)
@ConditionalOnEnabledHealthIndicator("legacykafka")
public final class LegacyKafkaHealthContributorAutoConfiguration {

    /** The indicator's bean name; the health id is {@code legacykafka}. */
    static final String BEAN_NAME = "legacykafkaHealthIndicator";

    @Bean(name = BEAN_NAME)
    @ConditionalOnMissingBean(name = BEAN_NAME)
    LegacyKafkaHealthIndicator legacykafkaHealthIndicator(LegacyKafkaProducer producer,
                                                          LegacyKafkaProperties properties) {
        return new LegacyKafkaHealthIndicator(producer, properties.getHealth().getTimeout());
    }
}
