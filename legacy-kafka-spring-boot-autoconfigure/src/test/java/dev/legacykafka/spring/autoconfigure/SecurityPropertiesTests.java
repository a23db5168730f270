package dev.legacykafka.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.security.SaslMechanism;
import dev.legacykafka.client.security.SaslSettings;
import dev.legacykafka.client.security.SecurityProtocol;
import dev.legacykafka.client.security.TlsSettings;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * legacykafka.security.* and the connection details' protocol and SSL bundle, mapped onto the
 * client's TLS and SASL settings; every contradiction or ignored setting stops startup naming the
 * properties, and no password ever shows.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecurityPropertiesTests {

    static final String SECRET = "s3cr3t-pa55";

    static final String CA_BUNDLE = "spring.ssl.bundle.pem.kafka.truststore.certificate=classpath:" + TestTlsFiles.CA_RESOURCE;

    @TempDir
    static Path dir;

    static TestTlsFiles files;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LegacyKafkaAutoConfiguration.class, SslAutoConfiguration.class))
            .withPropertyValues("legacykafka.bootstrap-servers=127.0.0.1:1", "legacykafka.startup.diagnostics=false");

    @BeforeAll
    static void makeFiles() {
        files = TestTlsFiles.create(dir);
    }

    @Test
    void plaintextByDefaultWithoutTlsOrSasl() {
        runner.run(context -> {
            ProducerConfig config = context.getBean(ProducerConfig.class);
            assertThat(config.securityProtocol()).isEqualTo(SecurityProtocol.PLAINTEXT);
            assertThat(config.tls()).isNull();
            assertThat(config.sasl()).isNull();
            assertThat(context.getBean(LegacyKafkaConnectionDetails.class).getSslBundle()).isNull();
        });
    }

    @Test
    void sslWithoutMoreUsesTheJdkDefaults() {
        runner.withPropertyValues("legacykafka.security.protocol=SSL").run(context -> {
            TlsSettings tls = context.getBean(ProducerConfig.class).tls();
            assertThat(tls.sslContext()).isNull();
            assertThat(tls.trustStore()).isNull();
            assertThat(tls.trustCertificates()).isNull();
            assertThat(tls.keyStore()).isNull();
            assertThat(tls.pemKey()).isNull();
            assertThat(tls.hostnameVerification()).isTrue();
            assertThat(tls.protocols()).isEmpty();
        });
    }

    @Test
    void protocolBindsRelaxed() {
        runner.withPropertyValues("legacykafka.security.protocol=sasl-ssl", "legacykafka.security.sasl.mechanism=PLAIN",
                "legacykafka.security.sasl.username=app", "legacykafka.security.sasl.password=" + SECRET)
                .run(context -> assertThat(context.getBean(ProducerConfig.class).securityProtocol())
                        .isEqualTo(SecurityProtocol.SASL_SSL));
    }

    @Test
    void sslBundleGivesTheProducerItsSslContext() {
        runner.withPropertyValues(CA_BUNDLE, "legacykafka.security.protocol=SSL", "legacykafka.security.ssl.bundle=kafka")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SslBundle bundle = context.getBean(LegacyKafkaConnectionDetails.class).getSslBundle();
                    assertThat(bundle).isNotNull();
                    assertThat(bundle.getStores().getTrustStore().size()).isEqualTo(1);
                    TlsSettings tls = context.getBean(ProducerConfig.class).tls();
                    assertThat(tls.sslContext()).isNotNull();
                    assertThat(tls.sslContext().getProtocol()).isEqualTo("TLS");
                    assertThat(tls.trustStore()).isNull();
                    assertThat(tls.trustCertificates()).isNull();
                    assertThat(tls.hostnameVerification()).isTrue();
                    assertThat(tls.protocols()).isEmpty();
                    assertThat(tls.cipherSuites()).isEmpty();
                });
    }

    @Test
    void sslBundleOptionsGiveProtocolsAndCiphers() {
        runner.withPropertyValues(CA_BUNDLE, "spring.ssl.bundle.pem.kafka.options.enabled-protocols=TLSv1.3",
                        "spring.ssl.bundle.pem.kafka.options.ciphers=TLS_AES_256_GCM_SHA384,TLS_AES_128_GCM_SHA256",
                        "legacykafka.security.protocol=SSL", "legacykafka.security.ssl.bundle=kafka",
                        "legacykafka.security.ssl.hostname-verification=false")
                .run(context -> {
                    TlsSettings tls = context.getBean(ProducerConfig.class).tls();
                    assertThat(tls.sslContext()).isNotNull();
                    assertThat(tls.protocols()).containsExactly("TLSv1.3");
                    assertThat(tls.cipherSuites()).containsExactly("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256");
                    assertThat(tls.hostnameVerification()).isFalse();
                });
    }

    @Test
    void sslBundleOptionsAndOwnProtocolsConflict() {
        runner.withPropertyValues(CA_BUNDLE, "spring.ssl.bundle.pem.kafka.options.enabled-protocols=TLSv1.3",
                        "legacykafka.security.protocol=SSL", "legacykafka.security.ssl.bundle=kafka",
                        "legacykafka.security.ssl.protocols=TLSv1.2")
                .run(context -> assertFailure(context, "legacykafka.security.ssl.protocols", "TLSv1.2",
                        "options.enabled-protocols", "TLSv1.3", "one place only"));
    }

    @Test
    void sslBundleWithOwnProtocolsWhenTheBundleHasNone() {
        runner.withPropertyValues(CA_BUNDLE, "legacykafka.security.protocol=SASL_SSL",
                        "legacykafka.security.ssl.bundle=kafka", "legacykafka.security.ssl.protocols=TLSv1.3,TLSv1.2",
                        "legacykafka.security.ssl.cipher-suites=TLS_AES_128_GCM_SHA256",
                        "legacykafka.security.sasl.mechanism=SCRAM-SHA-512", "legacykafka.security.sasl.username=app",
                        "legacykafka.security.sasl.password=" + SECRET)
                .run(context -> {
                    TlsSettings tls = context.getBean(ProducerConfig.class).tls();
                    assertThat(tls.sslContext()).isNotNull();
                    assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
                    assertThat(tls.cipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256");
                });
    }

    @Test
    void sslBundleTogetherWithFileSettingsFailsNamingBoth() {
        runner.withPropertyValues(CA_BUNDLE, "legacykafka.security.protocol=SSL", "legacykafka.security.ssl.bundle=kafka",
                        "legacykafka.security.ssl.trust-certificates=" + TestTlsFiles.file(files.caPem),
                        "legacykafka.security.ssl.key-store-password=" + SECRET)
                .run(context -> assertFailure(context, "legacykafka.security.ssl.bundle", "kafka",
                        "legacykafka.security.ssl.trust-certificates", "legacykafka.security.ssl.key-store-password",
                        "remove either the bundle or those settings"));
    }

    @Test
    void unknownSslBundleFailsNamingItAndTheDefinedOnes() {
        runner.withPropertyValues(CA_BUNDLE, "legacykafka.security.protocol=SSL", "legacykafka.security.ssl.bundle=kafak")
                .run(context -> assertFailure(context, "legacykafka.security.ssl.bundle", "kafak",
                        "no SSL bundle is named 'kafak'", "spring.ssl.bundle.pem.kafak", "defined bundles: kafka"));
    }

    @Test
    void sslBundleWithoutSslAutoConfigurationFailsSayingSo() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(LegacyKafkaAutoConfiguration.class))
                .withPropertyValues("legacykafka.bootstrap-servers=127.0.0.1:1", "legacykafka.startup.diagnostics=false",
                        "legacykafka.security.protocol=SSL", "legacykafka.security.ssl.bundle=kafka")
                .run(context -> assertFailure(context, "legacykafka.security.ssl.bundle", "kafka",
                        "no SslBundles bean"));
    }

    @Test
    void trustStoreAndKeyStoreFilesMapToTlsSettings() {
        runner.withPropertyValues("legacykafka.security.protocol=SSL",
                        "legacykafka.security.ssl.trust-store-location=" + TestTlsFiles.file(files.trustStore),
                        "legacykafka.security.ssl.trust-store-type=JKS",
                        "legacykafka.security.ssl.trust-store-password=" + TestTlsFiles.STORE_PASSWORD,
                        "legacykafka.security.ssl.key-store-location=" + TestTlsFiles.file(files.keyStore),
                        "legacykafka.security.ssl.key-store-type=PKCS12",
                        "legacykafka.security.ssl.key-store-password=" + TestTlsFiles.STORE_PASSWORD,
                        "legacykafka.security.ssl.key-password=" + TestTlsFiles.STORE_PASSWORD)
                .run(context -> {
                    TlsSettings tls = context.getBean(ProducerConfig.class).tls();
                    assertThat(tls.sslContext()).isNull();
                    assertThat(tls.trustStore().path()).isEqualTo(files.trustStore.toAbsolutePath());
                    assertThat(tls.trustStore().type()).isEqualTo("JKS");
                    assertThat(tls.trustStore().password().value()).isEqualTo(TestTlsFiles.STORE_PASSWORD);
                    assertThat(tls.keyStore().path()).isEqualTo(files.keyStore.toAbsolutePath());
                    assertThat(tls.keyStore().type()).isEqualTo("PKCS12");
                    assertThat(tls.keyStore().password().value()).isEqualTo(TestTlsFiles.STORE_PASSWORD);
                    assertThat(tls.keyPassword().value()).isEqualTo(TestTlsFiles.STORE_PASSWORD);
                    assertThat(tls.toString()).doesNotContain(TestTlsFiles.STORE_PASSWORD);
                });
    }

    @Test
    void storesWithoutTypeOrPasswordLeaveThemToTheClient() {
        runner.withPropertyValues("legacykafka.security.protocol=SSL",
                        "legacykafka.security.ssl.trust-store-location=" + TestTlsFiles.file(files.trustStore),
                        "legacykafka.security.ssl.trust-store-password=")
                .run(context -> {
                    TlsSettings tls = context.getBean(ProducerConfig.class).tls();
                    assertThat(tls.trustStore().type()).isNull();
                    assertThat(tls.trustStore().password()).isNull();
                });
    }

    @Test
    void pemFilesMapToTlsSettings() {
        runner.withPropertyValues("legacykafka.security.protocol=SSL",
                        "legacykafka.security.ssl.trust-certificates=" + TestTlsFiles.file(files.caPem),
                        "legacykafka.security.ssl.certificate=" + TestTlsFiles.file(files.certificatePem),
                        "legacykafka.security.ssl.private-key=" + TestTlsFiles.file(files.privateKeyPem),
                        "legacykafka.security.ssl.private-key-password=" + SECRET,
                        "legacykafka.security.ssl.hostname-verification=false",
                        "legacykafka.security.ssl.protocols=TLSv1.3",
                        "legacykafka.security.ssl.cipher-suites=TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256")
                .run(context -> {
                    TlsSettings tls = context.getBean(ProducerConfig.class).tls();
                    assertThat(tls.trustCertificates()).isEqualTo(files.caPem.toAbsolutePath());
                    assertThat(tls.pemKey().certificateChain()).isEqualTo(files.certificatePem.toAbsolutePath());
                    assertThat(tls.pemKey().privateKey()).isEqualTo(files.privateKeyPem.toAbsolutePath());
                    assertThat(tls.pemKey().keyPassword().value()).isEqualTo(SECRET);
                    assertThat(tls.hostnameVerification()).isFalse();
                    assertThat(tls.protocols()).containsExactly("TLSv1.3");
                    assertThat(tls.cipherSuites()).containsExactly("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
                    assertThat(context.getBean(ProducerConfig.class).toString()).doesNotContain(SECRET);
                });
    }

    @Test
    void classpathResourceOnTheFileSystemIsAFile() throws Exception {
        runner.withPropertyValues("legacykafka.security.protocol=SSL",
                        "legacykafka.security.ssl.trust-certificates=classpath:" + TestTlsFiles.CA_RESOURCE)
                .run(context -> {
                    Path pem = context.getBean(ProducerConfig.class).tls().trustCertificates();
                    assertThat(pem).isAbsolute().endsWith(Path.of("tls", "test-ca.pem"));
                    try (InputStream in = java.nio.file.Files.newInputStream(pem)) {
                        assertThat(CertificateFactory.getInstance("X.509").generateCertificates(in)).hasSize(1);
                    }
                });
    }

    @Test
    void resourceInsideAJarFailsPointingToSslBundles() {
        runner.withPropertyValues("legacykafka.security.protocol=SSL",
                        "legacykafka.security.ssl.trust-store-location=classpath:org/springframework/boot/SpringApplication.class")
                .run(context -> assertFailure(context, "legacykafka.security.ssl.trust-store-location",
                        "class path resource [org/springframework/boot/SpringApplication.class]",
                        "must be a file on the file system", "legacykafka.security.ssl.bundle"));
    }

    @Test
    void missingFileFailsNamingTheProperty() {
        runner.withPropertyValues("legacykafka.security.protocol=SSL",
                        "legacykafka.security.ssl.trust-certificates=file:/no/such/ca.pem")
                .run(context -> assertFailure(context, "legacykafka.security.ssl.trust-certificates", null,
                        "/no/such/ca.pem", "does not exist"));
    }

    @Test
    void wrongTrustStorePasswordFailsWhenTheProducerLoadsItNamingTheProperty() {
        runner.withPropertyValues("legacykafka.security.protocol=SSL",
                        "legacykafka.security.ssl.trust-store-location=" + TestTlsFiles.file(files.trustStore),
                        "legacykafka.security.ssl.trust-store-type=JKS",
                        "legacykafka.security.ssl.trust-store-password=" + SECRET)
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = LegacyKafkaFailureAnalyzers.analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("legacykafka.security.ssl.trust-store-location")
                            .contains("wrong password").doesNotContain(SECRET);
                    assertThat(analysis.getAction()).contains("legacykafka.security.ssl.trust-store-location");
                });
    }

    @Test
    void privateKeyFileWithoutAKeyFailsWhenTheProducerLoadsItNamingTheProperty() {
        runner.withPropertyValues("legacykafka.security.protocol=SSL",
                        "legacykafka.security.ssl.certificate=" + TestTlsFiles.file(files.certificatePem),
                        "legacykafka.security.ssl.private-key=" + TestTlsFiles.file(files.certificatePem))
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = LegacyKafkaFailureAnalyzers.analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("legacykafka.security.ssl.private-key")
                            .contains("PRIVATE KEY");
                });
    }

    static Stream<Arguments> contradictingTlsSettings() {
        return Stream.of(
                Arguments.of(List.of("trust-store-location=" + TestTlsFiles.file(files.trustStore),
                        "trust-certificates=" + TestTlsFiles.file(files.caPem)), "legacykafka.security.ssl.trust-store-location",
                        "legacykafka.security.ssl.trust-certificates are both set"),
                Arguments.of(List.of("key-store-location=" + TestTlsFiles.file(files.keyStore),
                        "certificate=" + TestTlsFiles.file(files.certificatePem),
                        "private-key=" + TestTlsFiles.file(files.privateKeyPem)),
                        "legacykafka.security.ssl.key-store-location", "legacykafka.security.ssl.certificate are both set"),
                Arguments.of(List.of("certificate=" + TestTlsFiles.file(files.certificatePem)),
                        "legacykafka.security.ssl.certificate", "only together with legacykafka.security.ssl.private-key"),
                Arguments.of(List.of("private-key=" + TestTlsFiles.file(files.privateKeyPem)),
                        "legacykafka.security.ssl.private-key", "only together with legacykafka.security.ssl.certificate"),
                Arguments.of(List.of("trust-store-password=" + SECRET), "legacykafka.security.ssl.trust-store-password",
                        "only together with legacykafka.security.ssl.trust-store-location"),
                Arguments.of(List.of("trust-store-type=JKS"), "legacykafka.security.ssl.trust-store-type",
                        "only together with legacykafka.security.ssl.trust-store-location"),
                Arguments.of(List.of("key-store-password=" + SECRET), "legacykafka.security.ssl.key-store-password",
                        "only together with legacykafka.security.ssl.key-store-location"),
                Arguments.of(List.of("key-store-type=PKCS12"), "legacykafka.security.ssl.key-store-type",
                        "only together with legacykafka.security.ssl.key-store-location"),
                Arguments.of(List.of("key-password=" + SECRET), "legacykafka.security.ssl.key-password",
                        "only together with legacykafka.security.ssl.key-store-location"),
                Arguments.of(List.of("private-key-password=" + SECRET), "legacykafka.security.ssl.private-key-password",
                        "only together with legacykafka.security.ssl.private-key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contradictingTlsSettings")
    void contradictingOrIncompleteTlsSettingsFailNamingTheProperties(List<String> settings, String property,
                                                                     String reason) {
        runner.withPropertyValues("legacykafka.security.protocol=SSL")
                .withPropertyValues(settings.stream().map(s -> "legacykafka.security.ssl." + s).toArray(String[]::new))
                .run(context -> assertFailure(context, property, null, reason));
    }

    static Stream<Arguments> tlsSettingsWithoutTls() {
        return Stream.of(
                Arguments.of("PLAINTEXT", CA_BUNDLE + ",legacykafka.security.ssl.bundle=kafka",
                        "legacykafka.security.ssl.bundle"),
                Arguments.of("PLAINTEXT", "legacykafka.security.ssl.trust-certificates=" + TestTlsFiles.file(files.caPem),
                        "legacykafka.security.ssl.trust-certificates"),
                Arguments.of("PLAINTEXT", "legacykafka.security.ssl.trust-store-password=" + SECRET,
                        "legacykafka.security.ssl.trust-store-password"),
                Arguments.of("PLAINTEXT", "legacykafka.security.ssl.hostname-verification=false",
                        "legacykafka.security.ssl.hostname-verification"),
                Arguments.of("PLAINTEXT", "legacykafka.security.ssl.protocols=TLSv1.3", "legacykafka.security.ssl.protocols"),
                Arguments.of("SASL_PLAINTEXT", "legacykafka.security.ssl.key-store-location="
                        + TestTlsFiles.file(files.keyStore) + ",legacykafka.security.sasl.mechanism=SCRAM-SHA-256,"
                        + "legacykafka.security.sasl.username=app,legacykafka.security.sasl.password=" + SECRET,
                        "legacykafka.security.ssl.key-store-location"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("tlsSettingsWithoutTls")
    void tlsSettingWithAProtocolWithoutTlsFailsRatherThanBeingIgnored(String protocol, String properties,
                                                                      String setting) {
        runner.withPropertyValues("legacykafka.security.protocol=" + protocol)
                .withPropertyValues(properties.split(",(?=legacykafka|spring)"))
                .run(context -> assertFailure(context, "legacykafka.security.protocol", protocol, setting,
                        "does not use TLS and would ignore them", "SSL or SASL_SSL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("saslSettingsWithoutSasl")
    void saslSettingWithAProtocolWithoutSaslFailsRatherThanBeingIgnored(String protocol, String setting) {
        runner.withPropertyValues("legacykafka.security.protocol=" + protocol, setting)
                .run(context -> assertFailure(context, "legacykafka.security.protocol", protocol,
                        setting.substring(0, setting.indexOf('=')), "does not use SASL and would ignore them",
                        "SASL_PLAINTEXT or SASL_SSL"));
    }

    static Stream<Arguments> saslSettingsWithoutSasl() {
        return Stream.of(Arguments.of("PLAINTEXT", "legacykafka.security.sasl.mechanism=SCRAM-SHA-512"),
                Arguments.of("PLAINTEXT", "legacykafka.security.sasl.username=app"),
                Arguments.of("SSL", "legacykafka.security.sasl.password=" + SECRET));
    }

    @Test
    void scramOverSslBundleMapsToSaslAndTlsSettings() {
        runner.withPropertyValues(CA_BUNDLE, "legacykafka.security.protocol=SASL_SSL",
                        "legacykafka.security.ssl.bundle=kafka", "legacykafka.security.sasl.mechanism=SCRAM-SHA-512",
                        "legacykafka.security.sasl.username=orders", "legacykafka.security.sasl.password=" + SECRET)
                .run(context -> {
                    ProducerConfig config = context.getBean(ProducerConfig.class);
                    assertThat(config.securityProtocol()).isEqualTo(SecurityProtocol.SASL_SSL);
                    assertThat(config.tls().sslContext()).isNotNull();
                    SaslSettings sasl = config.sasl();
                    assertThat(sasl.mechanism()).isEqualTo(SaslMechanism.SCRAM_SHA_512);
                    assertThat(sasl.username()).isEqualTo("orders");
                    assertThat(sasl.password().value()).isEqualTo(SECRET);
                    assertThat(config.toString()).contains("SCRAM-SHA-512").doesNotContain(SECRET);
                });
    }

    @Test
    void saslMechanismBindsRelaxed() {
        runner.withPropertyValues("legacykafka.security.protocol=SASL_PLAINTEXT",
                        "legacykafka.security.sasl.mechanism=scram_sha_256", "legacykafka.security.sasl.username=app",
                        "legacykafka.security.sasl.password=" + SECRET)
                .run(context -> assertThat(context.getBean(ProducerConfig.class).sasl().mechanism())
                        .isEqualTo(SaslMechanism.SCRAM_SHA_256));
    }

    @Test
    void plainOverSaslPlaintextWarnsWithoutThePassword(CapturedOutput output) {
        runner.withPropertyValues("legacykafka.security.protocol=SASL_PLAINTEXT",
                        "legacykafka.security.sasl.mechanism=PLAIN", "legacykafka.security.sasl.username=app",
                        "legacykafka.security.sasl.password=" + SECRET)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).contains("WARN").contains("SASL PLAIN password unencrypted")
                            .contains("security.protocol=SASL_PLAINTEXT").doesNotContain(SECRET);
                });
    }

    @Test
    void saslProtocolWithoutMechanismFailsNamingIt() {
        runner.withPropertyValues("legacykafka.security.protocol=SASL_SSL", "legacykafka.security.sasl.username=app",
                        "legacykafka.security.sasl.password=" + SECRET)
                .run(context -> assertFailure(context, "legacykafka.security.sasl.mechanism", "",
                        "SASL_SSL needs a SASL mechanism", "SCRAM-SHA-512"));
    }

    @Test
    void saslProtocolWithoutPasswordFailsNamingIt() {
        runner.withPropertyValues("legacykafka.security.protocol=SASL_SSL",
                        "legacykafka.security.sasl.mechanism=SCRAM-SHA-256", "legacykafka.security.sasl.username=app",
                        "legacykafka.security.sasl.password=")
                .run(context -> assertFailure(context, "legacykafka.security.sasl.password", "", "needs a password"));
    }

    @Test
    void connectionDetailsSupplyTheBundleAndThereforeSsl() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(TestTlsFiles.CA_RESOURCE)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        SslBundle bundle = SslBundle.of(SslStoreBundle.of(null, null, trust));
        LegacyKafkaConnectionDetails details = new LegacyKafkaConnectionDetails() {
            @Override
            public List<String> getBootstrapServers() {
                return List.of("127.0.0.1:2");
            }

            @Override
            public SslBundle getSslBundle() {
                return bundle;
            }
        };
        runner.withBean(LegacyKafkaConnectionDetails.class, () -> details)
                .withPropertyValues("legacykafka.security.ssl.hostname-verification=false")
                .run(context -> {
                    ProducerConfig config = context.getBean(ProducerConfig.class);
                    assertThat(config.bootstrapServers()).containsExactly("127.0.0.1:2");
                    assertThat(config.securityProtocol()).isEqualTo(SecurityProtocol.SSL);
                    assertThat(config.tls().sslContext()).isNotNull();
                    assertThat(config.tls().hostnameVerification()).isFalse();
                });
    }

    @Test
    void plaintextConnectionDetailsWithTlsPropertiesFailNamingBoth() {
        runner.withBean(LegacyKafkaConnectionDetails.class, () -> () -> List.of("127.0.0.1:2"))
                .withPropertyValues("legacykafka.security.protocol=SSL",
                        "legacykafka.security.ssl.trust-certificates=" + TestTlsFiles.file(files.caPem))
                .run(context -> assertFailure(context, "legacykafka.security.ssl.trust-certificates", null,
                        "connection details", "give security protocol PLAINTEXT"));
    }

    @Test
    void customizersStillHaveTheLastWord() {
        runner.withPropertyValues("legacykafka.security.protocol=SSL")
                .withBean(LegacyKafkaProducerConfigCustomizer.class, () -> builder -> builder
                        .tls(TlsSettings.builder().hostnameVerification(false).build()))
                .run(context -> assertThat(context.getBean(ProducerConfig.class).tls().hostnameVerification()).isFalse());
    }

    /** Startup failed with an analysis naming property, value (when given) and reasons, and no secret. */
    static void assertFailure(AssertableApplicationContext context, String property, String value, String... reasons) {
        assertThat(context).hasFailed();
        FailureAnalysis analysis = LegacyKafkaFailureAnalyzers.analyze(context.getStartupFailure());
        assertThat(analysis.getDescription()).contains("Property: " + property).contains(reasons);
        if (value != null) {
            assertThat(analysis.getDescription()).contains("Value: '" + value);
        }
        assertThat(analysis.getAction()).contains(property);
        assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(SECRET);
        assertThat(stackTrace(context.getStartupFailure())).doesNotContain(SECRET);
    }

    private static String stackTrace(Throwable failure) {
        java.io.StringWriter out = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
