package dev.legacykafka.test.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.test.proxy.FrameClient.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** FaultProxy against an in-process server that speaks Kafka framing. */
@Timeout(30)
class FaultProxyTest {

    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(3);
    private static final Duration QUIET = Duration.ofMillis(400);
    private static final short METADATA = 3;
    private static final short API_VERSIONS = 18;
    private static final byte[] ACKS_0 = {0};
    private static final byte[] ACKS_1 = {1};

    private FakeKafkaServer broker;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        broker = new FakeKafkaServer();
        proxy = FaultProxy.start("127.0.0.1", broker.port());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        broker.close();
    }

    @Test
    void forwardsFramesFromZeroBytesToOneMegabyteSplitAcrossReads() throws Exception {
        Random random = new Random(42);
        int[] sizes = {0, 1, 7, 4095, 65_536 + 13, 1024 * 1024};
        long bytesUp = 0;
        try (FrameClient client = new FrameClient(proxy.port())) {
            int correlationId = 0;
            for (int size : sizes) {
                byte[] body = new byte[size];
                random.nextBytes(body);
                byte[] frame = FrameClient.request(API_VERSIONS, ++correlationId, body);
                writeInPieces(client, frame, random);
                bytesUp += frame.length;
                Response response = client.read();
                assertThat(response.correlationId()).isEqualTo(correlationId);
                assertThat(response.body()).as("%d byte body", size).isEqualTo(body);
            }
            // A frame of size 0 (no header at all) goes through too.
            client.write(new byte[4]);
            bytesUp += 4;
            assertThat(client.readRaw(4)).isEqualTo(new byte[4]);

            // Many frames in one write, answered in order.
            byte[] pipelined = new byte[0];
            for (int i = 0; i < 50; i++) {
                byte[] frame = FrameClient.request(API_VERSIONS, 1000 + i, new byte[] {(byte) i});
                pipelined = concat(pipelined, frame);
            }
            client.write(pipelined);
            bytesUp += pipelined.length;
            for (int i = 0; i < 50; i++) {
                Response response = client.read();
                assertThat(response.correlationId()).isEqualTo(1000 + i);
                assertThat(response.body()).containsExactly((byte) i);
            }
        }
        long expectedUp = bytesUp;
        long expectedDown = expectedUp - 4L * (sizes.length + 50);
        eventually(() -> proxy.stats().connectionsOpen() == 0);
        // The writer counts a response after its write returns, so the client may have read it a moment earlier.
        eventually(() -> proxy.stats().bytesDown() >= expectedDown && proxy.stats().bytesUp() >= expectedUp);
        ProxyStats stats = proxy.stats();
        assertThat(stats.connectionsAccepted()).isEqualTo(1);
        assertThat(stats.requestsForwarded()).isEqualTo(sizes.length + 1 + 50);
        assertThat(stats.bytesUp()).isEqualTo(expectedUp);
        // Each answer is 4 bytes shorter than its request (the header loses api key and version), the empty frame equal.
        assertThat(stats.bytesDown()).isEqualTo(expectedDown);
        assertThat(stats.responsesDropped()).isZero();
    }

    @Test
    void cutClosesEveryConnectionOnBothSidesAndAcceptsNewOnes() throws Exception {
        try (FrameClient a = new FrameClient(proxy.port()); FrameClient b = new FrameClient(proxy.port())) {
            roundTrip(a, 1);
            roundTrip(b, 2);
            assertThat(proxy.stats().connectionsOpen()).isEqualTo(2);
            proxy.cutConnections();
            a.expectClosed(CLOSED_WITHIN);
            b.expectClosed(CLOSED_WITHIN);
            eventually(() -> broker.openConnections() == 0);
            assertThat(proxy.stats().connectionsOpen()).isZero();
        }
        try (FrameClient c = new FrameClient(proxy.port())) {
            roundTrip(c, 3);
        }
        assertThat(proxy.stats().connectionsAccepted()).isEqualTo(3);
    }

    @Test
    void refusedConnectionsAreClosedAtOnceWhileOpenOnesGoOn() throws Exception {
        try (FrameClient open = new FrameClient(proxy.port())) {
            roundTrip(open, 1);
            proxy.refuseConnections(true);
            try (FrameClient refused = new FrameClient(proxy.port())) {
                refused.expectClosed(CLOSED_WITHIN);
            }
            roundTrip(open, 2);
            proxy.refuseConnections(false);
            try (FrameClient later = new FrameClient(proxy.port())) {
                roundTrip(later, 3);
            }
        }
        assertThat(broker.acceptedConnections()).isEqualTo(2);
        assertThat(proxy.stats().connectionsAccepted()).isEqualTo(3);
    }

    @Test
    void blackholeSwallowsEverythingAndHealClosesItsConnections() throws Exception {
        try (FrameClient before = new FrameClient(proxy.port())) {
            roundTrip(before, 1);
            proxy.blackhole(true);
            before.send(API_VERSIONS, 2, new byte[10]);
            before.expectSilence(QUIET);
            try (FrameClient during = new FrameClient(proxy.port())) {
                during.send(API_VERSIONS, 3, new byte[10]);
                during.expectSilence(QUIET);
                assertThat(broker.receivedCorrelationId(2)).isFalse();
                assertThat(broker.receivedCorrelationId(3)).isFalse();
                assertThat(broker.acceptedConnections()).isEqualTo(1);
                assertThat(proxy.stats().connectionsOpen()).isEqualTo(2);

                proxy.heal();
                before.expectClosed(CLOSED_WITHIN);
                during.expectClosed(CLOSED_WITHIN);
            }
        }
        try (FrameClient after = new FrameClient(proxy.port())) {
            roundTrip(after, 4);
        }
        assertThat(broker.receivedCorrelationId(2)).isFalse();
    }

    @Test
    void aBlackholedClientDoesNotSeeTheBrokerHangUp() throws Exception {
        try (FrameClient client = new FrameClient(proxy.port())) {
            roundTrip(client, 1);
            proxy.blackhole(true);
            broker.closeConnections();
            client.expectSilence(QUIET);
            proxy.blackhole(false);
            client.expectClosed(CLOSED_WITHIN);
        }
    }

    @Test
    void aStreamThatIsNotKafkaFramesIsClosed() throws Exception {
        try (FrameClient client = new FrameClient(proxy.port())) {
            client.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01}); // a TLS ClientHello's first bytes
            client.expectClosed(CLOSED_WITHIN);
        }
        assertThat(proxy.stats().requestsForwarded()).isZero();
    }

    @Test
    void delayHoldsEveryResponseAndKeepsTheirOrder() throws Exception {
        try (FrameClient client = new FrameClient(proxy.port())) {
            roundTrip(client, 1);
            proxy.delay(Duration.ofMillis(500));
            long start = System.nanoTime();
            client.send(API_VERSIONS, 2, new byte[] {2});
            Thread.sleep(50);
            proxy.delay(Duration.ZERO); // the later response is due earlier but must wait for the first
            client.send(API_VERSIONS, 3, new byte[] {3});
            assertThat(client.read().correlationId()).isEqualTo(2);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(480));
            assertThat(client.read().correlationId()).isEqualTo(3);

            proxy.delay(Duration.ofMillis(300));
            start = System.nanoTime();
            for (int i = 10; i < 20; i++) {
                client.send(API_VERSIONS, i, new byte[i]);
            }
            for (int i = 10; i < 20; i++) {
                Response response = client.read();
                assertThat(response.correlationId()).isEqualTo(i);
                assertThat(response.body()).hasSize(i);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isBetween(Duration.ofMillis(280), Duration.ofMillis(2_000)); // not 10 x 300 ms

            proxy.heal();
            start = System.nanoTime();
            roundTrip(client, 30);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(250));
        }
    }

    @Test
    void dropResponsesSwallowsExactlyTheMatchingResponseThenClosesTheConnection() throws Exception {
        proxy.dropResponses(METADATA, 1);
        try (FrameClient client = new FrameClient(proxy.port())) {
            client.send(API_VERSIONS, 1, new byte[] {1});
            client.send(METADATA, 2, new byte[] {2});
            client.send(API_VERSIONS, 3, new byte[] {3});
            assertThat(client.read().correlationId()).isEqualTo(1);
            client.expectClosed(CLOSED_WITHIN);
        }
        assertThat(proxy.awaitDroppedResponses(1, Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(broker.receivedCorrelationId(2)).as("the broker did the work").isTrue();

        try (FrameClient next = new FrameClient(proxy.port())) { // the rule is used up
            next.send(METADATA, 4, new byte[] {4});
            assertThat(next.read().correlationId()).isEqualTo(4);
        }
        assertThat(proxy.stats().responsesDropped()).isEqualTo(1);
    }

    @Test
    void aRequestWithoutResponseDoesNotUseUpADrop() throws Exception {
        proxy.dropResponses(0, 1); // Produce
        try (FrameClient client = new FrameClient(proxy.port())) {
            client.send(0, 5, ACKS_0);      // the broker never answers this one
            client.send(API_VERSIONS, 6, new byte[] {6});
            client.send(0, 7, ACKS_1);      // this answer is dropped
            client.send(API_VERSIONS, 8, new byte[] {8});
            assertThat(client.read().correlationId()).isEqualTo(6);
            client.expectClosed(CLOSED_WITHIN);
        }
        assertThat(proxy.awaitDroppedResponses(1, Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(broker.receivedCorrelationId(5)).isTrue();
        assertThat(broker.receivedCorrelationId(7)).isTrue();
    }

    @Test
    void dropResponsesSilentlyKeepsTheConnectionOpenAndSilent() throws Exception {
        proxy.dropResponsesSilently(METADATA, 1);
        try (FrameClient client = new FrameClient(proxy.port())) {
            roundTrip(client, 1);
            client.send(METADATA, 2, new byte[] {2});
            assertThat(proxy.awaitDroppedResponses(1, Duration.ofSeconds(2))).isEqualTo(1);
            client.send(API_VERSIONS, 3, new byte[] {3});
            client.expectSilence(QUIET);
            assertThat(broker.receivedCorrelationId(3)).as("requests still reach the broker").isTrue();
            assertThat(proxy.stats().connectionsOpen()).isEqualTo(1);
            try (FrameClient other = new FrameClient(proxy.port())) { // other connections are fine
                roundTrip(other, 4);
                other.send(METADATA, 5, new byte[] {5});
                assertThat(other.read().correlationId()).isEqualTo(5);
            }
            proxy.cutConnections();
            client.expectClosed(CLOSED_WITHIN);
        }
        assertThat(proxy.stats().responsesDropped()).isEqualTo(1);
    }

    @Test
    void healClearsPendingDropsAndAwaitNamesTheCountOnTimeout() throws Exception {
        proxy.dropResponses(API_VERSIONS, 5);
        proxy.heal();
        try (FrameClient client = new FrameClient(proxy.port())) {
            roundTrip(client, 1);
        }
        assertThatThrownBy(() -> proxy.awaitDroppedResponses(1, Duration.ofMillis(100)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0 responses dropped");
    }

    @Test
    void retargetMovesLaterConnectionsOnly() throws Exception {
        try (FakeKafkaServer other = new FakeKafkaServer(); FrameClient old = new FrameClient(proxy.port())) {
            roundTrip(old, 1);
            proxy.retarget("127.0.0.1", other.port());
            assertThat(proxy.target()).isEqualTo("127.0.0.1:" + other.port());
            roundTrip(old, 2);
            try (FrameClient moved = new FrameClient(proxy.port())) {
                roundTrip(moved, 3);
            }
            assertThat(broker.receivedCorrelationId(2)).isTrue();
            assertThat(other.receivedCorrelationId(3)).isTrue();
            assertThat(broker.receivedCorrelationId(3)).isFalse();
        }
    }

    @Test
    void aTargetThatIsDownClosesTheClientConnection() throws Exception {
        int downPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            downPort = socket.getLocalPort();
        }
        proxy.retarget("127.0.0.1", downPort);
        try (FrameClient client = new FrameClient(proxy.port())) {
            client.send(API_VERSIONS, 1, new byte[0]);
            client.expectClosed(CLOSED_WITHIN);
        }
    }

    @Test
    void listensOnAGivenPortAndCloseFreesItAndEndsItsThreads() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        FaultProxy own = FaultProxy.start(port, "127.0.0.1", broker.port());
        assertThat(own.port()).isEqualTo(port);
        assertThat(own.address()).isEqualTo("127.0.0.1:" + port);
        try (FrameClient client = new FrameClient(port)) {
            roundTrip(client, 1);
            assertThat(threadsNamed("fault-proxy-" + port + "-")).isGreaterThanOrEqualTo(4);
            own.close();
            own.close(); // idempotent
            client.expectClosed(CLOSED_WITHIN);
        }
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        }
        eventually(() -> threadsNamed("fault-proxy-" + port + "-") == 0);
        eventually(() -> broker.openConnections() == 0);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> proxy.delay(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> proxy.dropResponses(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> proxy.retarget("127.0.0.1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultProxy.start(-1, "127.0.0.1", 9092)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultProxy.start(proxy.port(), "127.0.0.1", 9092))
                .hasMessageContaining(String.valueOf(proxy.port()));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void roundTrip(FrameClient client, int correlationId) throws IOException {
        byte[] body = {(byte) correlationId, 42};
        client.send(API_VERSIONS, correlationId, body);
        Response response = client.read();
        assertThat(response.correlationId()).isEqualTo(correlationId);
        assertThat(response.body()).isEqualTo(body);
    }

    /** Writes a frame in random pieces with pauses, so the proxy reads it in parts. */
    private static void writeInPieces(FrameClient client, byte[] frame, Random random) throws Exception {
        int offset = 0;
        int pieces = 0;
        while (offset < frame.length) {
            int n = Math.min(frame.length - offset, 1 + random.nextInt(frame.length > 10_000 ? 200_000 : 5));
            byte[] piece = new byte[n];
            System.arraycopy(frame, offset, piece, 0, n);
            client.write(piece);
            offset += n;
            if (++pieces % 20 == 0) {
                Thread.sleep(2);
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive())
                .count();
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(20);
        }
    }
}
