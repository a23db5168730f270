package dev.legacykafka.test.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * FaultProxy in front of a real Kafka 4.4.0 broker. The broker advertises its own port, so these
 * checks stay at the protocol level (one connection through the proxy) and at kcat's metadata,
 * which comes from the bootstrap connection.
 */
@Timeout(60)
class FaultProxyIT {

    private static final short API_VERSIONS = 18;
    private static final Path KCAT = Path.of(System.getProperty("legacykafka.kcat", "/usr/bin/kcat"));

    private static KafkaBroker broker;
    private FaultProxy proxy;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBrokers.shared("4.4.0");
    }

    @BeforeEach
    void startProxy() {
        proxy = FaultProxy.start(broker.host(), broker.port());
    }

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    @Test
    void apiVersionsIsAnsweredThroughTheProxy() throws IOException {
        try (FrameClient client = new FrameClient(proxy.port())) {
            client.write(apiVersionsV0(7));
            FrameClient.Response response = client.read();
            assertThat(response.correlationId()).isEqualTo(7);
            assertThat(apiKeys(response.body())).contains((short) 0, API_VERSIONS);
        }
        ProxyStats stats = proxy.stats();
        assertThat(stats.requestsForwarded()).isEqualTo(1);
        assertThat(stats.bytesUp()).isPositive();
        assertThat(stats.bytesDown()).isGreaterThan(stats.bytesUp());
        assertThat(stats.responsesDropped()).isZero();
    }

    @Test
    void aDroppedApiVersionsResponseClosesTheConnectionWithoutAnAnswer() throws IOException {
        try (FrameClient client = new FrameClient(proxy.port())) {
            client.write(apiVersionsV0(1));
            assertThat(client.read().correlationId()).isEqualTo(1);

            proxy.dropResponses(API_VERSIONS, 1);
            client.write(apiVersionsV0(2));
            client.expectClosed(Duration.ofSeconds(5));
        }
        assertThat(proxy.awaitDroppedResponses(1, Duration.ofSeconds(2))).isEqualTo(1);
        assertThat(proxy.stats().responsesDropped()).isEqualTo(1);
        assertThat(proxy.stats().requestsForwarded()).isEqualTo(2);

        try (FrameClient again = new FrameClient(proxy.port())) { // the drop is used up
            again.write(apiVersionsV0(3));
            assertThat(again.read().correlationId()).isEqualTo(3);
        }
    }

    @Test
    void kcatReadsMetadataThroughTheProxyAndFailsWhileItRefuses() throws Exception {
        String[] metadata = kcat("-L", "-b", proxy.address(), "-m", "10");
        assertThat(metadata[0]).as(metadata[1]).isEqualTo("0");
        assertThat(metadata[1]).contains("from broker -1: " + proxy.address()).contains("1 brokers:");
        assertThat(proxy.stats().requestsForwarded()).isGreaterThanOrEqualTo(2); // ApiVersions, Metadata

        proxy.refuseConnections(true);
        String[] refused = kcat("-L", "-b", proxy.address(), "-m", "2");
        assertThat(refused[0]).as(refused[1]).isNotEqualTo("0");
    }

    /** ApiVersions v0: request header v1 (api key, version, correlation id, client id), empty body. */
    private static byte[] apiVersionsV0(int correlationId) {
        byte[] clientId = "fault-proxy-it".getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(4 + 8 + 2 + clientId.length);
        frame.putInt(frame.capacity() - 4)
                .putShort(API_VERSIONS)
                .putShort((short) 0)
                .putInt(correlationId)
                .putShort((short) clientId.length)
                .put(clientId);
        return frame.array();
    }

    /** The api keys in an ApiVersions v0 response body (after the correlation id). */
    private static Set<Short> apiKeys(byte[] body) {
        ByteBuffer buffer = ByteBuffer.wrap(body);
        assertThat(buffer.getShort()).as("error code").isZero();
        int count = buffer.getInt();
        Set<Short> keys = new HashSet<>();
        for (int i = 0; i < count; i++) {
            keys.add(buffer.getShort());
            buffer.getShort(); // min
            buffer.getShort(); // max
        }
        return keys;
    }

    /** Runs kcat; returns {exit code, output}. */
    private static String[] kcat(String... args) throws Exception {
        assertThat(Files.isExecutable(KCAT)).as("kcat at " + KCAT + " (apt-get install kcat)").isTrue();
        List<String> command = new ArrayList<>(List.of(KCAT.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                process.getInputStream().transferTo(out);
            } catch (IOException e) {
                // process ended
            }
        });
        reader.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kcat timed out: " + command);
        }
        reader.join();
        return new String[] {String.valueOf(process.exitValue()), out.toString(StandardCharsets.UTF_8)};
    }
}
