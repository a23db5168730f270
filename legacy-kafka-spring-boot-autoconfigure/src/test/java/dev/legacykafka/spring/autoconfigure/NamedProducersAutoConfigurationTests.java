package dev.legacykafka.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.Acks;
import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.spring.LegacyKafkaRecord;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.LegacyKafkaTransactionManager;
import dev.legacykafka.spring.TransactionalProducerPool;
import dev.legacykafka.spring.autoconfigure.health.LegacyKafkaHealthContributorAutoConfiguration;
import dev.legacykafka.spring.autoconfigure.health.LegacyKafkaNamedProducersHealthAutoConfiguration;
import dev.legacykafka.spring.autoconfigure.metrics.LegacyKafkaMetricsAutoConfiguration;
import dev.legacykafka.spring.diagnostics.LegacyKafkaStartupDiagnostics;
import dev.legacykafka.spring.health.LegacyKafkaHealthIndicator;
import dev.legacykafka.spring.metrics.LegacyKafkaProducerMetrics;
import dev.legacykafka.spring.metrics.MicrometerProducerListener;
import dev.legacykafka.spring.metrics.SendTimerInstrumentation;
import dev.legacykafka.spring.serializer.ByteArrayRecordSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Several producers from {@code legacykafka.producers.<name>.*}: beans, defaults, meters, health, failures. */
class NamedProducersAutoConfigurationTests {

    private static final String UNREACHABLE = LegacyKafkaAutoConfigurationTests.UNREACHABLE;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LegacyKafkaAutoConfiguration.class,
                    LegacyKafkaNamedProducersAutoConfiguration.class))
            .withPropertyValues("legacykafka.startup.diagnostics=false");

    private final ApplicationContextRunner twoProducers = runner.withPropertyValues(
            "legacykafka.producers.old.bootstrap-servers=" + UNREACHABLE,
            "legacykafka.producers.old.api-version=2",
            "legacykafka.producers.modern.bootstrap-servers=127.0.0.1:2");

    @Test
    void eachNamedProducerGetsItsOwnProducerAndTemplateAndTheSingleProducerIsNotCreated() {
        twoProducers.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(LegacyKafkaProducer.class)).containsOnlyKeys(
                    "oldLegacyKafkaProducer", "modernLegacyKafkaProducer");
            assertThat(context.getBeansOfType(LegacyKafkaTemplate.class)).containsOnlyKeys(
                    "oldLegacyKafkaTemplate", "modernLegacyKafkaTemplate");
            assertThat(context).doesNotHaveBean(ProducerConfig.class);
            assertThat(context).doesNotHaveBean(LegacyKafkaTransactionManager.class);
            assertThat(context.getBean(NamedLegacyKafkaProducers.class).names()).containsExactly("old", "modern");
            LegacyKafkaTemplate<?, ?> old = context.getBean("oldLegacyKafkaTemplate", LegacyKafkaTemplate.class);
            assertThat(old.getProducer()).isSameAs(context.getBean("oldLegacyKafkaProducer"));
            assertThat(old.getProducer().config().bootstrapServers()).containsExactly(UNREACHABLE);
            assertThat(old.getProducer().config().pinnedProduceVersion()).isEqualTo(2);
            LegacyKafkaProducer modern = context.getBean("modernLegacyKafkaProducer", LegacyKafkaProducer.class);
            assertThat(modern.config().bootstrapServers()).containsExactly("127.0.0.1:2");
            assertThat(modern.config().pinnedProduceVersion()).isNull();
        });
    }

    @Test
    void qualifierIsTheProducerName() {
        twoProducers.withUserConfiguration(QualifiedUser.class).run(context -> {
            QualifiedUser user = context.getBean(QualifiedUser.class);
            assertThat(user.old).isSameAs(context.getBean("oldLegacyKafkaTemplate"));
            assertThat(user.modern).isSameAs(context.getBean("modernLegacyKafkaTemplate"));
            assertThat(user.modernProducer).isSameAs(context.getBean("modernLegacyKafkaProducer"));
        });
    }

    @Test
    void topLevelValuesAreDefaultsAndAProducersOwnValueWins() {
        runner.withPropertyValues("legacykafka.bootstrap-servers=" + UNREACHABLE, "legacykafka.producer.acks=1",
                        "legacykafka.producer.linger=20ms", "legacykafka.template.default-topic=orders",
                        "legacykafka.producer.value-serializer=byte-array",
                        "legacykafka.producers.a.producer.acks=all", "legacykafka.producers.a.template.default-topic=a-topic",
                        "legacykafka.producers.b.producer.batch-size=64KB")
                .run(context -> {
                    ProducerConfig a = producer(context, "a").config();
                    ProducerConfig b = producer(context, "b").config();
                    assertThat(a.bootstrapServers()).containsExactly(UNREACHABLE);
                    assertThat(b.bootstrapServers()).containsExactly(UNREACHABLE);
                    assertThat(a.acks()).isEqualTo(Acks.ALL);
                    assertThat(b.acks()).isEqualTo(Acks.LEADER);
                    assertThat(a.lingerMs()).isEqualTo(20);
                    assertThat(b.lingerMs()).isEqualTo(20);
                    assertThat(b.batchSize()).isEqualTo(64 * 1024);
                    assertThat(a.batchSize()).isEqualTo(16 * 1024);
                    assertThat(template(context, "a").getDefaultTopic()).isEqualTo("a-topic");
                    assertThat(template(context, "b").getDefaultTopic()).isEqualTo("orders");
                    // Spring's defaults of the first producer are not a second producer's values.
                    assertThat(context.getBean(LegacyKafkaProperties.class).getProducer().getAcks()).isEqualTo("1");
                    assertThat(template(context, "b").getProducer()).isNotSameAs(template(context, "a").getProducer());
                    assertThat(template(context, "b")).extracting("valueSerializer")
                            .isInstanceOf(ByteArrayRecordSerializer.class);
                });
    }

    @Test
    void clientIdIsTheNameUnlessSetAndIsPrefixedByATopLevelClientId() {
        twoProducers.withPropertyValues("legacykafka.producers.modern.client-id=orders-modern").run(context -> {
            assertThat(producer(context, "old").config().clientId()).isEqualTo("old");
            assertThat(producer(context, "modern").config().clientId()).isEqualTo("orders-modern");
        });
        twoProducers.withPropertyValues("legacykafka.client-id=orders").run(context -> {
            assertThat(producer(context, "old").config().clientId()).isEqualTo("orders-old");
            assertThat(producer(context, "modern").config().clientId()).isEqualTo("orders-modern");
        });
    }

    @Test
    void aPrimaryProducerTakesUnqualifiedInjectionPoints() {
        twoProducers.withPropertyValues("legacykafka.producers.modern.primary=true").run(context -> {
            assertThat(context.getBean(LegacyKafkaTemplate.class)).isSameAs(context.getBean("modernLegacyKafkaTemplate"));
            assertThat(context.getBean(LegacyKafkaProducer.class)).isSameAs(context.getBean("modernLegacyKafkaProducer"));
        });
    }

    @Test
    void aNamedTransactionalIdGoesToThePoolOnlyNotToTheProducerBean() {
        twoProducers.withPropertyValues("legacykafka.producers.modern.transactional-id=modern-tx",
                "legacykafka.producers.modern.template.allow-non-transactional=true").run(context -> {
            assertThat(context).hasNotFailed();
            LegacyKafkaProducer modern = context.getBean("modernLegacyKafkaProducer", LegacyKafkaProducer.class);
            // Two producers with id modern-tx would fence each other: the pool's is the only one.
            assertThat(modern.config().transactionalId()).isNull();
            LegacyKafkaTemplate<?, ?> template = context.getBean("modernLegacyKafkaTemplate", LegacyKafkaTemplate.class);
            assertThat(template.getProducer()).isSameAs(modern);
            assertThat(template.getTransactionalProducers()).isSameAs(
                    context.getBean("modernLegacyKafkaTransactionalProducerPool"));
            assertThat(template.getTransactionalProducers().getMaxProducers()).isEqualTo(1);
            assertThat(template.isAllowNonTransactional()).isTrue();
        });
    }

    @Test
    void aNamedTransactionalIdWithProduceV2StillFailsStartupNamingIt() {
        twoProducers.withPropertyValues("legacykafka.producers.old.transactional-id=old-tx").run(context ->
                assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("legacykafka.producers.old.transactional-id"));
    }

    @Test
    void transactionsPerNamedProducer() {
        twoProducers.withPropertyValues("legacykafka.producers.modern.transaction-id-prefix=modern-tx-").run(context -> {
            assertThat(context.getBeansOfType(LegacyKafkaTransactionManager.class))
                    .containsOnlyKeys("modernLegacyKafkaTransactionManager");
            assertThat(context.getBeansOfType(TransactionalProducerPool.class))
                    .containsOnlyKeys("modernLegacyKafkaTransactionalProducerPool");
            assertThat(template(context, "modern").isTransactional()).isTrue();
            assertThat(template(context, "old").isTransactional()).isFalse();
            assertThat(context.getBean("modernLegacyKafkaTransactionManager", LegacyKafkaTransactionManager.class))
                    .isNotNull();
        });
    }

    @Test
    void startupDiagnosticsPerProducer() {
        twoProducers.withPropertyValues("legacykafka.startup.diagnostics=true", "legacykafka.startup.timeout=200ms",
                "legacykafka.producers.modern.startup.diagnostics=false").run(context ->
                assertThat(context.getBeansOfType(LegacyKafkaStartupDiagnostics.class))
                        .containsOnlyKeys("oldLegacyKafkaStartupDiagnostics"));
    }

    @Test
    void metersCarryTheProducerName() {
        twoProducers.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        LegacyKafkaMetricsAutoConfiguration.class))
                .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
                    assertThat(context).doesNotHaveBean(MicrometerProducerListener.class);
                    assertThat(context).doesNotHaveBean(LegacyKafkaProducerMetrics.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    context.getBeansOfType(LegacyKafkaTemplate.class); // builds both
                    for (String name : List.of("old", "modern")) {
                        assertThat(registry.get(LegacyKafkaProducerMetrics.BUFFER_AVAILABLE).tag("producer", name)
                                .tag("client.id", name).gauge().value()).isEqualTo(32.0 * 1024 * 1024);
                    }
                    LegacyKafkaTemplate<?, ?> old = template(context, "old");
                    assertThat(old.getSendInstrumentation()).isInstanceOf(SendTimerInstrumentation.class);
                    old.getSendInstrumentation().start(LegacyKafkaRecord.of("t", "k", "v"), "old")
                            .success(new SendResult("t", 0, 1, -1, -1, 0, 2));
                    assertThat(registry.get(SendTimerInstrumentation.SEND).tag("producer", "old").tag("client.id", "old")
                            .timer().count()).isEqualTo(1);
                    NamedProducerMetrics metrics = context.getBean(NamedProducerMetrics.class);
                    metrics.listener("modern", "modern").onThrottle("b:9092", 5);
                    assertThat(registry.get(MicrometerProducerListener.THROTTLE_TIME).tag("producer", "modern")
                            .tag("client.id", "modern").timer().count()).isEqualTo(1);
                });
    }

    @Test
    void underObservationTheSendTimerStillCarriesTheProducerName() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        io.micrometer.observation.ObservationRegistry observations = io.micrometer.observation.ObservationRegistry.create();
        observations.observationConfig().observationHandler(
                new io.micrometer.core.instrument.observation.DefaultMeterObservationHandler(meters));
        twoProducers.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        LegacyKafkaMetricsAutoConfiguration.class,
                        dev.legacykafka.spring.autoconfigure.observation.LegacyKafkaObservationAutoConfiguration.class))
                .withPropertyValues("legacykafka.template.observation-enabled=true")
                .withBean(SimpleMeterRegistry.class, () -> meters)
                .withBean(io.micrometer.observation.ObservationRegistry.class, () -> observations).run(context -> {
                    for (String name : List.of("old", "modern")) {
                        LegacyKafkaTemplate<?, ?> template = template(context, name);
                        assertThat(template.getSendInstrumentation())
                                .isInstanceOf(dev.legacykafka.spring.observation.ObservationSendInstrumentation.class);
                        template.getSendInstrumentation().start(LegacyKafkaRecord.of("t", "k", "v"), name)
                                .success(new SendResult("t", 0, 1, -1, -1, 0, 2));
                    }
                    for (String name : List.of("old", "modern")) {
                        assertThat(meters.get(SendTimerInstrumentation.SEND).tag("producer", name).tag("client.id", name)
                                .timer().count()).as(name).isEqualTo(1);
                    }
                });
    }

    @Test
    void theApplicationsConnectionDetailsGoToThePrimaryProducerOnly() {
        LegacyKafkaConnectionDetails container = () -> List.of("container:9093");
        twoProducers.withPropertyValues("legacykafka.producers.modern.primary=true")
                .withBean(LegacyKafkaConnectionDetails.class, () -> container).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean("modernLegacyKafkaProducer", LegacyKafkaProducer.class).config()
                            .bootstrapServers()).containsExactly("container:9093");
                    assertThat(context.getBean("oldLegacyKafkaProducer", LegacyKafkaProducer.class).config()
                            .bootstrapServers()).containsExactly(UNREACHABLE);
                });
        // Without a primary, or with only the properties' own connection details, each keeps its properties.
        twoProducers.withBean(LegacyKafkaConnectionDetails.class, () -> container).run(context ->
                assertThat(context.getBean("modernLegacyKafkaProducer", LegacyKafkaProducer.class).config()
                        .bootstrapServers()).containsExactly("127.0.0.1:2"));
        twoProducers.withPropertyValues("legacykafka.producers.modern.primary=true",
                "legacykafka.bootstrap-servers=top-level:9092").run(context ->
                assertThat(context.getBean("modernLegacyKafkaProducer", LegacyKafkaProducer.class).config()
                        .bootstrapServers()).containsExactly("127.0.0.1:2"));
    }

    @Test
    void metricsCanBeSwitchedOffForOneProducer() {
        twoProducers.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        LegacyKafkaMetricsAutoConfiguration.class))
                .withPropertyValues("legacykafka.producers.old.metrics.enabled=false")
                .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
                    context.getBeansOfType(LegacyKafkaTemplate.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.find(LegacyKafkaProducerMetrics.BUFFER_AVAILABLE).tag("producer", "old").gauge())
                            .isNull();
                    assertThat(registry.find(LegacyKafkaProducerMetrics.BUFFER_AVAILABLE).tag("producer", "modern")
                            .gauge()).isNotNull();
                });
    }

    @Test
    void healthIsACompositeWithOneIndicatorPerProducer() {
        twoProducers.withConfiguration(AutoConfigurations.of(LegacyKafkaHealthContributorAutoConfiguration.class,
                        LegacyKafkaNamedProducersHealthAutoConfiguration.class))
                .withPropertyValues("legacykafka.health.timeout=500ms").run(context -> {
                    assertThat(context).doesNotHaveBean(LegacyKafkaHealthIndicator.class);
                    assertThat(context).doesNotHaveBean("legacykafkaHealthIndicator");
                    CompositeHealthContributor composite = context.getBean("legacykafkaHealthContributor",
                            CompositeHealthContributor.class);
                    assertThat(composite.stream().map(HealthContributors.Entry::name)).containsExactly("old", "modern");
                    LegacyKafkaHealthIndicator old = (LegacyKafkaHealthIndicator) composite.getContributor("old");
                    assertThat(old.health().getDetails()).containsEntry("clientId", "old").containsEntry("apiVersion", "2");
                });
    }

    @Test
    void withoutNamedProducersTheSingleProducerStaysAsItIs() {
        runner.withPropertyValues("legacykafka.bootstrap-servers=" + UNREACHABLE).run(context -> {
            assertThat(context).hasSingleBean(LegacyKafkaProducer.class).hasBean("legacyKafkaProducer")
                    .hasSingleBean(LegacyKafkaTemplate.class).hasBean("legacyKafkaTemplate")
                    .doesNotHaveBean(NamedLegacyKafkaProducers.class);
        });
    }

    // ---- failures ----------------------------------------------------------------------------------------------

    @Test
    void aNameThatCannotBeABeanNameFailsNamingIt() {
        runner.withPropertyValues("legacykafka.producers[old cluster].bootstrap-servers=" + UNREACHABLE)
                .run(context -> assertThat(analysis(context).getDescription())
                        .contains("Property: legacykafka.producers.old cluster")
                        .contains("a producer name must be a letter followed by letters, digits or '_'"));
    }

    @Test
    void twoProducersWithTheSameTransactionIdPrefixFailNamingTheSecond() {
        twoProducers.withPropertyValues("legacykafka.producers.old.api-version=auto",
                        "legacykafka.producers.old.transaction-id-prefix=tx-",
                        "legacykafka.producers.modern.transaction-id-prefix=tx-")
                .run(context -> assertThat(analysis(context).getDescription())
                        .contains("Property: legacykafka.producers.modern.transaction-id-prefix")
                        .contains("also used by legacykafka.producers.old.transaction-id-prefix"));
    }

    @Test
    void aTransactionIdPrefixInheritedByTwoProducersFailsSayingItIsInherited() {
        twoProducers.withPropertyValues("legacykafka.producers.old.api-version=auto", "legacykafka.transaction-id-prefix=tx-")
                .run(context -> assertThat(analysis(context).getDescription())
                        .contains("Property: legacykafka.producers.modern.transaction-id-prefix")
                        .contains("(inherited from legacykafka.transaction-id-prefix)"));
    }

    @Test
    void aFixedTransactionalIdInsideAnotherProducersPrefixRangeFails() {
        twoProducers.withPropertyValues("legacykafka.producers.old.api-version=auto",
                        "legacykafka.producers.old.transaction-id-prefix=tx-",
                        "legacykafka.producers.modern.transactional-id=tx-3")
                .run(context -> assertThat(analysis(context).getDescription())
                        .contains("Property: legacykafka.producers.modern.transactional-id")
                        .contains("transactional id 'tx-3' is also used by legacykafka.producers.old.transaction-id-prefix"));
    }

    @Test
    void transactionsOnAProducerPinnedToProduceV2FailNamingThatProducersProperty() {
        twoProducers.withPropertyValues("legacykafka.producers.old.transaction-id-prefix=old-tx-").run(context -> {
            FailureAnalysis analysis = analysis(context);
            assertThat(analysis.getDescription()).contains("Property: legacykafka.producers.old.transactional-id")
                    .contains("Value: 'old-tx-0'");
            assertThat(analysis.getDescription() + analysis.getAction()).doesNotContainPattern("(?<![.\\w])legacykafka\\.(?!producers)");
        });
    }

    @Test
    void anInvalidValueOfOneProducerIsNamedUnderItsPrefix() {
        twoProducers.withPropertyValues("legacykafka.producers.modern.producer.acks=2")
                .run(context -> assertThat(analysis(context).getDescription())
                        .contains("Property: legacykafka.producers.modern.producer.acks").contains("Value: '2'"));
    }

    @Test
    void twoPrimaryProducersFail() {
        twoProducers.withPropertyValues("legacykafka.producers.old.primary=true",
                        "legacykafka.producers.modern.primary=true")
                .run(context -> assertThat(analysis(context).getDescription())
                        .contains("Property: legacykafka.producers.modern.primary")
                        .contains("only one named producer can be primary"));
    }

    private static FailureAnalysis analysis(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        return LegacyKafkaFailureAnalyzers.analyze(context.getStartupFailure());
    }

    private static LegacyKafkaProducer producer(AssertableApplicationContext context, String name) {
        return context.getBean(NamedLegacyKafkaProducers.producerBeanName(name), LegacyKafkaProducer.class);
    }

    private static LegacyKafkaTemplate<?, ?> template(AssertableApplicationContext context, String name) {
        return context.getBean(NamedLegacyKafkaProducers.templateBeanName(name), LegacyKafkaTemplate.class);
    }

    @Configuration(proxyBeanMethods = false)
    static class QualifiedUser {

        LegacyKafkaTemplate<String, String> old;

        LegacyKafkaTemplate<String, byte[]> modern;

        LegacyKafkaProducer modernProducer;

        @Bean
        String qualifiedUserWiring(@Qualifier("old") LegacyKafkaTemplate<String, String> old,
                                   @Qualifier("modern") LegacyKafkaTemplate<String, byte[]> modern,
                                   @Qualifier("modern") LegacyKafkaProducer modernProducer) {
            this.old = old;
            this.modern = modern;
            this.modernProducer = modernProducer;
            return "wired";
        }
    }
}
