package dev.legacykafka.spring.autoconfigure;

import dev.legacykafka.client.LegacyKafkaProducer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

/**
 * Several producers from properties: every {@code legacykafka.producers.<name>.*} gets its own
 * producer, template, meters (tagged {@code producer}), health component, startup diagnostics and,
 * when configured, transactions; see {@link NamedProducersRegistrar} for the bean names. Each named
 * producer takes every property of the single producer, with the top-level {@code legacykafka.*}
 * values as its defaults.
 *
 * <p>Named producers replace the single auto-configured producer: with any of them configured, the
 * top-level properties are defaults only, and no unnamed producer, template or transaction manager
 * is created. {@code legacykafka.producers.<name>.primary=true} makes one of them the candidate for
 * injection points without a qualifier.
 */
@AutoConfiguration(after = {SslAutoConfiguration.class, LegacyKafkaAutoConfiguration.class},
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration")
@ConditionalOnClass(LegacyKafkaProducer.class)
@Conditional(NamedProducersCondition.class)
@Import(NamedProducersRegistrar.class)
public final class LegacyKafkaNamedProducersAutoConfiguration {
}
