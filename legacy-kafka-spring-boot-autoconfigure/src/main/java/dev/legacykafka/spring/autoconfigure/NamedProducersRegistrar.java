package dev.legacykafka.spring.autoconfigure;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.LegacyKafkaTransactionManager;
import dev.legacykafka.spring.TransactionalProducerPool;
import dev.legacykafka.spring.diagnostics.LegacyKafkaStartupDiagnostics;
import java.util.function.Supplier;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers the beans of every named producer ({@code legacykafka.producers.<name>.*}): for a name
 * {@code old}, {@code oldLegacyKafkaProducer} and {@code oldLegacyKafkaTemplate} (both with the
 * qualifier {@code old}, so {@code @Qualifier("old") LegacyKafkaTemplate<K, V>} injects it), what
 * closes the producer, its startup diagnostics, and with transactions
 * {@code oldLegacyKafkaTransactionalProducerPool} and {@code oldLegacyKafkaTransactionManager}
 * (qualifier {@code old} too). A bean the application already defines under one of these names is
 * left alone.
 *
 * <p>The names are known only from the environment, so the definitions are registered here rather
 * than by {@code @Bean} methods; each one is built by {@link NamedProducerBeans} when first needed.
 */
class NamedProducersRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

    private Environment environment;

    private DefaultListableBeanFactory beanFactory;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        this.beanFactory = (DefaultListableBeanFactory) beanFactory;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        // Fails here, before any bean exists, on an invalid name or clashing transactional ids.
        NamedLegacyKafkaProducers producers = NamedLegacyKafkaProducers.bind(environment);
        register(registry, NamedLegacyKafkaProducers.BEAN_NAME, NamedLegacyKafkaProducers.class, () -> producers,
                null, false);
        for (String name : producers.names()) {
            LegacyKafkaProperties properties = producers.properties(name);
            NamedProducerBeans beans = new NamedProducerBeans(name, properties, beanFactory);
            boolean primary = name.equals(producers.primary());
            register(registry, NamedLegacyKafkaProducers.closerBeanName(name), LegacyKafkaProducerCloser.class,
                    beans::closer, null, false);
            RootBeanDefinition producer = register(registry, NamedLegacyKafkaProducers.producerBeanName(name),
                    LegacyKafkaProducer.class, beans::producer, name, primary);
            if (producer != null) {
                // The closer outlives the producer and every bean using it, as for the single producer.
                producer.setDependsOn(NamedLegacyKafkaProducers.closerBeanName(name));
                producer.setDestroyMethodName(""); // closed by the closer, with the close timeout
            }
            if (NamedProducerBeans.transactional(properties)) {
                RootBeanDefinition pool = register(registry,
                        NamedLegacyKafkaProducers.transactionalProducerPoolBeanName(name),
                        TransactionalProducerPool.class, beans::transactionalProducerPool, name, false);
                if (pool != null) {
                    pool.setDestroyMethodName("close");
                }
                register(registry, NamedLegacyKafkaProducers.transactionManagerBeanName(name),
                        LegacyKafkaTransactionManager.class, beans::transactionManager, name, false);
            }
            register(registry, NamedLegacyKafkaProducers.templateBeanName(name), LegacyKafkaTemplate.class,
                    castTemplate(beans::template), name, primary);
            if (properties.getStartup().isDiagnostics()) {
                register(registry, NamedLegacyKafkaProducers.startupDiagnosticsBeanName(name),
                        LegacyKafkaStartupDiagnostics.class, beans::startupDiagnostics, null, false);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Supplier<LegacyKafkaTemplate> castTemplate(Supplier<LegacyKafkaTemplate<?, ?>> supplier) {
        return (Supplier) supplier;
    }

    private static <T> RootBeanDefinition register(BeanDefinitionRegistry registry, String beanName, Class<T> type,
                                                   Supplier<T> supplier, String qualifier, boolean primary) {
        if (registry.containsBeanDefinition(beanName)) {
            return null;
        }
        RootBeanDefinition definition = new RootBeanDefinition(type, supplier);
        if (qualifier != null) {
            definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, qualifier));
        }
        definition.setPrimary(primary);
        registry.registerBeanDefinition(beanName, definition);
        return definition;
    }
}
