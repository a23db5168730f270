package dev.legacykafka.spring.autoconfigure;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerListener;
import dev.legacykafka.spring.LegacyKafkaSendListener;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.LegacyKafkaTransactionManager;
import dev.legacykafka.spring.TransactionalProducerPool;
import dev.legacykafka.spring.support.LoggingSendListener;
import dev.legacykafka.spring.diagnostics.LegacyKafkaStartupDiagnostics;
import dev.legacykafka.spring.serializer.RecordSerializer;
import dev.legacykafka.spring.serializer.RecordSerializerRoute;
import dev.legacykafka.spring.serializer.RoutingRecordSerializer;
import dev.legacykafka.spring.support.CompositeProducerListener;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of a legacy-kafka producer and its {@link LegacyKafkaTemplate}, from
 * {@code legacykafka.*} properties. Every bean backs off when the application defines its own:
 * {@link LegacyKafkaConnectionDetails}, {@link ProducerConfig}, {@link LegacyKafkaProducer},
 * {@link LegacyKafkaTemplate}, the serializers (by bean name {@code legacyKafkaKeySerializer} and
 * {@code legacyKafkaValueSerializer}) and {@link LegacyKafkaStartupDiagnostics}. {@link RecordSerializerRoute}
 * beans send the keys or values of given topics or types through the application's serializers,
 * ahead of the serializers the properties name. With several
 * producer beans and none primary, the template and diagnostics back off: wire them per producer.
 *
 * <p>Every {@link LegacyKafkaSendListener} bean hears the template's send outcomes, and every
 * {@link LegacyKafkaTemplateCustomizer} bean customizes the template, both in
 * {@link org.springframework.core.Ordered} order; a {@link LoggingSendListener} logs failed sends
 * unless {@code legacykafka.template.log-failed-sends=false}.
 *
 * <p>Every {@link ProducerListener} bean hears the auto-configured producer's broker answers, in
 * {@link org.springframework.core.Ordered} order.
 *
 * <p>With {@code legacykafka.transaction-id-prefix} (or {@code legacykafka.transactional-id}) a
 * {@link TransactionalProducerPool} and a {@link LegacyKafkaTransactionManager} (bean
 * {@code legacyKafkaTransactionManager}) make the template transactional. The pool's producers are
 * the only ones with a transactional id: the {@link LegacyKafkaProducer} bean stays
 * non-transactional (usable directly, and the producer of allow-non-transactional sends), since two
 * producers with one id would fence each other. This runs after the
 * DataSource transaction manager's auto-configuration, so that one is still created.
 *
 * <p>With named producers ({@code legacykafka.producers.<name>.*}) none of the single producer's
 * beans but the connection details and the logging send listener are created here: the top-level
 * properties become the named producers' defaults (see {@link LegacyKafkaNamedProducersAutoConfiguration}).
 */
@AutoConfiguration(after = SslAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration")
@ConditionalOnClass(LegacyKafkaProducer.class)
@EnableConfigurationProperties(LegacyKafkaProperties.class)
@ImportRuntimeHints(LegacyKafkaRuntimeHints.class)
public final class LegacyKafkaAutoConfiguration {

    /** Name of the key serializer bean the template uses. */
    public static final String KEY_SERIALIZER_BEAN = "legacyKafkaKeySerializer";

    /** Name of the value serializer bean the template uses. */
    public static final String VALUE_SERIALIZER_BEAN = "legacyKafkaValueSerializer";

    @Bean
    @ConditionalOnMissingBean(LegacyKafkaConnectionDetails.class)
    PropertiesLegacyKafkaConnectionDetails legacyKafkaConnectionDetails(LegacyKafkaProperties properties,
                                                                        ObjectProvider<SslBundles> sslBundles) {
        return new PropertiesLegacyKafkaConnectionDetails(properties, sslBundles);
    }

    @Bean
    @ConditionalOnMissingBean
    @Conditional(NamedProducersCondition.Absent.class)
    ProducerConfig legacyKafkaProducerConfig(LegacyKafkaProperties properties,
                                             LegacyKafkaConnectionDetails connectionDetails,
                                             ObjectProvider<LegacyKafkaProducerConfigCustomizer> customizers) {
        return new ProducerConfigFactory(properties, connectionDetails).create(customizers.orderedStream().toList());
    }

    @Bean(name = KEY_SERIALIZER_BEAN)
    @Conditional(NamedProducersCondition.Absent.class)
    @ConditionalOnMissingBean(name = KEY_SERIALIZER_BEAN)
    RecordSerializer<?> legacyKafkaKeySerializer(LegacyKafkaProperties properties, BeanFactory beanFactory,
                                                 ObjectProvider<RecordSerializerRoute> routes) {
        return routed(RecordSerializerRoute.Part.KEY, routes, RecordSerializerFactory.create(
                "legacykafka.producer.key-serializer", properties.getProducer().getKeySerializer(), beanFactory));
    }

    @Bean(name = VALUE_SERIALIZER_BEAN)
    @Conditional(NamedProducersCondition.Absent.class)
    @ConditionalOnMissingBean(name = VALUE_SERIALIZER_BEAN)
    RecordSerializer<?> legacyKafkaValueSerializer(LegacyKafkaProperties properties, BeanFactory beanFactory,
                                                   ObjectProvider<RecordSerializerRoute> routes) {
        return routed(RecordSerializerRoute.Part.VALUE, routes, RecordSerializerFactory.create(
                "legacykafka.producer.value-serializer", properties.getProducer().getValueSerializer(), beanFactory));
    }

    /** The serializer of the property, behind the application's routes of that part if it has any. */
    static RecordSerializer<?> routed(RecordSerializerRoute.Part part, ObjectProvider<RecordSerializerRoute> routes,
                                              RecordSerializer<?> fallback) {
        List<RecordSerializerRoute> ofPart = routes.orderedStream().filter(route -> route.part() == part).toList();
        return ofPart.isEmpty() ? fallback : new RoutingRecordSerializer(ofPart, fallback);
    }

    @Bean
    @ConditionalOnMissingBean(LegacyKafkaTemplate.class)
    @Conditional(NamedProducersCondition.Absent.class)
    @ConditionalOnSingleCandidate(LegacyKafkaProducer.class)
    @SuppressWarnings("unchecked")
    LegacyKafkaTemplate<?, ?> legacyKafkaTemplate(LegacyKafkaProducer producer,
                                                  @Qualifier(KEY_SERIALIZER_BEAN) RecordSerializer<?> keySerializer,
                                                  @Qualifier(VALUE_SERIALIZER_BEAN) RecordSerializer<?> valueSerializer,
                                                  LegacyKafkaProperties properties,
                                                  ObjectProvider<LegacyKafkaSendListener> sendListeners,
                                                  ObjectProvider<LegacyKafkaTemplateCustomizer> customizers,
                                                  ObjectProvider<TransactionalProducerPool> transactionalProducers) {
        // Wildcard generics, so that LegacyKafkaTemplate<String, Order> and the like inject; a value
        // of the wrong type fails its send with a RecordSerializationException.
        LegacyKafkaTemplate<Object, Object> template = new LegacyKafkaTemplate<>(producer,
                (RecordSerializer<Object>) keySerializer, (RecordSerializer<Object>) valueSerializer,
                properties.getTemplate().getDefaultTopic());
        template.setSendListeners(sendListeners.orderedStream().toList());
        TransactionalProducerPool pool = transactionalProducers.getIfUnique();
        if (pool != null) {
            template.setTransactionalProducers(pool);
        }
        template.setAllowNonTransactional(properties.getTemplate().isAllowNonTransactional());
        customizers.orderedStream().forEach(customizer -> customizer.customize(template));
        return template;
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "legacykafka.template.log-failed-sends", matchIfMissing = true)
    LoggingSendListener legacyKafkaLoggingSendListener() {
        return new LoggingSendListener();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(LegacyKafkaProducer.class)
    @ConditionalOnBooleanProperty(name = "legacykafka.startup.diagnostics", matchIfMissing = true)
    @Conditional(NamedProducersCondition.Absent.class)
    LegacyKafkaStartupDiagnostics legacyKafkaStartupDiagnostics(LegacyKafkaProducer producer,
                                                                LegacyKafkaProperties properties) {
        LegacyKafkaProperties.Startup startup = properties.getStartup();
        return new LegacyKafkaStartupDiagnostics(producer, startup.getTimeout(), startup.isFailFast());
    }

    /**
     * With {@code legacykafka.transaction-id-prefix} or {@code legacykafka.transactional-id}: the pool
     * of transactional producers the template sends its transactions through, and a
     * {@link LegacyKafkaTransactionManager} unless the application has one.
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional({TransactionsConfigured.class, NamedProducersCondition.Absent.class})
    static class TransactionConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        TransactionalProducerPool legacyKafkaTransactionalProducerPool(LegacyKafkaProperties properties,
                LegacyKafkaConnectionDetails connectionDetails, ProducerConfig producerConfig,
                ObjectProvider<LegacyKafkaProducerConfigCustomizer> customizers,
                ObjectProvider<ProducerListener> listeners) {
            List<LegacyKafkaProducerConfigCustomizer> all = customizers.orderedStream().toList();
            String clientId = producerConfig.clientId();
            java.util.function.Function<String, ProducerConfig> configFor = transactionalId ->
                    new ProducerConfigFactory(properties, connectionDetails).create(all, transactionalId, clientId);
            java.time.Duration maxWait = properties.getProducer().getMaxBlock();
            java.util.function.Function<String, LegacyKafkaProducer> factory = transactionalId ->
                    new LegacyKafkaProducer(configFor.apply(transactionalId), listener(listeners));
            String prefix = properties.getTransactionIdPrefix();
            if (StringUtils.hasLength(prefix)) {
                configFor.apply(prefix + "0"); // fails startup on a setting transactions cannot take
                return TransactionalProducerPool.withPrefix(prefix, properties.getTransaction().getMaxProducers(),
                        maxWait, factory);
            }
            String transactionalId = java.util.Objects.requireNonNull(properties.getTransactionalId());
            configFor.apply(transactionalId); // as above: the producer bean no longer carries the id
            return TransactionalProducerPool.withFixedId(transactionalId, maxWait, factory);
        }

        @Bean
        @ConditionalOnMissingBean(LegacyKafkaTransactionManager.class)
        LegacyKafkaTransactionManager legacyKafkaTransactionManager(TransactionalProducerPool pool) {
            return new LegacyKafkaTransactionManager(pool);
        }
    }

    /** Transactions are configured: a non-empty transaction-id-prefix or transactional-id. */
    static final class TransactionsConfigured extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            for (String property : List.of("legacykafka.transaction-id-prefix", "legacykafka.transactional-id")) {
                if (StringUtils.hasLength(context.getEnvironment().getProperty(property))) {
                    return ConditionOutcome.match(property + " is set");
                }
            }
            return ConditionOutcome.noMatch("neither legacykafka.transaction-id-prefix nor legacykafka.transactional-id is set");
        }
    }

    private static @org.jspecify.annotations.Nullable ProducerListener listener(ObjectProvider<ProducerListener> listeners) {
        List<ProducerListener> all = listeners.orderedStream().toList();
        return switch (all.size()) {
            case 0 -> null;
            case 1 -> all.get(0);
            default -> new CompositeProducerListener(all);
        };
    }

    /** The producer and what closes it, unless the application brings its own producer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(LegacyKafkaProducer.class)
    @Conditional(NamedProducersCondition.Absent.class)
    static class ProducerConfiguration {

        @Bean
        LegacyKafkaProducerCloser legacyKafkaProducerCloser(LegacyKafkaProperties properties) {
            return new LegacyKafkaProducerCloser(properties.getProducer().getCloseTimeout());
        }

        // Closed by the closer, with the close timeout, instead of an inferred close().
        @Bean(destroyMethod = "")
        LegacyKafkaProducer legacyKafkaProducer(ProducerConfig config, ObjectProvider<ProducerListener> listeners,
                                                LegacyKafkaProducerCloser closer) {
            List<ProducerListener> all = listeners.orderedStream().toList();
            ProducerListener listener = switch (all.size()) {
                case 0 -> null;
                case 1 -> all.get(0);
                default -> new CompositeProducerListener(all);
            };
            return closer.manage(new LegacyKafkaProducer(config, listener));
        }
    }

    /**
     * Keeps every {@code legacykafka.security.*} password (SASL, trust store, key store, key, private
     * key), and every named producer's ({@code legacykafka.producers.<name>.security.*}), out of
     * /actuator/configprops and /actuator/env, whatever show-values says.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
    static class SanitizingConfiguration {

        private static final String SECURITY_PREFIX = "legacykafkasecurity";

        private static final String NAMED_PREFIX = "legacykafkaproducers";

        @Bean
        SanitizingFunction legacyKafkaPasswordSanitizingFunction() {
            return SanitizingFunction.sanitizeValue().ifKeyMatches(SanitizingConfiguration::isPasswordKey);
        }

        /**
         * Whether a key names one of the passwords, in any form: {@code legacykafka.security.ssl.key-store-password}
         * as written, {@code keyStorePassword} under its prefix in /actuator/configprops, or
         * {@code LEGACYKAFKA_SECURITY_SSL_KEY_STORE_PASSWORD} as /actuator/env shows an environment variable.
         */
        static boolean isPasswordKey(String key) {
            StringBuilder canonical = new StringBuilder(key.length());
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                if (Character.isLetterOrDigit(c)) {
                    canonical.append(Character.toLowerCase(c));
                }
            }
            if (!canonical.toString().endsWith("password")) {
                return false;
            }
            // A named producer's: legacykafka.producers.<name>.security.*password, in any form.
            return canonical.indexOf(SECURITY_PREFIX) == 0 || (canonical.indexOf(NAMED_PREFIX) == 0
                    && canonical.indexOf("security", NAMED_PREFIX.length()) > 0);
        }
    }
}
