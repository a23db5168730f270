package dev.legacykafka.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.SendResult;
import dev.legacykafka.spring.LegacyKafkaRecord;
import dev.legacykafka.spring.LegacyKafkaSendListener;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.autoconfigure.metrics.LegacyKafkaMetricsAutoConfiguration;
import dev.legacykafka.spring.autoconfigure.observation.LegacyKafkaObservationAutoConfiguration;
import dev.legacykafka.spring.metrics.SendTimerInstrumentation;
import dev.legacykafka.spring.observation.LegacyKafkaSenderContext;
import dev.legacykafka.spring.observation.LegacyKafkaTemplateObservationConvention;
import dev.legacykafka.spring.observation.ObservationSendInstrumentation;
import dev.legacykafka.spring.support.LoggingSendListener;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class TemplateObservabilityAutoConfigurationTests {

    /** A producer whose sends fail fast: no broker listens on port 1. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, LegacyKafkaAutoConfiguration.class,
                    LegacyKafkaMetricsAutoConfiguration.class, LegacyKafkaObservationAutoConfiguration.class))
            .withPropertyValues("legacykafka.bootstrap-servers=127.0.0.1:1", "legacykafka.startup.diagnostics=false",
                    "legacykafka.client-id=observe-test", "legacykafka.producer.max-block=100ms");

    @Test
    void failedSendsAreLoggedByDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(LoggingSendListener.class);
            assertThat(template(context).getSendListeners()).containsExactly(context.getBean(LoggingSendListener.class));
        });
    }

    @Test
    void failedSendLoggingCanBeTurnedOff() {
        runner.withPropertyValues("legacykafka.template.log-failed-sends=false").run(context -> {
            assertThat(context).doesNotHaveBean(LoggingSendListener.class);
            assertThat(template(context).getSendListeners()).isEmpty();
        });
    }

    @Test
    void everySendListenerBeanHearsSendsInOrder() {
        runner.withUserConfiguration(Listeners.class).run(context -> {
            List<LegacyKafkaSendListener> listeners = template(context).getSendListeners();
            assertThat(listeners).hasSize(3);
            assertThat(listeners.subList(0, 2)).containsExactly(context.getBean("first", LegacyKafkaSendListener.class),
                    context.getBean("second", LegacyKafkaSendListener.class));
            failOneSend(context);
            assertThat(context.getBean(Listeners.class).heard).containsExactly("first events", "second events");
        });
    }

    @Test
    void sendsAreTimedWhenAMeterRegistryExists() {
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(template(context).getSendInstrumentation()).isInstanceOf(SendTimerInstrumentation.class);
            failOneSend(context);
            assertThat(context.getBean(MeterRegistry.class).get(SendTimerInstrumentation.SEND)
                    .tags("client.id", "observe-test", "topic", "events", "outcome", "failure",
                            "error", "TimeoutException").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void metricsReadsTheProducersMetersFromTheRegistry() {
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            failOneSend(context);
            List<dev.legacykafka.spring.ProducerMetric> metrics = template(context).metrics();
            assertThat(metrics).allSatisfy(metric -> assertThat(metric.tags()).containsEntry("client.id", "observe-test"));
            assertThat(metrics).anySatisfy(metric -> {
                assertThat(metric.name()).isEqualTo(SendTimerInstrumentation.SEND);
                assertThat(metric.tags()).containsEntry("outcome", "failure");
                assertThat(metric.values()).containsEntry("count", 1.0).containsKeys("total_time", "max");
            });
            assertThat(metrics).anySatisfy(metric -> {
                assertThat(metric.name()).isEqualTo("legacykafka.producer.buffer.available");
                assertThat(metric.values()).containsEntry("value", 32.0 * 1024 * 1024);
            });
        });
    }

    @Test
    void withoutARegistryMetricsSaysWhatTheProducerKnows() {
        runner.run(context -> assertThat(template(context).metrics()).singleElement().satisfies(metric -> {
            assertThat(metric.name()).isEqualTo("legacykafka.producer.buffer.available");
            assertThat(metric.tags()).containsEntry("client.id", "observe-test");
        }));
    }

    @Test
    void noTimerWithoutAMeterRegistry() {
        runner.run(context -> assertThat(template(context).getSendInstrumentation())
                .isSameAs(dev.legacykafka.spring.SendInstrumentation.NONE));
    }

    @Test
    void observationReplacesTheTimerWhenEnabled() {
        TestObservationRegistry observations = TestObservationRegistry.create();
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(ObservationRegistry.class, () -> observations)
                .withPropertyValues("legacykafka.template.observation-enabled=true").run(context -> {
                    assertThat(template(context).getSendInstrumentation())
                            .isInstanceOf(ObservationSendInstrumentation.class);
                    failOneSend(context);
                    TestObservationRegistryAssert.assertThat(observations)
                            .hasObservationWithNameEqualTo("legacykafka.template.send").that()
                            .hasLowCardinalityKeyValue("client.id", "observe-test")
                            .hasLowCardinalityKeyValue("outcome", "failure")
                            .assertThatError().isInstanceOf(dev.legacykafka.client.errors.TimeoutException.class);
                });
    }

    @Test
    void observationIsOffByDefaultEvenWithARegistry() {
        runner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
                .run(context -> assertThat(context).doesNotHaveBean(LegacyKafkaObservationAutoConfiguration.class));
    }

    @Test
    void aConventionBeanIsHonoured() {
        TestObservationRegistry observations = TestObservationRegistry.create();
        runner.withBean(ObservationRegistry.class, () -> observations)
                .withBean(LegacyKafkaTemplateObservationConvention.class, TenantConvention::new)
                .withPropertyValues("legacykafka.template.observation-enabled=true").run(context -> {
                    failOneSend(context);
                    TestObservationRegistryAssert.assertThat(observations)
                            .hasObservationWithNameEqualTo("events.published").that()
                            .hasLowCardinalityKeyValue("tenant", "acme");
                });
    }

    @Test
    void serializerRouteBeansGoAheadOfThePropertiesSerializers() {
        runner.withBean("invoices", dev.legacykafka.spring.serializer.RecordSerializerRoute.class,
                () -> dev.legacykafka.spring.serializer.RecordSerializerRoute.valuesOfTopic("invoices",
                        (topic, data) -> ("invoice " + data).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .withBean("longKeys", dev.legacykafka.spring.serializer.RecordSerializerRoute.class,
                        () -> dev.legacykafka.spring.serializer.RecordSerializerRoute.keysOfType(Long.class,
                                (topic, data) -> java.nio.ByteBuffer.allocate(8).putLong(data).array()))
                .run(context -> {
                    dev.legacykafka.spring.serializer.RecordSerializer<Object> values = context.getBean(
                            LegacyKafkaAutoConfiguration.VALUE_SERIALIZER_BEAN,
                            dev.legacykafka.spring.serializer.RecordSerializer.class);
                    assertThat(new String(values.serialize("invoices", "7"))).isEqualTo("invoice 7");
                    assertThat(new String(values.serialize("orders", "7"))).isEqualTo("7");
                    dev.legacykafka.spring.serializer.RecordSerializer<Object> keys = context.getBean(
                            LegacyKafkaAutoConfiguration.KEY_SERIALIZER_BEAN,
                            dev.legacykafka.spring.serializer.RecordSerializer.class);
                    assertThat(keys.serialize("orders", 1L)).hasSize(8);
                    assertThat(new String(keys.serialize("orders", "k"))).isEqualTo("k");
                });
    }

    private static LegacyKafkaTemplate<?, ?> template(org.springframework.context.ApplicationContext context) {
        return context.getBean(LegacyKafkaTemplate.class);
    }

    @SuppressWarnings("unchecked")
    private static void failOneSend(org.springframework.context.ApplicationContext context) throws Exception {
        LegacyKafkaTemplate<Object, Object> template = context.getBean(LegacyKafkaTemplate.class);
        template.send(LegacyKafkaRecord.of("events", "k", "v")).handle((result, error) -> null).get(10, TimeUnit.SECONDS);
    }

    static class TenantConvention implements LegacyKafkaTemplateObservationConvention {

        @Override
        public String getName() {
            return "events.published";
        }

        @Override
        public KeyValues getLowCardinalityKeyValues(LegacyKafkaSenderContext context) {
            return KeyValues.of("tenant", "acme");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {

        final List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Bean
        @Order(2)
        LegacyKafkaSendListener second() {
            return recording("second");
        }

        @Bean
        @Order(1)
        LegacyKafkaSendListener first() {
            return recording("first");
        }

        private LegacyKafkaSendListener recording(String name) {
            return new LegacyKafkaSendListener() {
                @Override
                public void onError(LegacyKafkaRecord<?, ?> record, Throwable exception) {
                    heard.add(name + " " + record.topic());
                }

                @Override
                public void onSuccess(LegacyKafkaRecord<?, ?> record, SendResult result) {
                    heard.add(name + " ok");
                }
            };
        }
    }
}
