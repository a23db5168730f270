package dev.legacykafka.spring.autoconfigure.metrics;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.spring.autoconfigure.LegacyKafkaAutoConfiguration;
import dev.legacykafka.spring.metrics.LegacyKafkaProducerMetrics;
import dev.legacykafka.spring.metrics.MicrometerProducerListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Publishes the auto-configured producer's {@code legacykafka.producer.*} meters when a
 * {@link MeterRegistry} bean exists, unless {@code legacykafka.metrics.enabled=false}.
 */
@AutoConfiguration(after = LegacyKafkaAutoConfiguration.class,
        afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, LegacyKafkaProducer.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "legacykafka.metrics.enabled", matchIfMissing = true)
public final class LegacyKafkaMetricsAutoConfiguration {

    /**
     * Heard by the auto-configured producer, which takes every ProducerListener bean. Built from
     * the ProducerConfig rather than the producer, which needs its listener first.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(ProducerConfig.class)
    MicrometerProducerListener legacyKafkaMicrometerProducerListener(MeterRegistry registry, ProducerConfig config) {
        return new MicrometerProducerListener(registry, config.clientId());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(LegacyKafkaProducer.class)
    LegacyKafkaProducerMetrics legacyKafkaProducerMetrics(LegacyKafkaProducer producer) {
        return new LegacyKafkaProducerMetrics(producer);
    }
}
