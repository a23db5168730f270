package dev.legacykafka.spring.autoconfigure;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerListener;
import dev.legacykafka.spring.LegacyKafkaSendListener;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.LegacyKafkaTransactionManager;
import dev.legacykafka.spring.TransactionalProducerPool;
import dev.legacykafka.spring.diagnostics.LegacyKafkaStartupDiagnostics;
import dev.legacykafka.spring.serializer.RecordSerializer;
import dev.legacykafka.spring.serializer.RecordSerializerRoute;
import dev.legacykafka.spring.support.CompositeProducerListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

/**
 * Builds the beans of one named producer ({@code legacykafka.producers.<name>.*}) the way the
 * single-producer auto-configuration builds its own: the same factories, customizers, listeners and
 * validation, with every invalid value reported under {@code legacykafka.producers.<name>.}.
 *
 * <p>A bean itself ({@code <name>LegacyKafkaProducerBeans}), whose methods are the factory methods
 * of the named producer's beans: plain factory-method definitions, which ahead-of-time processing
 * turns into code, where instance-supplier callbacks could not be.
 */
final class NamedProducerBeans {

    private final String name;

    private final LegacyKafkaProperties properties;

    private final BeanFactory beanFactory;

    /** Whether this producer is the one marked {@code primary}: it alone takes the application's connection details. */
    private final boolean primary;

    NamedProducerBeans(String name, NamedLegacyKafkaProducers producers, BeanFactory beanFactory) {
        this.name = name;
        this.properties = producers.properties(name);
        this.beanFactory = beanFactory;
        this.primary = name.equals(producers.primary());
    }

    /** Whether this producer has transactions: a transaction-id-prefix or a transactional-id. */
    static boolean transactional(LegacyKafkaProperties properties) {
        return StringUtils.hasLength(properties.getTransactionIdPrefix())
                || StringUtils.hasLength(properties.getTransactionalId());
    }

    LegacyKafkaProducerCloser closer() {
        return new LegacyKafkaProducerCloser(properties.getProducer().getCloseTimeout());
    }

    LegacyKafkaProducer producer() {
        ProducerConfig config = config(null, null);
        LegacyKafkaProducerCloser closer = beanFactory.getBean(NamedLegacyKafkaProducers.closerBeanName(name),
                LegacyKafkaProducerCloser.class);
        LegacyKafkaProducer producer = closer.manage(new LegacyKafkaProducer(config, listener(config.clientId())));
        NamedProducerMetrics metrics = metrics();
        if (metrics != null) {
            metrics.bind(name, producer);
        }
        return producer;
    }

    @SuppressWarnings("unchecked")
    LegacyKafkaTemplate<?, ?> template() {
        LegacyKafkaProducer producer = beanFactory.getBean(NamedLegacyKafkaProducers.producerBeanName(name),
                LegacyKafkaProducer.class);
        LegacyKafkaTemplate<Object, Object> template = new LegacyKafkaTemplate<>(producer,
                (RecordSerializer<Object>) serializer(RecordSerializerRoute.Part.KEY, "key-serializer",
                        properties.getProducer().getKeySerializer()),
                (RecordSerializer<Object>) serializer(RecordSerializerRoute.Part.VALUE, "value-serializer",
                        properties.getProducer().getValueSerializer()),
                properties.getTemplate().getDefaultTopic());
        template.setSendListeners(beanFactory.getBeanProvider(LegacyKafkaSendListener.class).orderedStream().toList());
        if (transactional(properties)) {
            template.setTransactionalProducers(beanFactory.getBean(
                    NamedLegacyKafkaProducers.transactionalProducerPoolBeanName(name), TransactionalProducerPool.class));
        }
        template.setAllowNonTransactional(properties.getTemplate().isAllowNonTransactional());
        beanFactory.getBeanProvider(LegacyKafkaTemplateCustomizer.class).orderedStream()
                .forEach(customizer -> customizer.customize(template));
        NamedProducerMetrics metrics = metrics();
        if (metrics != null) {
            metrics.instrument(name, template);
        }
        return template;
    }

    TransactionalProducerPool transactionalProducerPool() {
        String clientId = config(null, null).clientId();
        Function<String, LegacyKafkaProducer> factory = transactionalId -> {
            ProducerConfig config = config(transactionalId, clientId);
            return new LegacyKafkaProducer(config, listener(clientId));
        };
        String prefix = properties.getTransactionIdPrefix();
        if (StringUtils.hasLength(prefix)) {
            config(prefix + "0", clientId); // fails startup on a setting transactions cannot take
            return TransactionalProducerPool.withPrefix(prefix, properties.getTransaction().getMaxProducers(),
                    properties.getProducer().getMaxBlock(), factory);
        }
        String transactionalId = Objects.requireNonNull(properties.getTransactionalId());
        config(transactionalId, clientId);
        return TransactionalProducerPool.withFixedId(transactionalId, properties.getProducer().getMaxBlock(), factory);
    }

    LegacyKafkaTransactionManager transactionManager() {
        return new LegacyKafkaTransactionManager(beanFactory.getBean(
                NamedLegacyKafkaProducers.transactionalProducerPoolBeanName(name), TransactionalProducerPool.class));
    }

    LegacyKafkaStartupDiagnostics startupDiagnostics() {
        LegacyKafkaProducer producer = beanFactory.getBean(NamedLegacyKafkaProducers.producerBeanName(name),
                LegacyKafkaProducer.class);
        LegacyKafkaProperties.Startup startup = properties.getStartup();
        return new LegacyKafkaStartupDiagnostics(producer, startup.getTimeout(), startup.isFailFast(), name);
    }

    /** The producer's config, validated; an invalid value is named under this producer's prefix. */
    private ProducerConfig config(@Nullable String transactionalId, @Nullable String clientId) {
        ObjectProvider<SslBundles> sslBundles = beanFactory.getBeanProvider(SslBundles.class);
        List<LegacyKafkaProducerConfigCustomizer> customizers = beanFactory
                .getBeanProvider(LegacyKafkaProducerConfigCustomizer.class).orderedStream().toList();
        return named(() -> new ProducerConfigFactory(properties, connectionDetails(sslBundles))
                .create(customizers, transactionalId, clientId));
    }

    /**
     * The application's {@link LegacyKafkaConnectionDetails} (its own bean, or a {@code @ServiceConnection})
     * for the producer marked primary, so that a test container reaches the producer unqualified
     * injection points use; this producer's own properties otherwise. The other producers keep their
     * own bootstrap-servers: one set of connection details cannot point at several clusters.
     */
    private LegacyKafkaConnectionDetails connectionDetails(ObjectProvider<SslBundles> sslBundles) {
        if (primary) {
            LegacyKafkaConnectionDetails application = beanFactory.getBeanProvider(LegacyKafkaConnectionDetails.class)
                    .getIfUnique();
            // The auto-configured bean reads the top-level properties only: not the application's.
            if (application != null && !(application instanceof PropertiesLegacyKafkaConnectionDetails)) {
                return application;
            }
        }
        return new PropertiesLegacyKafkaConnectionDetails(properties, sslBundles);
    }

    private RecordSerializer<?> serializer(RecordSerializerRoute.Part part, String property,
                                           LegacyKafkaProperties.SerializerType type) {
        RecordSerializer<?> fromProperty = named(() -> RecordSerializerFactory.create(
                "legacykafka.producer." + property, type, beanFactory));
        return LegacyKafkaAutoConfiguration.routed(part, beanFactory.getBeanProvider(RecordSerializerRoute.class),
                fromProperty);
    }

    /** Every ProducerListener bean, and this producer's meters. */
    private @Nullable ProducerListener listener(String clientId) {
        List<ProducerListener> all = new ArrayList<>(beanFactory.getBeanProvider(ProducerListener.class)
                .orderedStream().toList());
        NamedProducerMetrics metrics = metrics();
        if (metrics != null) {
            all.add(metrics.listener(name, clientId));
        }
        return switch (all.size()) {
            case 0 -> null;
            case 1 -> all.get(0);
            default -> new CompositeProducerListener(all);
        };
    }

    private @Nullable NamedProducerMetrics metrics() {
        return properties.getMetrics().isEnabled()
                ? beanFactory.getBeanProvider(NamedProducerMetrics.class).getIfAvailable() : null;
    }

    private <T> T named(Supplier<T> action) {
        try {
            return action.get();
        } catch (InvalidLegacyKafkaPropertyException ex) {
            throw rename(ex, name);
        }
    }

    /** The same failure, under {@code legacykafka.producers.<name>.} instead of {@code legacykafka.}. */
    static InvalidLegacyKafkaPropertyException rename(InvalidLegacyKafkaPropertyException ex, String name) {
        String prefix = NamedLegacyKafkaProducers.PREFIX + "." + name + ".";
        String property = ex.getProperty().startsWith(prefix) ? ex.getProperty()
                : ex.getProperty().replaceFirst("^legacykafka\\.", prefix);
        String allowed = ex.getAllowed().replaceAll("(?<![\\w.-])legacykafka\\.(?!producers\\.)", prefix);
        return new InvalidLegacyKafkaPropertyException(property, ex.getValue(), allowed,
                ex.getCause() != null ? ex.getCause() : ex);
    }
}
