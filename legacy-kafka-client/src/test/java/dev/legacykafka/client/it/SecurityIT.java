package dev.legacykafka.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.legacykafka.client.BrokerStatus;
import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.errors.AuthenticationException;
import dev.legacykafka.client.security.Password;
import dev.legacykafka.client.security.SaslMechanism;
import dev.legacykafka.client.security.SaslSettings;
import dev.legacykafka.client.security.SecurityProtocol;
import dev.legacykafka.client.security.TlsSettings;
import dev.legacykafka.test.BrokerSpec;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import dev.legacykafka.test.LocalJmx;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import dev.legacykafka.test.security.BrokerSecurity;
import dev.legacykafka.test.security.KeyMaterial;
import dev.legacykafka.test.security.ListenerSecurity;
import dev.legacykafka.test.security.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS and SASL against real brokers with SSL, SASL_PLAINTEXT and SASL_SSL listeners: Kafka
 * 0.10.2.2 (SaslHandshake v0, bare tokens; PLAIN) and 2.8.2, 3.9.1, 4.4.0 (SaslHandshake v1 and
 * SaslAuthenticate; SCRAM users created with the broker's own tool). Records are read back over
 * the broker's PLAINTEXT listener by kcat; wrong passwords and untrusted certificates are refused.
 */
@Timeout(300)
class SecurityIT {

    private static final String USER = "alice";
    private static final String PASSWORD = "alice-s3cret";
    private static final TestCertificates CERTIFICATES = TestCertificates.shared();
    private static final long SESSION_LIFETIME_MS = 4_000;
    private static final Set<String> SCRAM_USERS_CREATED = ConcurrentHashMap.newKeySet();

    /** One secured broker per version for the whole build: all three secured listeners, PLAIN and SCRAM. */
    private static KafkaBroker securedBroker(String version) {
        boolean scram = !version.startsWith("0.10");
        BrokerSecurity security = BrokerSecurity.of(ListenerSecurity.SSL, ListenerSecurity.SASL_PLAINTEXT,
                        ListenerSecurity.SASL_SSL)
                .withPlainUser(USER, PASSWORD);
        security = scram
                ? security.withSaslMechanisms(dev.legacykafka.test.security.SaslMechanism.PLAIN,
                        dev.legacykafka.test.security.SaslMechanism.SCRAM_SHA_256,
                        dev.legacykafka.test.security.SaslMechanism.SCRAM_SHA_512)
                : security.withSaslMechanisms(dev.legacykafka.test.security.SaslMechanism.PLAIN);
        BrokerSpec spec = BrokerSpec.of(version).withSecurity(security);
        if (version.startsWith("4.")) {
            // KIP-368: sessions end after 4 s, so every test on this broker also crosses session ends.
            spec = spec.withConfig("connections.max.reauth.ms", Long.toString(SESSION_LIFETIME_MS));
        }
        KafkaBroker broker = KafkaBrokers.shared(spec);
        if (scram && SCRAM_USERS_CREATED.add(version)) {
            broker.createScramUser(dev.legacykafka.test.security.SaslMechanism.SCRAM_SHA_256, USER, PASSWORD);
            broker.createScramUser(dev.legacykafka.test.security.SaslMechanism.SCRAM_SHA_512, USER, PASSWORD);
        }
        return broker;
    }

    private static ProducerConfig.Builder configFor(KafkaBroker broker, SecurityProtocol protocol) {
        return ProducerConfig.builder()
                .bootstrapServers(broker.bootstrapServers(ListenerSecurity.valueOf(protocol.name())))
                .securityProtocol(protocol)
                .tls(protocol.usesTls() ? TlsSettings.builder().trustCertificates(CERTIFICATES.ca().certificatePem()).build() : null)
                .lingerMs(5)
                .deliveryTimeoutMs(60_000)
                .maxBlockMs(30_000);
    }

    @ParameterizedTest(name = "Kafka {0}, {1}, {2}")
    @CsvSource({
            "0.10.2.2, SASL_PLAINTEXT, PLAIN",
            "0.10.2.2, SASL_SSL, PLAIN",
            "2.8.2, SASL_PLAINTEXT, SCRAM-SHA-256",
            "2.8.2, SASL_SSL, SCRAM-SHA-512",
            "3.9.1, SASL_SSL, SCRAM-SHA-256",
            "3.9.1, SASL_PLAINTEXT, SCRAM-SHA-512",
            "4.4.0, SASL_SSL, SCRAM-SHA-512",
            "4.4.0, SASL_PLAINTEXT, SCRAM-SHA-256",
            "4.4.0, SASL_SSL, PLAIN"})
    void authenticatedRecordsAreWrittenAndReadBack(String version, String protocol, String mechanism) throws Exception {
        KafkaBroker broker = securedBroker(version);
        SecurityProtocol securityProtocol = SecurityProtocol.parse(protocol);
        String topic = "sasl-" + protocol.toLowerCase() + "-" + mechanism.toLowerCase();
        ProducerConfig config = configFor(broker, securityProtocol)
                .sasl(SaslSettings.of(SaslMechanism.parse(mechanism), USER, PASSWORD)).build();

        List<Sent> sent = sendAndAwait(config, topic, 30);

        assertReadBack(broker, topic, sent);
    }

    @ParameterizedTest(name = "Kafka {0}")
    @ValueSource(strings = {"0.10.2.2", "2.8.2", "3.9.1", "4.4.0"})
    void recordsTravelOverTlsToTheSslListener(String version) throws Exception {
        KafkaBroker broker = securedBroker(version);
        ProducerConfig config = configFor(broker, SecurityProtocol.SSL).build();

        List<Sent> sent = sendAndAwait(config, "tls-only", 30);

        assertReadBack(broker, "tls-only", sent);
    }

    @ParameterizedTest(name = "Kafka {0}, {1}, {2}")
    @CsvSource({
            "0.10.2.2, SASL_PLAINTEXT, PLAIN",
            "2.8.2, SASL_SSL, SCRAM-SHA-256",
            "3.9.1, SASL_PLAINTEXT, SCRAM-SHA-512",
            "4.4.0, SASL_SSL, SCRAM-SHA-512",
            "4.4.0, SASL_PLAINTEXT, PLAIN"})
    void aWrongPasswordFailsEveryPendingSendOnceWithAClearReason(String version, String protocol, String mechanism)
            throws Exception {
        KafkaBroker broker = securedBroker(version);
        String topic = ("refused-" + protocol + "-" + mechanism).toLowerCase();
        broker.createTopic(topic, 1);
        String wrongPassword = "not-" + PASSWORD;
        ProducerConfig config = configFor(broker, SecurityProtocol.parse(protocol))
                .sasl(SaslSettings.of(SaslMechanism.parse(mechanism), USER, wrongPassword)).build();

        List<Throwable> failures = sendExpectingFailures(config, topic, 5);
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config)) {
            List<BrokerStatus> statuses = producer.probeBrokers(Duration.ofSeconds(10));
            assertThat(statuses).singleElement().satisfies(status -> {
                assertThat(status.authenticationFailed()).isTrue();
                assertThat(status.problem()).contains("Authentication failed").doesNotContain(wrongPassword);
            });
        }

        assertThat(failures).hasSize(5).allSatisfy(failure -> assertThat(failure)
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Authentication failed")
                .hasMessageContaining(USER)
                .hasMessageNotContaining(wrongPassword)
                .hasMessageNotContaining(PASSWORD));
        // kcat ends when it reaches the end of the log; the timeout only bounds a hang.
        assertThat(KcatReader.readToEnd(broker, topic, Duration.ofSeconds(30))).isEmpty();
    }

    @ParameterizedTest(name = "Kafka {0}, {1}")
    @CsvSource({"0.10.2.2, SSL", "2.8.2, SASL_SSL", "3.9.1, SSL", "4.4.0, SASL_SSL"})
    void aBrokerCertificateFromAnUntrustedCaIsRefused(String version, String protocol) throws Exception {
        KafkaBroker broker = securedBroker(version);
        SecurityProtocol securityProtocol = SecurityProtocol.parse(protocol);
        // The client trusts another CA than the one that signed the broker's certificate.
        ProducerConfig.Builder builder = configFor(broker, securityProtocol)
                .tls(TlsSettings.builder().trustCertificates(CERTIFICATES.untrustedCa().certificatePem()).build());
        if (securityProtocol.usesSasl()) {
            builder.sasl(SaslSettings.of(SaslMechanism.PLAIN, USER, PASSWORD));
        }

        List<Throwable> failures = sendExpectingFailures(builder.build(), "untrusted", 3);

        assertThat(failures).hasSize(3).allSatisfy(failure -> assertThat(failure)
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("TLS handshake with broker 127.0.0.1:")
                .hasMessageContaining("certification path"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SASL_SSL", "SASL_PLAINTEXT"})
    void sendsGoOnAcrossTheEndsOfSaslSessions(String protocol) throws Exception {
        KafkaBroker broker = securedBroker("4.4.0");
        String topic = "session-end-" + protocol.toLowerCase();
        ProducerConfig config = configFor(broker, SecurityProtocol.parse(protocol))
                .sasl(SaslSettings.of(SaslMechanism.SCRAM_SHA_256, USER, PASSWORD)).build();
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config);
             BrokerMetrics metrics = BrokerMetrics.of(broker)) {
            futures.add(producer.send(ProducerRecord.of(topic, "v0".getBytes(StandardCharsets.UTF_8))));
            futures.get(0).get(60, TimeUnit.SECONDS);
            // Connected and authenticated now: every further authentication the broker counts on this listener
            // (a new session on a new connection, or a re-authentication) follows the end of a session.
            long firstSessions = metrics.authentications(protocol);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            // Steady traffic until the broker has seen two sessions end and the producer go on in fresh ones;
            // the deadline bounds a producer that never gets there (sessions last 4 s).
            for (int i = 1; metrics.authentications(protocol) < firstSessions + 2; ) {
                assertThat(System.nanoTime()).as("two session ends within 90 s; the broker counted %d authentications "
                        + "after the first %d", metrics.authentications(protocol) - firstSessions, firstSessions)
                        .isLessThan(deadline);
                for (int j = 0; j < 10; j++, i++) {
                    futures.add(producer.send(ProducerRecord.of(topic, ("v" + i).getBytes(StandardCharsets.UTF_8))));
                    Thread.sleep(20);
                }
            }
            List<Sent> sent = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                sent.add(new Sent(null, "v" + i, futures.get(i).get(60, TimeUnit.SECONDS)));
            }
            assertReadBack(broker, topic, sent);
        }
    }

    @Test
    void aTransactionalProducerWithAWrongPasswordFailsInitTransactionsWithTheReasonAndMayTryAgain() throws Exception {
        KafkaBroker broker = securedBroker("4.4.0");
        ProducerConfig config = configFor(broker, SecurityProtocol.SASL_SSL)
                .sasl(SaslSettings.of(SaslMechanism.SCRAM_SHA_512, USER, "Wr0ng-Pa55"))
                .transactionalId("secured-txn")
                .build();
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config)) {
            for (int attempt = 1; attempt <= 2; attempt++) {
                long start = System.nanoTime();
                Throwable failure = catchThrowable(producer::initTransactions);
                assertThat(failure).as("attempt %d", attempt).isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("SCRAM-SHA-512").hasMessageNotContaining("Wr0ng-Pa55");
                // Well before max-block (30 s here): the refusal itself ends the wait.
                assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
            }
        }
    }

    @Test
    void refusedCredentialsAreRetriedWithBackoffNotInAStorm() throws Exception {
        KafkaBroker broker = securedBroker("4.4.0");
        String[] target = broker.bootstrapServers(ListenerSecurity.SASL_PLAINTEXT).split(":");
        try (CountingProxy proxy = new CountingProxy(target[0], Integer.parseInt(target[1]))) {
            ProducerConfig config = ProducerConfig.builder()
                    .bootstrapServers("127.0.0.1:" + proxy.port())
                    .securityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                    .sasl(SaslSettings.of(SaslMechanism.SCRAM_SHA_512, USER, Password.of("wrong")))
                    .maxBlockMs(10_000)
                    .build();
            List<Throwable> failures = new ArrayList<>();
            // Bounded by events: keep sending until the producer has connected four times. The deadline only
            // bounds a producer that stops trying altogether.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config)) {
                while (proxy.connections.get() < 4 && System.nanoTime() < deadline) {
                    failures.add(failureOf(producer.send(ProducerRecord.of("storm", "x".getBytes(StandardCharsets.UTF_8)))));
                    Thread.sleep(50);
                }
            }
            assertThat(failures).isNotEmpty().allSatisfy(f -> assertThat(f).isInstanceOf(AuthenticationException.class));
            List<Long> accepted = List.copyOf(proxy.acceptedNanos);
            assertThat(accepted).as("connection attempts before the deadline").hasSizeGreaterThanOrEqualTo(4);
            // Each refusal is followed by the longest reconnect backoff (1 s, jittered to 0.8-1.2 s) before the
            // next attempt; a slow machine only makes the gaps longer. A storm would reconnect within milliseconds.
            for (int i = 1; i < accepted.size(); i++) {
                assertThat(TimeUnit.NANOSECONDS.toMillis(accepted.get(i) - accepted.get(i - 1)))
                        .as("milliseconds between connection attempts %d and %d", i, i + 1).isGreaterThanOrEqualTo(750);
            }
        }
    }

    @Test
    void aBrokerRequiringClientCertificatesTakesOnesFromPemOrKeystoreFilesAndRefusesTheRest() throws Exception {
        BrokerSecurity security = BrokerSecurity.of(ListenerSecurity.SSL).withClientAuthRequired(true);
        try (KafkaBroker broker = KafkaBrokers.dedicated(BrokerSpec.of("4.4.0").withSecurity(security))) {
            KeyMaterial client = CERTIFICATES.client();
            TlsSettings.Builder trusting = TlsSettings.builder().trustCertificates(CERTIFICATES.ca().certificatePem());
            List<TlsSettings> accepted = List.of(
                    trusting.keyPem(client.certificateChainPem(), client.encryptedPrivateKeyPem(),
                            Password.of(client.encryptedPrivateKeyPassword())).build(),
                    TlsSettings.builder().trustStore(CERTIFICATES.ca().truststorePkcs12(), "PKCS12",
                                    Password.of(CERTIFICATES.ca().truststorePassword()))
                            .keyStore(client.keystorePkcs12(), "PKCS12", Password.of(client.keystorePassword()), null)
                            .build());
            List<Sent> sent = new ArrayList<>();
            for (TlsSettings tls : accepted) {
                sent.addAll(sendAndAwait(configFor(broker, SecurityProtocol.SSL).tls(tls).build(), "mtls", 10));
            }
            assertReadBack(broker, "mtls", sent);

            KeyMaterial stranger = CERTIFICATES.untrustedClient();
            for (TlsSettings refused : List.of(
                    TlsSettings.builder().trustCertificates(CERTIFICATES.ca().certificatePem()).build(),
                    TlsSettings.builder().trustCertificates(CERTIFICATES.ca().certificatePem())
                            .keyPem(stranger.certificateChainPem(), stranger.privateKeyPem(), null).build())) {
                List<Throwable> failures = sendExpectingFailures(configFor(broker, SecurityProtocol.SSL).tls(refused).build(),
                        "mtls", 2);
                assertThat(failures).hasSize(2).allSatisfy(f -> assertThat(f).isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("TLS"));
            }
        }
    }

    // ---- helpers ----

    /** A record that was sent, and where the producer says it was written. */
    private record Sent(String key, String value, SendResult result) {

        /** Where it is and what it holds, as the read-back must find it. */
        String expected() {
            return result.partition() + "@" + result.offset() + " " + key + "=" + value;
        }
    }

    private static List<Sent> sendAndAwait(ProducerConfig config, String topic, int count) throws Exception {
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config)) {
            for (int i = 0; i < count; i++) {
                keys.add("key-" + i);
                values.add(topic + "-" + i + "-" + System.nanoTime());
                futures.add(producer.send(ProducerRecord.of(topic, keys.get(i).getBytes(StandardCharsets.UTF_8),
                        values.get(i).getBytes(StandardCharsets.UTF_8))));
            }
            List<Sent> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add(new Sent(keys.get(i), values.get(i), futures.get(i).get(60, TimeUnit.SECONDS)));
            }
            return sent;
        }
    }

    /**
     * The topic, read to its end by kcat, holds exactly what was sent: each key and value at the
     * partition and offset its send reported, nothing missing, nothing twice, nothing else.
     */
    private static void assertReadBack(KafkaBroker broker, String topic, List<Sent> sent) {
        List<ConsumedRecord> all = KcatReader.readToEnd(broker, topic, Duration.ofSeconds(30));
        assertThat(all).extracting(r -> r.partition() + "@" + r.offset() + " " + r.key() + "=" + r.value())
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(Sent::expected).toList());
    }

    /** Sends {@code count} records and returns what each send failed with; all must fail within a minute. */
    private static List<Throwable> sendExpectingFailures(ProducerConfig config, String topic, int count) throws Exception {
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        AtomicInteger completions = new AtomicInteger();
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config)) {
            for (int i = 0; i < count; i++) {
                CompletableFuture<SendResult> future = producer.send(ProducerRecord.of(topic,
                        ("v" + i).getBytes(StandardCharsets.UTF_8)));
                future.whenComplete((r, e) -> completions.incrementAndGet());
                futures.add(future);
            }
            List<Throwable> failures = new ArrayList<>();
            for (CompletableFuture<SendResult> future : futures) {
                failures.add(failureOf(future));
            }
            assertThat(completions.get()).as("every send completes exactly once").isEqualTo(count);
            return failures;
        }
    }

    private static Throwable failureOf(CompletableFuture<SendResult> future) throws Exception {
        try {
            SendResult result = future.get(60, TimeUnit.SECONDS);
            throw new AssertionError("expected the send to fail, but it was written at offset " + result.offset());
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /**
     * The broker's own metrics, read over JMX from its JVM (the JDK's attach API starts the local
     * management agent there): what the broker saw, not what the producer says it did.
     */
    static final class BrokerMetrics implements AutoCloseable {
        private final JMXConnector connector;
        private final MBeanServerConnection server;

        private BrokerMetrics(JMXConnector connector) throws IOException {
            this.connector = connector;
            this.server = connector.getMBeanServerConnection();
        }

        static BrokerMetrics of(KafkaBroker broker) throws Exception {
            // The broker JVM is the one started with this broker's server.properties.
            String config = broker.logDirectory().orElseThrow().getParent().resolve("server.properties").toString();
            ProcessHandle process = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(line -> line.endsWith(" " + config)).orElse(false))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no JVM runs " + config));
            return new BrokerMetrics(LocalJmx.connect(process.pid()));
        }

        /** SASL authentications the broker completed on a listener: new sessions plus re-authentications. */
        long authentications(String listener) throws Exception {
            double total = 0;
            for (ObjectName name : server.queryNames(new ObjectName(
                    "kafka.server:type=socket-server-metrics,listener=" + listener + ",networkProcessor=*"), null)) {
                total += ((Number) server.getAttribute(name, "successful-authentication-total")).doubleValue();
                total += ((Number) server.getAttribute(name, "successful-reauthentication-total")).doubleValue();
            }
            return (long) total;
        }

        @Override
        public void close() throws IOException {
            connector.close();
        }
    }

    /** A TCP proxy that counts the connections it forwards. */
    static final class CountingProxy implements AutoCloseable {
        final AtomicInteger connections = new AtomicInteger();
        final List<Long> acceptedNanos = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final ServerSocket server;
        private final List<Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();

        CountingProxy(String host, int port) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        acceptedNanos.add(System.nanoTime());
                        connections.incrementAndGet();
                        Socket upstream = new Socket(host, port);
                        sockets.add(client);
                        sockets.add(upstream);
                        pump(client, upstream);
                        pump(upstream, client);
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "counting-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private static void pump(Socket from, Socket to) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                    }
                } catch (IOException e) {
                    // one side closed
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // nothing to do
                    }
                }
            }, "counting-proxy-pump");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
