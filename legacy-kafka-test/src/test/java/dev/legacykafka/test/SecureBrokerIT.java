package dev.legacykafka.test;

import static dev.legacykafka.test.security.ListenerSecurity.PLAINTEXT;
import static dev.legacykafka.test.security.ListenerSecurity.SASL_PLAINTEXT;
import static dev.legacykafka.test.security.ListenerSecurity.SASL_SSL;
import static dev.legacykafka.test.security.ListenerSecurity.SSL;
import static dev.legacykafka.test.security.SaslMechanism.PLAIN;
import static dev.legacykafka.test.security.SaslMechanism.SCRAM_SHA_256;
import static dev.legacykafka.test.security.SaslMechanism.SCRAM_SHA_512;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.legacykafka.test.ClientLogin.KeyFormat;
import dev.legacykafka.test.security.BrokerCertificate;
import dev.legacykafka.test.security.BrokerSecurity;
import dev.legacykafka.test.security.CertificateAuthority;
import dev.legacykafka.test.security.KeyMaterial;
import dev.legacykafka.test.security.ListenerSecurity;
import dev.legacykafka.test.security.TestCertificates;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brokers with SSL, SASL_PLAINTEXT and SASL_SSL listeners next to PLAINTEXT, checked with clients
 * that are not ours: kcat (librdkafka) for every release, kafka-clients 4.4 where it can talk to
 * the broker (2.1+). Each listener must let the right clients in and keep the wrong ones out.
 */
class SecureBrokerIT {

    private static final Logger LOG = LoggerFactory.getLogger(SecureBrokerIT.class);
    static final List<String> VERSIONS = List.of("0.10.2.2", "2.8.2", "3.9.1", "4.4.0");

    static final String ALICE = "alice";
    static final String ALICE_PASSWORD = "alice-secret";
    static final String BOB = "bob"; // SCRAM-SHA-256 only
    static final String BOB_PASSWORD = "bob-secret";
    static final String CAROL = "carol"; // SCRAM-SHA-512 only
    static final String CAROL_PASSWORD = "carol-secret";

    /** Only an SSL listener, presenting a certificate for another host name. */
    static final BrokerSpec WRONG_HOST = BrokerSpec.of("2.8.2")
            .withSecurity(BrokerSecurity.of(SSL).withBrokerCertificate(BrokerCertificate.WRONG_HOST));
    /** Only a SASL_SSL listener, presenting a certificate of a CA nobody trusts. */
    static final BrokerSpec UNTRUSTED_CA = BrokerSpec.of("2.8.2")
            .withSecurity(BrokerSecurity.of(SASL_SSL).withSaslMechanisms(PLAIN).withPlainUser(ALICE, ALICE_PASSWORD)
                    .withBrokerCertificate(BrokerCertificate.UNTRUSTED_CA));

    private static ExecutorService parallel;

    /** Every listener, every mechanism; client certificates required on the SSL listener. */
    static BrokerSpec secured(String version) {
        BrokerSecurity security = BrokerSecurity.of(SSL, SASL_PLAINTEXT, SASL_SSL)
                .withSaslMechanisms(PLAIN, SCRAM_SHA_256, SCRAM_SHA_512)
                .withPlainUser(ALICE, ALICE_PASSWORD)
                .withClientAuthRequired(true);
        return BrokerSpec.of(version).withSecurity(security);
    }

    static Stream<String> versions() {
        return VERSIONS.stream();
    }

    @BeforeAll
    static void startSecuredBrokersAndCreateScramUsers() {
        parallel = Executors.newFixedThreadPool(8);
        long started = System.nanoTime();
        List<BrokerSpec> specs = new ArrayList<>(VERSIONS.stream().map(SecureBrokerIT::secured).toList());
        specs.add(WRONG_HOST);
        specs.add(UNTRUSTED_CA);
        KafkaBrokers.startAll(specs);
        LOG.info("Started {} secured brokers in parallel in {} ms", specs.size(), millisSince(started));

        started = System.nanoTime();
        // One config tool JVM per user and broker; the brokers are independent, so side by side.
        CompletableFuture.allOf(VERSIONS.stream().map(version -> CompletableFuture.runAsync(() -> {
            KafkaBroker broker = KafkaBrokers.shared(secured(version));
            long t = System.nanoTime();
            broker.createScramUser(SCRAM_SHA_256, BOB, BOB_PASSWORD);
            broker.createScramUser("SCRAM-SHA-512", CAROL, CAROL_PASSWORD);
            LOG.info("Kafka {}: two SCRAM users can log in {} ms after the first config tool started", version,
                    millisSince(t));
        }, parallel)).toArray(CompletableFuture[]::new)).join();
        LOG.info("SCRAM users on {} brokers in {} ms", VERSIONS.size(), millisSince(started));
    }

    @AfterAll
    static void stopPool() {
        parallel.shutdownNow();
    }

    @ParameterizedTest
    @MethodSource("versions")
    void everyListenerHasItsOwnPortAndIsAdvertisedThere(String version) {
        KafkaBroker broker = KafkaBrokers.shared(secured(version));
        Set<Integer> ports = Stream.of(ListenerSecurity.values()).map(broker::port).collect(Collectors.toSet());
        assertThat(ports).hasSize(4).contains(broker.port());
        assertThat(broker.bootstrapServers("sasl_ssl")).isEqualTo("127.0.0.1:" + broker.port(SASL_SSL));
        assertThat(broker.bootstrapServers(PLAINTEXT)).isEqualTo(broker.bootstrapServers());
        assertThat(broker.security()).isEqualTo(secured(version).security());
        // A client that came in on a listener is told about the broker on that same listener.
        for (ListenerSecurity listener : List.of(SSL, SASL_PLAINTEXT, SASL_SSL)) {
            ClientLogin login = goodLogin(broker, listener);
            ToolResult metadata = Kcat.attempt(broker.bootstrapServers(listener), login.librdkafka(),
                    List.of("-L", "-J", "-m", "15"), null);
            assertThat(metadata.exitCode()).as("kcat -L with %s:\n%s", login, metadata.output()).isZero();
            assertThat(metadata.output()).contains("\"name\":\"127.0.0.1:" + broker.port(listener) + "\"");
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void tlsListenersSpeakTheNewestTlsTheReleaseAllows(String version) throws Exception {
        KafkaBroker broker = KafkaBrokers.shared(secured(version));
        TestCertificates certificates = broker.certificates();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(certificates.client()), trustManagers(certificates.ca()), null);
        // 0.10.2 enables TLSv1.2,TLSv1.1,TLSv1 and the JDK disables the older two; 2.x+ enable TLSv1.3 on Java 11+.
        String expected = broker.version().before("2.0") ? "TLSv1.2" : "TLSv1.3";
        for (ListenerSecurity listener : List.of(SSL, SASL_SSL)) {
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(broker.host(),
                    broker.port(listener))) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                assertThat(socket.getSession().getProtocol()).as("%s of Kafka %s", listener, version)
                        .isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void everyListenerAndMechanismCarriesRecordsOfAuthenticatedClients(String version) {
        KafkaBroker broker = KafkaBrokers.shared(secured(version));
        String topic = "secure-records";
        broker.createTopic(topic, 1);
        TestCertificates certificates = broker.certificates();
        Map<String, ClientLogin> logins = new LinkedHashMap<>();
        for (KeyFormat key : List.of(KeyFormat.PEM, KeyFormat.ENCRYPTED_PEM, KeyFormat.LEGACY_ENCRYPTED_PEM)) {
            logins.put("ssl-client-certificate-" + key, ClientLogin.of(SSL, certificates.ca())
                    .withCertificate(certificates.client(), key));
        }
        for (ListenerSecurity listener : List.of(SASL_PLAINTEXT, SASL_SSL)) {
            ClientLogin tls = ClientLogin.of(listener, certificates.ca());
            logins.put(listener + "-plain", tls.withSasl(PLAIN, ALICE, ALICE_PASSWORD));
            // librdkafka before 2.6.1 repeats the client nonce in its final SCRAM message, which Kafka 4
            // refuses (CVE-2024-56128); kcat 1.7 has librdkafka 2.0.2, so SCRAM on 4.x is Java's test below.
            if (broker.version().before("4.0")) {
                logins.put(listener + "-scram256", tls.withSasl(SCRAM_SHA_256, BOB, BOB_PASSWORD));
                logins.put(listener + "-scram512", tls.withSasl(SCRAM_SHA_512, CAROL, CAROL_PASSWORD));
            }
        }
        logins.entrySet().parallelStream().forEach(entry -> {
            ToolResult produced = Kcat.attempt(broker.bootstrapServers(entry.getValue().protocol()),
                    entry.getValue().librdkafka(), List.of("-P", "-t", topic, "-p", "0"), entry.getKey() + "\n");
            assertThat(produced.exitCode()).as("kcat -P with %s:\n%s", entry.getValue(), produced.output()).isZero();
        });
        // Read back over PLAINTEXT: what each secured client wrote arrived.
        assertThat(Kcat.consume(broker, topic)).containsExactlyInAnyOrderElementsOf(logins.keySet());
    }

    @ParameterizedTest
    @MethodSource("versions")
    void wrongCredentialsCertificatesAndCasAreRefused(String version) {
        KafkaBroker broker = KafkaBrokers.shared(secured(version));
        TestCertificates certificates = broker.certificates();
        ClientLogin saslPlaintext = ClientLogin.of(SASL_PLAINTEXT, certificates.ca());
        ClientLogin saslSsl = ClientLogin.of(SASL_SSL, certificates.ca());
        ClientLogin ssl = ClientLogin.of(SSL, certificates.ca());
        Map<ClientLogin, Refusal> cases = new LinkedHashMap<>();
        cases.put(saslPlaintext.withSasl(PLAIN, ALICE, "wrong"), Refusal.SASL);
        cases.put(saslPlaintext.withSasl(PLAIN, "mallory", ALICE_PASSWORD), Refusal.SASL);
        cases.put(saslSsl.withSasl(SCRAM_SHA_256, BOB, "wrong"), Refusal.SASL);
        cases.put(saslPlaintext.withSasl(SCRAM_SHA_512, BOB, BOB_PASSWORD), Refusal.SASL); // bob has 256 only
        cases.put(ssl, Refusal.TLS); // no client certificate
        cases.put(ssl.withCertificate(certificates.untrustedClient(), KeyFormat.PKCS12), Refusal.TLS);
        cases.put(ClientLogin.of(SSL, certificates.untrustedCa()).withCertificate(certificates.client(),
                KeyFormat.PKCS12), Refusal.TLS);
        cases.put(ClientLogin.of(SASL_SSL, certificates.untrustedCa()).withSasl(PLAIN, ALICE, ALICE_PASSWORD),
                Refusal.TLS);
        assertRefused(broker, cases);
    }

    @ParameterizedTest
    @MethodSource("versions")
    void newestJavaClientLogsInWithEveryKeyFormatAndMechanism(String version) throws Exception {
        KafkaBroker broker = KafkaBrokers.shared(secured(version));
        if (broker.version().before("2.1")) {
            return; // kafka-clients 4.x speaks to 2.1+ only; kcat covers this broker
        }
        TestCertificates certificates = broker.certificates();
        List<ClientLogin> logins = new ArrayList<>();
        for (KeyFormat format : List.of(KeyFormat.PKCS12, KeyFormat.JKS, KeyFormat.PEM,
                KeyFormat.LEGACY_ENCRYPTED_PEM)) {
            logins.add(ClientLogin.of(SSL, certificates.ca()).withCertificate(certificates.client(), format));
        }
        for (ListenerSecurity listener : List.of(SASL_PLAINTEXT, SASL_SSL)) {
            ClientLogin login = ClientLogin.of(listener, certificates.ca());
            logins.add(login.withSasl(PLAIN, ALICE, ALICE_PASSWORD));
            logins.add(login.withSasl(SCRAM_SHA_256, BOB, BOB_PASSWORD));
            logins.add(login.withSasl(SCRAM_SHA_512, CAROL, CAROL_PASSWORD));
        }
        for (ClientLogin login : logins) {
            assertThat(javaClientSees(broker.bootstrapServers(login.protocol()), login)).as("%s", login)
                    .isEqualTo(broker.port(login.protocol()));
        }
    }

    @Test
    void brokerCertificateForAnotherHostIsRefusedOnlyByTheHostNameCheck() throws Exception {
        KafkaBroker broker = KafkaBrokers.shared(WRONG_HOST);
        ClientLogin checking = ClientLogin.of(SSL, broker.certificates().ca());
        assertRefused(broker, Map.of(checking, Refusal.TLS));
        assertThat(kcatRefusal(broker, checking)).contains("SSL handshake failed").contains("certificate verify failed");
        assertThat(javaClientRefusal(broker, checking)).hasStackTraceContaining("No subject alternative names");

        ClientLogin notChecking = checking.withoutHostNameCheck();
        assertThat(javaClientSees(broker.bootstrapServers(SSL), notChecking)).isEqualTo(broker.port(SSL));
        assertThat(kcatSees(broker, notChecking)).isTrue();
    }

    @Test
    void brokerCertificateOfAnUntrustedCaIsRefused() throws Exception {
        KafkaBroker broker = KafkaBrokers.shared(UNTRUSTED_CA);
        TestCertificates certificates = broker.certificates();
        ClientLogin trustingOurCa = ClientLogin.of(SASL_SSL, certificates.ca()).withSasl(PLAIN, ALICE, ALICE_PASSWORD);
        assertRefused(broker, Map.of(trustingOurCa, Refusal.TLS));
        assertThat(javaClientRefusal(broker, trustingOurCa)).hasStackTraceContaining("PKIX path");
        assertThat(kcatRefusal(broker, trustingOurCa)).contains("SSL handshake failed")
                .contains("certificate verify failed");

        ClientLogin trustingItsCa = ClientLogin.of(SASL_SSL, certificates.untrustedCa())
                .withSasl(PLAIN, ALICE, ALICE_PASSWORD);
        assertThat(javaClientSees(broker.bootstrapServers(SASL_SSL), trustingItsCa)).isEqualTo(broker.port(SASL_SSL));
        assertThat(kcatSees(broker, trustingItsCa)).isTrue();
    }

    @Test
    void listenersAndMechanismsThatAreNotThereAreNamedInTheError() {
        KafkaBroker broker = KafkaBrokers.shared(WRONG_HOST);
        assertThatThrownBy(() -> broker.bootstrapServers(SASL_SSL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no SASL_SSL listener").hasMessageContaining("[SSL]");
        assertThatThrownBy(() -> broker.bootstrapServers("TLS")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SASL_SSL");
        assertThatThrownBy(() -> broker.createScramUser(SCRAM_SHA_256, "x", "y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enables []");
        KafkaBroker secured = KafkaBrokers.shared(secured("4.4.0"));
        assertThatThrownBy(() -> secured.createScramUser(PLAIN, "x", "y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> secured.createScramUser(SCRAM_SHA_256, "x", "a,b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("','");
    }

    /** Which layer refuses: the TLS handshake or the SASL login. */
    enum Refusal { TLS, SASL }

    /** Every login is refused, by kafka-clients (fast) where it speaks the release, else by kcat. */
    private static void assertRefused(KafkaBroker broker, Map<ClientLogin, Refusal> cases) {
        boolean java = broker.version().atLeast("2.1");
        // kcat waits out its metadata timeout before it gives up, so its attempts run side by side.
        List<CompletableFuture<Void>> checks = cases.entrySet().stream().map(entry -> CompletableFuture.runAsync(() -> {
            ClientLogin login = entry.getKey();
            if (java) {
                Throwable failure = javaClientRefusal(broker, login);
                assertThat(failure).as("kafka-clients with %s", login).hasCauseInstanceOf(
                        entry.getValue() == Refusal.TLS ? SslAuthenticationException.class
                                : SaslAuthenticationException.class);
            } else {
                String output = kcatRefusal(broker, login);
                assertThat(output).as("kcat with %s", login).contains(
                        entry.getValue() == Refusal.TLS ? "SSL handshake failed" : "SASL authentication failure");
            }
        }, parallel)).toList();
        CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).join();
    }

    /** The port of the one broker kafka-clients' Admin finds through this login. */
    private static int javaClientSees(String bootstrap, ClientLogin login) throws Exception {
        try (Admin admin = admin(bootstrap, login)) {
            List<Node> nodes = List.copyOf(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS));
            assertThat(nodes).hasSize(1);
            return nodes.get(0).port();
        }
    }

    /** What kafka-clients' Admin fails with through this login. */
    private static Throwable javaClientRefusal(KafkaBroker broker, ClientLogin login) {
        try (Admin admin = admin(broker.bootstrapServers(login.protocol()), login)) {
            Throwable failure = catchThrowable(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS));
            assertThat(failure).as("kafka-clients with %s must be refused", login).isNotNull();
            return failure;
        }
    }

    private static boolean kcatSees(KafkaBroker broker, ClientLogin login) {
        ToolResult metadata = Kcat.attempt(broker.bootstrapServers(login.protocol()), login.librdkafka(),
                List.of("-L", "-J", "-m", "15"), null);
        assertThat(metadata.exitCode()).as("kcat -L with %s:\n%s", login, metadata.output()).isZero();
        return metadata.output().contains("\"name\":\"127.0.0.1:" + broker.port(login.protocol()) + "\"");
    }

    /** kcat's output when it cannot get metadata through this login. */
    private static String kcatRefusal(KafkaBroker broker, ClientLogin login) {
        ToolResult metadata = Kcat.attempt(broker.bootstrapServers(login.protocol()), login.librdkafka(),
                List.of("-L", "-m", "3"), null);
        assertThat(metadata.exitCode()).as("kcat -L with %s must fail:\n%s", login, metadata.output()).isNotZero();
        return metadata.output();
    }

    private static Admin admin(String bootstrap, ClientLogin login) {
        var props = login.kafkaClients(bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        return Admin.create(props);
    }

    private static ClientLogin goodLogin(KafkaBroker broker, ListenerSecurity listener) {
        TestCertificates certificates = broker.certificates();
        return switch (listener) {
            case SSL -> ClientLogin.of(SSL, certificates.ca()).withCertificate(certificates.client(), KeyFormat.PKCS12);
            case SASL_PLAINTEXT, SASL_SSL -> ClientLogin.of(listener, certificates.ca())
                    .withSasl(PLAIN, ALICE, ALICE_PASSWORD);
            case PLAINTEXT -> ClientLogin.of(PLAINTEXT, certificates.ca());
        };
    }

    private static KeyManager[] keyManagers(KeyMaterial key) throws Exception {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(load(key.keystorePkcs12(), key.keystorePassword()), key.keystorePassword().toCharArray());
        return factory.getKeyManagers();
    }

    private static TrustManager[] trustManagers(CertificateAuthority authority) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(load(authority.truststorePkcs12(), authority.truststorePassword()));
        return factory.getTrustManagers();
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
