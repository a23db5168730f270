package dev.legacykafka.client.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.errors.LegacyKafkaException;
import dev.legacykafka.client.errors.NetworkException;
import dev.legacykafka.client.errors.ProtocolException;
import dev.legacykafka.client.errors.TimeoutException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the network client against a scripted peer on a real loopback socket: whatever the peer
 * sends, every request completes exactly once, and a frame out of step closes the connection.
 */
class NetworkClientTest {

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void responsesAreMatchedToRequestsInOrder() throws Exception {
        ScriptedPeer peer = start((in, out) -> {
            for (int i = 0; i < 3; i++) {
                int correlationId = readRequest(in);
                writeFrame(out, correlationId, new byte[] {(byte) i});
            }
        });
        Fixture client = connect(peer);
        List<Outcome> outcomes = List.of(client.send(), client.send(), client.send());
        client.pollUntil(() -> outcomes.stream().allMatch(Outcome::done));

        for (int i = 0; i < 3; i++) {
            Outcome outcome = outcomes.get(i);
            assertThat(outcome.failure).isNull();
            assertThat(outcome.responses).isEqualTo(1);
            assertThat(outcome.lastBody.getInt(0)).isEqualTo(outcome.correlationId);
            assertThat(outcome.lastBody.get(4)).isEqualTo((byte) i);
        }
    }

    @Test
    void unknownCorrelationIdClosesTheConnectionAndFailsEveryRequest() throws Exception {
        ScriptedPeer peer = start((in, out) -> {
            int first = readRequest(in);
            readRequest(in);
            writeFrame(out, first + 1000, new byte[0]);
            in.read(); // hold the socket open until the client closes it
        });
        Fixture client = connect(peer);
        List<Outcome> outcomes = List.of(client.send(), client.send());
        client.pollUntil(() -> outcomes.stream().allMatch(Outcome::done));

        for (Outcome outcome : outcomes) {
            assertThat(outcome.responses).isZero();
            assertThat(outcome.failure).isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("correlation id");
        }
        assertThat(client.network.connection(1)).isNull();
        assertThat(client.disconnects).hasSize(1);
    }

    @Test
    void responseItsHandlerCannotParseFailsThatRequestAndTheRestOnTheConnection() throws Exception {
        ScriptedPeer peer = start((in, out) -> {
            int first = readRequest(in);
            int second = readRequest(in);
            writeFrame(out, first, new byte[] {1, 2, 3});
            writeFrame(out, second, new byte[] {4});
            in.read();
        });
        Fixture client = connect(peer);
        Outcome unparsable = client.send(body -> {
            throw new ProtocolException("trailing bytes after the body");
        });
        Outcome next = client.send();
        client.pollUntil(() -> unparsable.done() && next.done());

        assertThat(unparsable.failure).isInstanceOf(ProtocolException.class).hasMessageContaining("trailing bytes");
        assertThat(unparsable.responses).isZero();
        assertThat(next.failure).isInstanceOf(ProtocolException.class);
        assertThat(next.responses).isZero();
    }

    @Test
    void impossibleFrameSizeIsAProtocolError() throws Exception {
        ScriptedPeer peer = start((in, out) -> {
            readRequest(in);
            out.writeInt(-5);
            out.flush();
            in.read();
        });
        Fixture client = connect(peer);
        Outcome outcome = client.send();
        client.pollUntil(outcome::done);

        assertThat(outcome.failure).isInstanceOf(ProtocolException.class).hasMessageContaining("-5 bytes");
    }

    @Test
    void brokerClosingMidResponseFailsInFlightRequestsWithANetworkError() throws Exception {
        ScriptedPeer peer = start((in, out) -> {
            readRequest(in);
            out.writeInt(100);
            out.write(new byte[10]);
            out.flush();
        });
        Fixture client = connect(peer);
        Outcome outcome = client.send();
        client.pollUntil(outcome::done);

        assertThat(outcome.failure).isInstanceOf(NetworkException.class).hasMessageContaining("closed the connection");
        assertThat(outcome.failure.isRetriable()).isTrue();
    }

    @Test
    void requestWithoutAnswerTimesOutAndClosesTheConnection() throws Exception {
        ScriptedPeer peer = start((in, out) -> {
            readRequest(in);
            in.read();
        });
        Fixture client = connect(peer);
        Outcome outcome = client.send(200);
        client.pollUntil(outcome::done);

        assertThat(outcome.failure).isInstanceOf(TimeoutException.class).hasMessageContaining("request timeout");
        assertThat(client.network.connection(1)).isNull();
    }

    @Test
    void requestWithoutResponseCompletesOnceWritten() throws Exception {
        ScriptedPeer peer = start((in, out) -> {
            readRequest(in);
            in.read();
        });
        Fixture client = connect(peer);
        Outcome outcome = client.sendWithoutResponse();
        client.pollUntil(outcome::done);

        assertThat(outcome.failure).isNull();
        assertThat(outcome.responses).isEqualTo(1);
        assertThat(outcome.lastBody).isNull();
    }

    @Test
    void refusedConnectionIsReportedAndBacksOff() throws Exception {
        int port;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = unused.getLocalPort();
        }
        List<LegacyKafkaException> disconnects = new ArrayList<>();
        // The test drives the clock: backoff windows do not depend on how fast this machine is.
        AtomicLong clock = new AtomicLong(1_000_000);
        NetworkClient network = new NetworkClient(NetworkSettings.defaults(), TransportFactory.plaintext(),
                new ConnectionListener() {
                    @Override
                    public void onConnected(BrokerConnection connection, long nowMs) {
                    }

                    @Override
                    public void onDisconnected(BrokerNode node, LegacyKafkaException cause, long nowMs) {
                        disconnects.add(cause);
                    }
                }, clock::get);
        resources.add(network);
        BrokerNode node = new BrokerNode(7, "127.0.0.1", port);
        network.maybeConnect(node, clock.get());
        pollUntil(network, () -> !disconnects.isEmpty());
        assertThat(disconnects).hasSize(1);
        assertThat(disconnects.get(0)).isInstanceOf(NetworkException.class).hasMessageContaining("127.0.0.1:" + port);

        // The first backoff: 50 ms (reconnect-backoff), jittered by up to 20 %.
        long failedAt = clock.get();
        long firstDelay = network.reconnectDelayMs(7, failedAt);
        assertThat(firstDelay).isBetween(40L, 60L);
        clock.set(failedAt + firstDelay - 1);
        assertThat(network.maybeConnect(node, clock.get())).as("no attempt 1 ms before the backoff ends").isFalse();
        network.poll(0);
        assertThat(disconnects).as("no attempt made").hasSize(1);

        // Once it is over, a new attempt is made; refused again, the backoff doubles.
        clock.set(failedAt + firstDelay);
        assertThat(network.reconnectDelayMs(7, clock.get())).isZero();
        network.maybeConnect(node, clock.get());
        pollUntil(network, () -> disconnects.size() == 2);
        assertThat(network.reconnectDelayMs(7, clock.get())).isBetween(80L, 120L);
    }

    /** Polls until the condition holds, failing after 10 s of real time (the I/O is real). */
    private static void pollUntil(NetworkClient network, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition reached within 10 s").isLessThan(deadline);
            network.poll(50);
        }
    }

    @Test
    void bareSaslTokensTravelWithoutHeadersAndMayBeAnsweredByAnEmptyToken() throws Exception {
        List<byte[]> received = new ArrayList<>();
        ScriptedPeer peer = start((in, out) -> {
            for (byte[] answer : new byte[][] {"server-first".getBytes(), new byte[0]}) {
                byte[] token = new byte[in.readInt()];
                in.readFully(token);
                received.add(token);
                out.writeInt(answer.length);
                out.write(answer);
                out.flush();
            }
            in.read();
        });
        Fixture client = connectWithoutHandshake(peer);
        BrokerConnection connection = client.network.connection(1);
        Outcome first = new Outcome();
        Outcome second = new Outcome();
        client.network.sendRawHandshakeToken(connection, "client-first".getBytes(), first, 5_000, NetworkClient.nowMs());
        client.network.sendRawHandshakeToken(connection, new byte[] {0, 'u', 0, 'p'}, second, 5_000, NetworkClient.nowMs());
        client.pollUntil(() -> first.done() && second.done());

        assertThat(first.failure).isNull();
        assertThat(new String(toArray(first.lastBody))).isEqualTo("server-first");
        assertThat(second.failure).isNull();
        assertThat(second.lastBody.remaining()).isZero();
        assertThat(received).hasSize(2);
        assertThat(new String(received.get(0))).isEqualTo("client-first");
        assertThat(received.get(1)).containsExactly(0, 'u', 0, 'p');
        assertThat(connection.state()).isEqualTo(BrokerConnection.State.HANDSHAKE);
    }

    @Test
    void aTlsAnswerToAPlainRequestIsExplained() throws Exception {
        ScriptedPeer peer = start((in, out) -> {
            readRequest(in);
            // A TLS alert record: content type 21, version 3.3, length 2, fatal unexpected_message.
            out.write(new byte[] {21, 3, 3, 0, 2, 2, 10});
            out.flush();
            in.read();
        });
        Fixture client = connect(peer);
        Outcome outcome = client.send();
        client.pollUntil(outcome::done);

        assertThat(outcome.failure).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("look like a TLS record").hasMessageContaining("SSL or SASL_SSL");
    }

    // ---- fixture ----

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private Fixture connectWithoutHandshake(ScriptedPeer peer) {
        Fixture fixture = new Fixture();
        resources.add(fixture.network);
        fixture.network.maybeConnect(new BrokerNode(1, "127.0.0.1", peer.port()), NetworkClient.nowMs());
        fixture.pollUntil(() -> fixture.network.connection(1) != null
                && fixture.network.connection(1).state() == BrokerConnection.State.HANDSHAKE);
        return fixture;
    }

    private ScriptedPeer start(PeerScript script) throws IOException {
        ScriptedPeer peer = new ScriptedPeer(script);
        resources.add(peer);
        return peer;
    }

    private Fixture connect(ScriptedPeer peer) throws Exception {
        Fixture fixture = new Fixture();
        resources.add(fixture.network);
        BrokerNode node = new BrokerNode(1, "127.0.0.1", peer.port());
        fixture.network.maybeConnect(node, NetworkClient.nowMs());
        fixture.pollUntil(() -> fixture.network.connection(1) != null
                && fixture.network.connection(1).state() == BrokerConnection.State.HANDSHAKE);
        fixture.network.markReady(fixture.network.connection(1));
        return fixture;
    }

    private static int readRequest(DataInputStream in) throws IOException {
        int size = in.readInt();
        byte[] body = new byte[size];
        in.readFully(body);
        return ByteBuffer.wrap(body).getInt(4);
    }

    private static void writeFrame(DataOutputStream out, int correlationId, byte[] body) throws IOException {
        out.writeInt(4 + body.length);
        out.writeInt(correlationId);
        out.write(body);
        out.flush();
    }

    @FunctionalInterface
    interface PeerScript {
        void run(DataInputStream in, DataOutputStream out) throws IOException;
    }

    static final class ScriptedPeer implements AutoCloseable {
        private final ServerSocket server;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        ScriptedPeer(PeerScript script) throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread thread = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    script.run(new DataInputStream(socket.getInputStream()), new DataOutputStream(socket.getOutputStream()));
                    done.complete(null);
                } catch (IOException e) {
                    done.complete(null);
                }
            }, "scripted-peer");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    static final class Outcome implements ResponseHandler {
        int correlationId;
        int responses;
        ByteBuffer lastBody;
        LegacyKafkaException failure;
        int failures;
        java.util.function.Consumer<ByteBuffer> parser = b -> { };

        boolean done() {
            return responses + failures > 0;
        }

        @Override
        public void onResponse(ByteBuffer response, long nowMs) {
            if (response != null) {
                parser.accept(response);
            }
            responses++;
            lastBody = response;
        }

        @Override
        public void onFailure(LegacyKafkaException cause, long nowMs) {
            failures++;
            failure = cause;
            assertThat(failures).as("a request fails at most once").isEqualTo(1);
        }
    }

    final class Fixture {
        final List<LegacyKafkaException> disconnects = new ArrayList<>();
        final NetworkClient network = new NetworkClient(NetworkSettings.defaults(), new ConnectionListener() {
            @Override
            public void onConnected(BrokerConnection connection, long nowMs) {
            }

            @Override
            public void onDisconnected(BrokerNode node, LegacyKafkaException cause, long nowMs) {
                disconnects.add(cause);
            }
        });

        Outcome send() {
            return send(5_000);
        }

        Outcome send(long timeoutMs) {
            return send(timeoutMs, true, b -> { });
        }

        Outcome send(java.util.function.Consumer<ByteBuffer> parser) {
            return send(5_000, true, parser);
        }

        Outcome sendWithoutResponse() {
            return send(5_000, false, b -> { });
        }

        private Outcome send(long timeoutMs, boolean expectResponse, java.util.function.Consumer<ByteBuffer> parser) {
            Outcome outcome = new Outcome();
            outcome.parser = parser;
            outcome.correlationId = network.send(1, (short) 18, (short) 0, expectResponse, correlationId -> {
                ByteBuffer frame = ByteBuffer.allocate(14);
                frame.putInt(10).putShort((short) 18).putShort((short) 0).putInt(correlationId).putShort((short) -1);
                return frame.flip();
            }, outcome, timeoutMs, NetworkClient.nowMs());
            return outcome;
        }

        void pollUntil(java.util.function.BooleanSupplier condition) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!condition.getAsBoolean()) {
                assertThat(System.nanoTime()).as("condition reached within 10 s").isLessThan(deadline);
                network.poll(20);
            }
        }
    }

}
