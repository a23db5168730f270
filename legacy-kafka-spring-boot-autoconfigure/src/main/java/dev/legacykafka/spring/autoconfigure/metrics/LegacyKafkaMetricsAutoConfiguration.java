package dev.legacykafka.spring.autoconfigure.metrics;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.spring.autoconfigure.LegacyKafkaAutoConfiguration;
import dev.legacykafka.spring.autoconfigure.NamedProducerMetrics;
import dev.legacykafka.spring.autoconfigure.NamedProducersCondition;
import dev.legacykafka.spring.metrics.LegacyKafkaProducerMetrics;
import dev.legacykafka.spring.autoconfigure.LegacyKafkaTemplateCustomizer;
import dev.legacykafka.spring.metrics.MeterRegistryMetricsSource;
import dev.legacykafka.spring.metrics.MicrometerProducerListener;
import dev.legacykafka.spring.metrics.SendTimerInstrumentation;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Publishes the auto-configured producer's (or each named producer's) {@code legacykafka.producer.*} meters when a
 * {@link MeterRegistry} bean exists, unless {@code legacykafka.metrics.enabled=false}.
 *
 * <p>The auto-configured template times its sends ({@value SendTimerInstrumentation#SEND}) unless
 * {@code legacykafka.template.observation-enabled} is set, where the Observation's timer replaces it.
 *
 * <p>The auto-configured producer takes every {@code ProducerListener} bean, this one included.
 * An application that builds its own producer should pass it the {@link MicrometerProducerListener}
 * bean (with its other listeners, through a {@code CompositeProducerListener}) and build it from the
 * {@code ProducerConfig} bean, so that the {@code client.id} tags agree.
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
    @Conditional(NamedProducersCondition.Absent.class)
    MicrometerProducerListener legacyKafkaMicrometerProducerListener(MeterRegistry registry, ProducerConfig config) {
        return new MicrometerProducerListener(registry, config.clientId());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(LegacyKafkaProducer.class)
    @Conditional(NamedProducersCondition.Absent.class)
    LegacyKafkaProducerMetrics legacyKafkaProducerMetrics(LegacyKafkaProducer producer) {
        return new LegacyKafkaProducerMetrics(producer);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "legacykafka.template.observation-enabled", havingValue = false,
            matchIfMissing = true)
    LegacyKafkaTemplateCustomizer legacyKafkaTemplateSendTimer(MeterRegistry registry) {
        SendTimerInstrumentation timer = new SendTimerInstrumentation(registry);
        return template -> template.setSendInstrumentation(timer);
    }

    /**
     * The meters of the named producers ({@code legacykafka.producers.<name>.*}), tagged with their
     * names; {@code legacykafka.producers.<name>.metrics.enabled=false} leaves one out.
     */
    @Bean
    @Conditional(NamedProducersCondition.class)
    NamedProducerMetrics legacyKafkaNamedProducerMetrics(MeterRegistry registry) {
        return new MicrometerNamedProducerMetrics(registry);
    }

    /** The template's metrics() reads the registry. */
    @Bean
    LegacyKafkaTemplateCustomizer legacyKafkaTemplateMetricsSource(MeterRegistry registry) {
        MeterRegistryMetricsSource source = new MeterRegistryMetricsSource(registry);
        return template -> template.setMetricsSource(source);
    }
}
