package dev.legacykafka.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.Acks;
import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.PartitionerType;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerListener;
import dev.legacykafka.client.errors.ProducerClosedException;
import dev.legacykafka.client.errors.TimeoutException;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.diagnostics.LegacyKafkaStartupDiagnostics;
import dev.legacykafka.spring.serializer.ByteArrayRecordSerializer;
import dev.legacykafka.spring.serializer.JsonRecordSerializer;
import dev.legacykafka.spring.serializer.RecordSerializer;
import dev.legacykafka.spring.serializer.StringRecordSerializer;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

class LegacyKafkaAutoConfigurationTests {

    /** Nothing listens on port 1: connections are refused at once. */
    static final String UNREACHABLE = "127.0.0.1:1";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LegacyKafkaAutoConfiguration.class))
            .withPropertyValues("legacykafka.bootstrap-servers=" + UNREACHABLE, "legacykafka.startup.diagnostics=false");

    @Test
    void defaultsCreateProducerTemplateAndPropertiesBackedConnectionDetails() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(LegacyKafkaAutoConfiguration.class))
                .withPropertyValues("legacykafka.startup.diagnostics=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(LegacyKafkaProperties.class);
                    assertThat(context).hasSingleBean(PropertiesLegacyKafkaConnectionDetails.class);
                    assertThat(context).hasSingleBean(ProducerConfig.class);
                    assertThat(context).hasSingleBean(LegacyKafkaProducer.class);
                    assertThat(context).hasSingleBean(LegacyKafkaProducerCloser.class);
                    assertThat(context).hasSingleBean(LegacyKafkaTemplate.class);
                    assertThat(context.getBean(LegacyKafkaAutoConfiguration.KEY_SERIALIZER_BEAN))
                            .isInstanceOf(StringRecordSerializer.class);
                    assertThat(context.getBean(LegacyKafkaAutoConfiguration.VALUE_SERIALIZER_BEAN))
                            .isInstanceOf(StringRecordSerializer.class);
                    ProducerConfig config = context.getBean(ProducerConfig.class);
                    assertThat(config.bootstrapServers()).containsExactly("localhost:9092");
                    assertThat(context.getBean(LegacyKafkaProducer.class).config()).isSameAs(config);
                    assertThat(context.getBean(LegacyKafkaTemplate.class).getDefaultTopic()).isNull();
                });
    }

    @Test
    void defaultPropertiesGiveTheClientsOwnDefaults() {
        runner.run(context -> assertSameSettings(context.getBean(ProducerConfig.class),
                ProducerConfig.builder().bootstrapServers(UNREACHABLE).build()));
    }

    @Test
    void startupDiagnosticsAreOnByDefaultAndCanBeSwitchedOff() {
        runner.withPropertyValues("legacykafka.startup.diagnostics=true")
                .run(context -> assertThat(context).hasSingleBean(LegacyKafkaStartupDiagnostics.class));
        runner.run(context -> assertThat(context).doesNotHaveBean(LegacyKafkaStartupDiagnostics.class));
    }

    @Test
    void everyPropertyReachesTheProducerConfig() {
        runner.withPropertyValues("legacykafka.bootstrap-servers=127.0.0.1:1,127.0.0.1:2",
                        "legacykafka.client-id=orders-app", "legacykafka.api-version=5",
                        "legacykafka.broker-version-fallback=0.9.0", "legacykafka.metadata-max-age=2m",
                        "legacykafka.producer.acks=1", "legacykafka.producer.linger=20ms",
                        "legacykafka.producer.batch-size=64KB", "legacykafka.producer.buffer-memory=8MB",
                        "legacykafka.producer.max-block=3s", "legacykafka.producer.compression=gzip",
                        "legacykafka.producer.retries=3", "legacykafka.producer.retry-backoff=250ms",
                        "legacykafka.producer.retry-backoff-max=2s", "legacykafka.producer.request-timeout=2s",
                        "legacykafka.producer.delivery-timeout=10s", "legacykafka.producer.max-in-flight=1",
                        "legacykafka.producer.max-request-size=2MB", "legacykafka.producer.partitioner=crc32",
                        "legacykafka.producer.connect-timeout=1500ms", "legacykafka.template.default-topic=orders")
                .run(context -> {
                    ProducerConfig config = context.getBean(ProducerConfig.class);
                    assertThat(config.bootstrapServers()).containsExactly("127.0.0.1:1", "127.0.0.1:2");
                    assertThat(config.clientId()).isEqualTo("orders-app");
                    assertThat(config.pinnedProduceVersion()).isEqualTo(5);
                    assertThat(config.brokerVersionFallback()).isEqualTo("0.9.0");
                    assertThat(config.metadataMaxAgeMs()).isEqualTo(120_000);
                    assertThat(config.acks()).isEqualTo(Acks.LEADER);
                    assertThat(config.lingerMs()).isEqualTo(20);
                    assertThat(config.batchSize()).isEqualTo(64 * 1024);
                    assertThat(config.bufferMemory()).isEqualTo(8L * 1024 * 1024);
                    assertThat(config.maxBlockMs()).isEqualTo(3000);
                    assertThat(config.compression()).isEqualTo(CompressionType.GZIP);
                    assertThat(config.retries()).isEqualTo(3);
                    assertThat(config.retryBackoffMs()).isEqualTo(250);
                    assertThat(config.retryBackoffMaxMs()).isEqualTo(2000);
                    assertThat(config.requestTimeoutMs()).isEqualTo(2000);
                    assertThat(config.deliveryTimeoutMs()).isEqualTo(10_000);
                    assertThat(config.maxInFlightRequestsPerConnection()).isEqualTo(1);
                    assertThat(config.maxRequestSize()).isEqualTo(2 * 1024 * 1024);
                    assertThat(config.partitioner()).isEqualTo(PartitionerType.CRC32);
                    assertThat(config.connectTimeoutMs()).isEqualTo(1500);
                    assertThat(context.getBean(LegacyKafkaTemplate.class).getDefaultTopic()).isEqualTo("orders");
                });
    }

    @Test
    void relaxedNamesBind() {
        runner.withPropertyValues("legacykafka.api-version=AUTO", "legacykafka.producer.acks=all",
                        "legacykafka.producer.partitioner=round-robin", "legacykafka.producer.key-serializer=byte-array")
                .run(context -> {
                    ProducerConfig config = context.getBean(ProducerConfig.class);
                    assertThat(config.pinnedProduceVersion()).isNull();
                    assertThat(config.partitioner()).isEqualTo(PartitionerType.ROUND_ROBIN);
                    assertThat(context.getBean(LegacyKafkaAutoConfiguration.KEY_SERIALIZER_BEAN))
                            .isInstanceOf(ByteArrayRecordSerializer.class);
                });
    }

    @Test
    void customizersRunAfterThePropertiesInOrder() {
        runner.withPropertyValues("legacykafka.producer.linger=20ms").withUserConfiguration(CustomizerConfig.class)
                .run(context -> assertThat(context.getBean(ProducerConfig.class).lingerMs()).isEqualTo(7));
    }

    @Test
    void backsOffFromUserConnectionDetails() {
        runner.withBean(LegacyKafkaConnectionDetails.class, () -> () -> List.of("127.0.0.1:3"))
                .run(context -> {
                    assertThat(context).doesNotHaveBean(PropertiesLegacyKafkaConnectionDetails.class);
                    assertThat(context.getBean(ProducerConfig.class).bootstrapServers()).containsExactly("127.0.0.1:3");
                });
    }

    @Test
    void backsOffFromUserProducerConfig() {
        ProducerConfig own = ProducerConfig.builder().bootstrapServers("127.0.0.1:4").clientId("own").build();
        runner.withBean(ProducerConfig.class, () -> own)
                .run(context -> assertThat(context.getBean(LegacyKafkaProducer.class).config()).isSameAs(own));
    }

    @Test
    void backsOffFromUserProducerAndLeavesItsClosingToTheUser() {
        runner.withUserConfiguration(UserProducerConfig.class).run(context -> {
            assertThat(context).hasSingleBean(LegacyKafkaProducer.class);
            assertThat(context).doesNotHaveBean(LegacyKafkaProducerCloser.class);
            assertThat(context.getBean(LegacyKafkaProducer.class).config().clientId()).isEqualTo("user-producer");
            assertThat(context.getBean(LegacyKafkaTemplate.class).getProducer())
                    .isSameAs(context.getBean(LegacyKafkaProducer.class));
        });
    }

    @Test
    void backsOffFromUserTemplateAndSerializers() {
        RecordSerializer<Object> own = (topic, data) -> new byte[] {1};
        runner.withUserConfiguration(UserTemplateConfig.class)
                .run(context -> assertThat(context.getBean(LegacyKafkaTemplate.class))
                        .isSameAs(context.getBean("myTemplate")));
        runner.withBean(LegacyKafkaAutoConfiguration.VALUE_SERIALIZER_BEAN, RecordSerializer.class, () -> own)
                .run(context -> assertThat(context.getBean(LegacyKafkaAutoConfiguration.VALUE_SERIALIZER_BEAN))
                        .isSameAs(own));
    }

    @Test
    void backsOffFromUserStartupDiagnostics() {
        runner.withPropertyValues("legacykafka.startup.diagnostics=true")
                .withUserConfiguration(UserDiagnosticsConfig.class)
                .run(context -> assertThat(context.getBean(LegacyKafkaStartupDiagnostics.class))
                        .isSameAs(context.getBean("myDiagnostics")));
    }

    @Test
    void nothingWithoutTheClient() {
        runner.withClassLoader(new FilteredClassLoader(LegacyKafkaProducer.class))
                .run(context -> {
                    assertThat(context).doesNotHaveBean(LegacyKafkaTemplate.class);
                    assertThat(context).doesNotHaveBean(LegacyKafkaProperties.class);
                });
    }

    @Test
    void jsonSerializerUsesTheApplicationsJsonMapper() {
        JsonMapper mapper = JsonMapper.builder().build();
        runner.withPropertyValues("legacykafka.producer.value-serializer=json")
                .withBean(JsonMapper.class, () -> mapper)
                .run(context -> {
                    Object serializer = context.getBean(LegacyKafkaAutoConfiguration.VALUE_SERIALIZER_BEAN);
                    assertThat(serializer).isInstanceOf(JsonRecordSerializer.class)
                            .extracting("jsonMapper").isSameAs(mapper);
                    byte[] json = ((JsonRecordSerializer) serializer).serialize("t", Map.of("id", 7));
                    assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"id\":7}");
                });
    }

    @Test
    void jsonSerializerWithoutAnApplicationMapperUsesJacksonsDefault() {
        runner.withPropertyValues("legacykafka.producer.key-serializer=json")
                .run(context -> assertThat(context.getBean(LegacyKafkaAutoConfiguration.KEY_SERIALIZER_BEAN))
                        .isInstanceOf(JsonRecordSerializer.class).extracting("jsonMapper")
                        .isSameAs(JsonMapper.shared()));
    }

    @Test
    void jsonSerializerWithoutJacksonFailsNamingTheProperty() {
        runner.withPropertyValues("legacykafka.producer.value-serializer=json")
                .withClassLoader(new FilteredClassLoader("tools.jackson"))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidLegacyKafkaPropertyException.class)
                        .hasMessageContaining("legacykafka.producer.value-serializer")
                        .hasMessageContaining("tools.jackson.core:jackson-databind"));
    }

    @Test
    void everyProducerListenerBeanHearsTheProducer() {
        runner.withPropertyValues("legacykafka.producer.max-block=100ms")
                .withUserConfiguration(ListenersConfig.class).run(context -> {
                    @SuppressWarnings("unchecked")
                    LegacyKafkaTemplate<String, String> template = context.getBean(LegacyKafkaTemplate.class);
                    CompletableFuture<?> send = template.send("events", "x");
                    assertThatThrownBy(() -> send.get(10, TimeUnit.SECONDS))
                            .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TimeoutException.class);
                    // The later-ordered listener was registered first: order comes from @Order.
                    assertThat(ListenersConfig.heard).containsExactly("first:events", "second:events");
                });
    }

    @Test
    void producerIsClosedWithTheContextAndLaterSendsFailClearly() {
        runner.run(context -> {
            @SuppressWarnings("unchecked")
            LegacyKafkaTemplate<String, String> template = context.getBean(LegacyKafkaTemplate.class);
            context.close();
            CompletableFuture<?> send = template.send("events", "late");
            assertThat(send).isCompletedExceptionally();
            assertThatThrownBy(send::join).cause().isInstanceOf(ProducerClosedException.class);
        });
    }

    @Test
    void closeTimeoutBoundsShutdown() {
        runner.withPropertyValues("legacykafka.producer.close-timeout=200ms").run(context -> {
            LegacyKafkaProducerCloser closer = context.getBean(LegacyKafkaProducerCloser.class);
            assertThat(closer).extracting("closeTimeout").isEqualTo(Duration.ofMillis(200));
        });
    }

    @Test
    void passwordStaysOutOfToString() {
        runner.withPropertyValues("legacykafka.security.sasl.password=s3cr3t-pa55")
                .run(context -> {
                    // It fails (a SASL setting with PLAINTEXT), but the bound properties must not show the secret.
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageNotContaining("s3cr3t-pa55");
                });
        LegacyKafkaProperties properties = new LegacyKafkaProperties();
        properties.getSecurity().getSasl().setPassword("s3cr3t-pa55");
        assertThat(properties.getSecurity().getSasl().toString()).doesNotContain("s3cr3t-pa55").contains("******");
        assertThat(properties.toString()).doesNotContain("s3cr3t-pa55");
        LegacyKafkaProperties.Ssl ssl = properties.getSecurity().getSsl();
        ssl.setTrustStorePassword("s3cr3t-pa55");
        ssl.setKeyStorePassword("s3cr3t-pa55");
        ssl.setKeyPassword("s3cr3t-pa55");
        ssl.setPrivateKeyPassword("s3cr3t-pa55");
        assertThat(properties.getSecurity().toString()).doesNotContain("s3cr3t-pa55").contains("trustStorePassword=******")
                .contains("keyStorePassword=******").contains("keyPassword=******")
                .contains("privateKeyPassword=******");
    }

    static void assertSameSettings(ProducerConfig actual, ProducerConfig expected) throws Exception {
        for (Method method : ProducerConfig.class.getDeclaredMethods()) {
            if (method.getParameterCount() == 0 && java.lang.reflect.Modifier.isPublic(method.getModifiers())
                    && !java.lang.reflect.Modifier.isStatic(method.getModifiers())
                    && !List.of("clientId", "toString", "hashCode").contains(method.getName())) {
                assertThat(method.invoke(actual)).as(method.getName()).isEqualTo(method.invoke(expected));
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizerConfig {

        @Bean
        @Order(2)
        LegacyKafkaProducerConfigCustomizer second() {
            return builder -> builder.lingerMs(7);
        }

        @Bean
        @Order(1)
        LegacyKafkaProducerConfigCustomizer first() {
            return builder -> builder.lingerMs(3);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserProducerConfig {

        @Bean
        LegacyKafkaProducer userProducer() {
            return new LegacyKafkaProducer(ProducerConfig.builder().bootstrapServers(UNREACHABLE)
                    .clientId("user-producer").build());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserTemplateConfig {

        @Bean
        LegacyKafkaTemplate<String, byte[]> myTemplate(LegacyKafkaProducer producer) {
            return new LegacyKafkaTemplate<>(producer, new StringRecordSerializer(), new ByteArrayRecordSerializer());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserDiagnosticsConfig {

        @Bean
        LegacyKafkaStartupDiagnostics myDiagnostics(LegacyKafkaProducer producer) {
            return new LegacyKafkaStartupDiagnostics(producer, Duration.ofMillis(1), false);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ListenersConfig {

        static final List<String> heard = new CopyOnWriteArrayList<>();

        @Bean
        @Order(2)
        ProducerListener secondListener() {
            return new ProducerListener() {
                @Override
                public void onRecordsFailed(String topic, int records, String error) {
                    heard.add("second:" + topic);
                }
            };
        }

        @Bean
        @Order(1)
        ProducerListener firstListener() {
            return new ProducerListener() {
                @Override
                public void onRecordsFailed(String topic, int records, String error) {
                    heard.add("first:" + topic);
                }
            };
        }
    }
}
