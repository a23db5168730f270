package dev.legacykafka.spring.autoconfigure.health;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.spring.autoconfigure.LegacyKafkaNamedProducersAutoConfiguration;
import dev.legacykafka.spring.autoconfigure.NamedLegacyKafkaProducers;
import dev.legacykafka.spring.autoconfigure.NamedProducersCondition;
import dev.legacykafka.spring.health.LegacyKafkaHealthIndicator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * With named producers ({@code legacykafka.producers.<name>.*}): the {@code legacykafka} health
 * contributor is a composite with one {@link LegacyKafkaHealthIndicator} per producer, under its
 * name ({@code /actuator/health/legacykafka/<name>}), each probing with its producer's
 * {@code health.timeout}. Switched by {@code management.health.legacykafka.enabled} as the single
 * producer's indicator is.
 */
@AutoConfiguration(after = LegacyKafkaNamedProducersAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, LegacyKafkaProducer.class})
@Conditional(NamedProducersCondition.class)
@ConditionalOnEnabledHealthIndicator("legacykafka")
public final class LegacyKafkaNamedProducersHealthAutoConfiguration {

    /** The contributor's bean name; the health id is {@code legacykafka}. */
    static final String BEAN_NAME = "legacykafkaHealthContributor";

    @Bean(name = BEAN_NAME)
    @ConditionalOnMissingBean(name = {BEAN_NAME, LegacyKafkaHealthContributorAutoConfiguration.BEAN_NAME})
    CompositeHealthContributor legacykafkaHealthContributor(NamedLegacyKafkaProducers producers,
                                                            BeanFactory beanFactory) {
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        for (String name : producers.names()) {
            LegacyKafkaProducer producer = beanFactory.getBean(NamedLegacyKafkaProducers.producerBeanName(name),
                    LegacyKafkaProducer.class);
            indicators.put(name, new LegacyKafkaHealthIndicator(producer,
                    producers.properties(name).getHealth().getTimeout()));
        }
        return CompositeHealthContributor.fromMap(indicators);
    }
}
