package dev.legacykafka.client.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.errors.AuthenticationException;
import dev.legacykafka.client.errors.LegacyKafkaException;
import dev.legacykafka.client.security.Password;
import dev.legacykafka.client.security.SslContextFactory;
import dev.legacykafka.client.security.TlsSettings;
import dev.legacykafka.test.security.KeyMaterial;
import dev.legacykafka.test.security.TestCertificates;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The TLS transport against the JDK's own TLS server on loopback, with certificates generated for
 * the test: frames of every size arrive intact, and every refusal (untrusted CA, wrong host name,
 * missing client certificate) ends in one {@link AuthenticationException} that says why.
 */
class TlsTransportTest {

    private static final TestCertificates CERTIFICATES = TestCertificates.shared();

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void framesOfEverySizeCrossTlsIntact() throws Exception {
        EchoServer server = start(CERTIFICATES.broker(), false);
        Client client = connect(server, trustingCa().build());

        int[] sizes = {0, 1, 100, 16 * 1024 - 5, 16 * 1024 + 7, 200_000, 3 * 1024 * 1024};
        List<Received> replies = new ArrayList<>();
        for (int size : sizes) {
            replies.add(client.send(size));
        }
        client.pollUntil(() -> replies.stream().allMatch(r -> r.body != null || r.failure != null));

        for (int i = 0; i < sizes.length; i++) {
            Received reply = replies.get(i);
            assertThat(reply.failure).isNull();
            // The echo server answers each request with its size and a pattern of that many bytes.
            assertThat(reply.body.getInt(4)).isEqualTo(sizes[i]);
            assertThat(reply.body.remaining()).isEqualTo(8 + sizes[i]);
            for (int j = 0; j < sizes[i]; j += 997) {
                assertThat(reply.body.get(8 + j)).isEqualTo((byte) j);
            }
        }
        assertThat(client.disconnects).isEmpty();
    }

    @Test
    void aBrokerCertificateFromAnUntrustedCaIsRefused() throws Exception {
        EchoServer server = start(CERTIFICATES.untrustedBroker(), false);
        Client client = connectExpectingFailure(server, trustingCa().build());

        assertThat(client.disconnects).hasSize(1);
        assertThat(client.disconnects.get(0)).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("TLS handshake with broker 127.0.0.1:" + server.port())
                .hasMessageContaining("certification path");
        // The test's clock stands still: the delay is the whole backoff, the longest one (1 s, jittered by 20 %).
        assertThat(client.network.reconnectDelayMs(1, client.clock.get()))
                .as("an authentication failure waits the longest backoff").isBetween(800L, 1200L);
        client.clock.addAndGet(client.network.reconnectDelayMs(1, client.clock.get()) - 1);
        assertThat(client.network.maybeConnect(new BrokerNode(1, "127.0.0.1", server.port()), client.clock.get()))
                .as("no attempt 1 ms before the backoff ends").isFalse();
    }

    @Test
    void aCertificateForAnotherHostIsRefusedUnlessHostnameVerificationIsOff() throws Exception {
        EchoServer server = start(CERTIFICATES.wrongHostBroker(), false);
        Client refused = connectExpectingFailure(server, trustingCa().build());

        assertThat(refused.disconnects.get(0)).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("127.0.0.1");

        Client accepted = connect(server, trustingCa().hostnameVerification(false).build());
        Received reply = accepted.send(10);
        accepted.pollUntil(() -> reply.body != null || reply.failure != null);
        assertThat(reply.failure).isNull();
    }

    @Test
    void aBrokerRequiringClientCertificatesRefusesAClientWithout() throws Exception {
        EchoServer server = start(CERTIFICATES.broker(), true);
        Client client = connectExpectingFailureOrFirstRequest(server, trustingCa().build());

        assertThat(client.disconnects).hasSize(1);
        assertThat(client.disconnects.get(0)).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("127.0.0.1:" + server.port());
    }

    @Test
    void clientCertificatesFromPemKeystoreOrEncryptedPemAreAccepted() throws Exception {
        KeyMaterial key = CERTIFICATES.client();
        List<TlsSettings> variants = List.of(
                trustingCa().keyPem(key.certificateChainPem(), key.privateKeyPem(), null).build(),
                trustingCa().keyPem(key.certificateChainPem(), key.encryptedPrivateKeyPem(),
                        Password.of(key.encryptedPrivateKeyPassword())).build(),
                trustingCa().keyStore(key.keystorePkcs12(), "PKCS12", Password.of(key.keystorePassword()), null).build(),
                TlsSettings.builder().trustStore(CERTIFICATES.ca().truststoreJks(), "JKS",
                        Password.of(CERTIFICATES.ca().truststorePassword()))
                        .keyStore(key.keystoreJks(), "JKS", Password.of(key.keystorePassword()), null).build());
        for (TlsSettings settings : variants) {
            EchoServer server = start(CERTIFICATES.broker(), true);
            Client client = connect(server, settings);
            Received reply = client.send(1000);
            client.pollUntil(() -> reply.body != null || reply.failure != null);
            assertThat(reply.failure).as(settings.toString()).isNull();
            assertThat(server.clientSubjects).singleElement().asString().contains("CN=legacy-kafka-test-client");
        }
    }

    // ---- fixture ----

    private static TlsSettings.Builder trustingCa() {
        return TlsSettings.builder().trustCertificates(CERTIFICATES.ca().certificatePem());
    }

    private EchoServer start(KeyMaterial serverKey, boolean needClientAuth) throws Exception {
        EchoServer server = new EchoServer(serverKey, needClientAuth);
        resources.add(server);
        return server;
    }

    private Client connect(EchoServer server, TlsSettings settings) {
        Client client = new Client(settings);
        client.network.maybeConnect(new BrokerNode(1, "127.0.0.1", server.port()), client.clock.get());
        client.pollUntil(() -> client.network.connection(1) != null
                && client.network.connection(1).state() == BrokerConnection.State.HANDSHAKE || !client.disconnects.isEmpty());
        assertThat(client.disconnects).isEmpty();
        client.network.markReady(client.network.connection(1));
        return client;
    }

    private Client connectExpectingFailure(EchoServer server, TlsSettings settings) {
        Client client = new Client(settings);
        client.network.maybeConnect(new BrokerNode(1, "127.0.0.1", server.port()), client.clock.get());
        client.pollUntil(() -> !client.disconnects.isEmpty());
        assertThat(client.network.connection(1)).isNull();
        return client;
    }

    /** With TLS 1.3 the server refuses a missing client certificate after the client's handshake ends. */
    private Client connectExpectingFailureOrFirstRequest(EchoServer server, TlsSettings settings) {
        Client client = new Client(settings);
        client.network.maybeConnect(new BrokerNode(1, "127.0.0.1", server.port()), client.clock.get());
        client.pollUntil(() -> !client.disconnects.isEmpty() || client.network.connection(1) != null
                && client.network.connection(1).state() == BrokerConnection.State.HANDSHAKE);
        if (client.disconnects.isEmpty()) {
            client.network.markReady(client.network.connection(1));
            Received reply = client.send(10);
            client.pollUntil(() -> reply.failure != null || reply.body != null);
            assertThat(reply.body).isNull();
            assertThat(reply.failure).isInstanceOf(AuthenticationException.class);
        }
        return client;
    }

    final class Client {
        final List<LegacyKafkaException> disconnects = new ArrayList<>();
        /** The network client's clock, driven by the test: it moves only when a test moves it. */
        final AtomicLong clock = new AtomicLong(1_000_000);
        final NetworkClient network;

        Client(TlsSettings settings) {
            network = new NetworkClient(NetworkSettings.defaults(), TransportFactory.tls(SslContextFactory.create(settings),
                    settings.hostnameVerification(), settings.protocols(), settings.cipherSuites()), new ConnectionListener() {
                @Override
                public void onConnected(BrokerConnection connection, long nowMs) {
                }

                @Override
                public void onDisconnected(BrokerNode node, LegacyKafkaException cause, long nowMs) {
                    disconnects.add(cause);
                }
            }, clock::get);
            resources.add(network);
        }

        /** Sends a request asking for {@code size} bytes back. */
        Received send(int size) {
            Received received = new Received();
            network.send(1, (short) 18, (short) 0, true, correlationId -> {
                ByteBuffer frame = ByteBuffer.allocate(16);
                frame.putInt(12).putShort((short) 18).putShort((short) 0).putInt(correlationId).putInt(size);
                return frame.flip();
            }, received, 10_000, clock.get());
            return received;
        }

        void pollUntil(BooleanSupplier condition) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!condition.getAsBoolean()) {
                assertThat(System.nanoTime()).as("condition reached within 15 s").isLessThan(deadline);
                network.poll(20);
            }
        }
    }

    static final class Received implements ResponseHandler {
        ByteBuffer body;
        LegacyKafkaException failure;

        @Override
        public void onResponse(ByteBuffer response, long nowMs) {
            body = response;
        }

        @Override
        public void onFailure(LegacyKafkaException cause, long nowMs) {
            assertThat(failure).as("fails once").isNull();
            failure = cause;
        }
    }

    /** A TLS server that answers each request frame with a frame of the size the request asks for. */
    static final class EchoServer implements AutoCloseable {
        final List<String> clientSubjects = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final SSLServerSocket server;

        EchoServer(KeyMaterial key, boolean needClientAuth) throws Exception {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(key.keystorePkcs12())) {
                keyStore.load(in, key.keystorePassword().toCharArray());
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, key.keystorePassword().toCharArray());
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(CERTIFICATES.ca().truststorePkcs12())) {
                trustStore.load(in, CERTIFICATES.ca().truststorePassword().toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
            server.setNeedClientAuth(needClientAuth);
            Thread thread = new Thread(this::serve, "tls-echo-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) socket;
                    tls.startHandshake();
                    if (server.getNeedClientAuth()) {
                        clientSubjects.add(((java.security.cert.X509Certificate) tls.getSession().getPeerCertificates()[0])
                                .getSubjectX500Principal().getName());
                    }
                    DataInputStream in = new DataInputStream(socket.getInputStream());
                    DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(socket.getOutputStream()));
                    while (true) {
                        int length = in.readInt();
                        byte[] request = new byte[length];
                        in.readFully(request);
                        ByteBuffer header = ByteBuffer.wrap(request);
                        int correlationId = header.getInt(4);
                        int size = header.getInt(8);
                        out.writeInt(8 + size);
                        out.writeInt(correlationId);
                        out.writeInt(size);
                        for (int i = 0; i < size; i++) {
                            out.write(i);
                        }
                        out.flush();
                    }
                } catch (IOException e) {
                    // The client went away or refused us; wait for the next one.
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
