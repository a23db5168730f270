package dev.legacykafka.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
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
 * than by {@code @Bean} methods. Each is a factory method of the producer's {@link NamedProducerBeans}
 * bean, so that ahead-of-time processing can generate code for them.
 */
class NamedProducersRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        // Fails here, before any bean exists, on an invalid name or clashing transactional ids.
        NamedLegacyKafkaProducers producers = NamedLegacyKafkaProducers.bind(environment);
        if (!registry.containsBeanDefinition(NamedLegacyKafkaProducers.BEAN_NAME)) {
            RootBeanDefinition bound = new RootBeanDefinition(NamedLegacyKafkaProducers.class);
            bound.setFactoryMethodName("bind"); // bound again from the Environment when the context starts
            bound.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
            registry.registerBeanDefinition(NamedLegacyKafkaProducers.BEAN_NAME, bound);
        }
        for (String name : producers.names()) {
            LegacyKafkaProperties properties = producers.properties(name);
            String factory = name + "LegacyKafkaProducerBeans";
            RootBeanDefinition beans = new RootBeanDefinition(NamedProducerBeans.class);
            beans.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
            beans.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
            registry.registerBeanDefinition(factory, beans);

            boolean primary = name.equals(producers.primary());
            register(registry, factory, "closer", NamedLegacyKafkaProducers.closerBeanName(name),
                    null, false);
            RootBeanDefinition producer = register(registry, factory, "producer",
                    NamedLegacyKafkaProducers.producerBeanName(name), name, primary);
            if (producer != null) {
                // The closer outlives the producer and every bean using it, as for the single producer.
                producer.setDependsOn(NamedLegacyKafkaProducers.closerBeanName(name));
                producer.setDestroyMethodName(""); // closed by the closer, with the close timeout
            }
            if (NamedProducerBeans.transactional(properties)) {
                RootBeanDefinition pool = register(registry, factory, "transactionalProducerPool",
                        NamedLegacyKafkaProducers.transactionalProducerPoolBeanName(name),
                        name, false);
                if (pool != null) {
                    pool.setDestroyMethodName("close");
                }
                register(registry, factory, "transactionManager",
                        NamedLegacyKafkaProducers.transactionManagerBeanName(name),
                        name, false);
            }
            register(registry, factory, "template", NamedLegacyKafkaProducers.templateBeanName(name),
                    name, primary);
            if (properties.getStartup().isDiagnostics()) {
                register(registry, factory, "startupDiagnostics",
                        NamedLegacyKafkaProducers.startupDiagnosticsBeanName(name),
                        null, false);
            }
        }
    }

    /** Registers a factory method of the producer's NamedProducerBeans; its return type is the bean's type. */
    private static @Nullable RootBeanDefinition register(BeanDefinitionRegistry registry, String factoryBean,
                                                         String factoryMethod, String beanName,
                                                         @Nullable String qualifier, boolean primary) {
        if (registry.containsBeanDefinition(beanName)) {
            return null;
        }
        RootBeanDefinition definition = new RootBeanDefinition();
        definition.setFactoryBeanName(factoryBean);
        definition.setFactoryMethodName(factoryMethod);
        if (qualifier != null) {
            definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, qualifier));
        }
        definition.setPrimary(primary);
        registry.registerBeanDefinition(beanName, definition);
        return definition;
    }
}
