package dev.legacykafka.test.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataProbeTest {

    @Test
    void encodesMetadataV0AsTheProtocolGuideSays() {
        ByteBuffer request = MetadataProbe.encodeMetadataRequest((short) 0, 7, List.of("t"));
        int size = request.getInt();
        assertThat(size).isEqualTo(request.remaining());
        assertThat(request.getShort()).isEqualTo((short) 3); // Metadata
        assertThat(request.getShort()).isZero();
        assertThat(request.getInt()).isEqualTo(7);
        byte[] clientId = new byte[request.getShort()];
        request.get(clientId);
        assertThat(new String(clientId, StandardCharsets.UTF_8)).isEqualTo("legacy-kafka-fixture");
        assertThat(request.getInt()).isEqualTo(1);
        assertThat(request.getShort()).isEqualTo((short) 1);
        assertThat((char) request.get()).isEqualTo('t');
        assertThat(request.hasRemaining()).isFalse();
    }

    @Test
    void v4NeverAsksForAutoCreation() {
        ByteBuffer request = MetadataProbe.encodeMetadataRequest((short) 4, 1, List.of());
        assertThat(request.get(request.limit() - 1)).isZero();
        assertThat(request.getInt(request.limit() - 5)).isZero(); // empty topic array
    }

    @Test
    void decodesV0() {
        ByteBuffer response = ByteBuffer.allocate(256);
        response.putInt(1).putInt(0).put(str("127.0.0.1")).putInt(9092); // one broker
        response.putInt(1).putShort((short) 0).put(str("t")); // one topic
        response.putInt(2);
        partition(response, 0, 0);
        partition(response, 1, -1);
        response.flip();
        MetadataProbe.Cluster cluster = MetadataProbe.decodeMetadataResponse((short) 0, response);
        assertThat(cluster.brokers()).containsExactly(new MetadataProbe.Node(0, "127.0.0.1", 9092));
        MetadataProbe.Topic topic = cluster.topics().get("t");
        assertThat(topic.partitions()).hasSize(2);
        assertThat(topic.hasLeaders(2)).isFalse();
        assertThat(response.hasRemaining()).isFalse();
    }

    @Test
    void decodesV4WithThrottleRackClusterIdAndController() {
        ByteBuffer response = ByteBuffer.allocate(256);
        response.putInt(0); // throttle
        response.putInt(1).putInt(1).put(str("127.0.0.1")).putInt(9092).putShort((short) -1); // null rack
        response.put(str("cluster")).putInt(1); // cluster id, controller
        response.putInt(1).putShort((short) 0).put(str("t")).put((byte) 0);
        response.putInt(3);
        for (int p = 0; p < 3; p++) {
            partition(response, p, 1);
        }
        response.flip();
        MetadataProbe.Cluster cluster = MetadataProbe.decodeMetadataResponse((short) 4, response);
        assertThat(cluster.brokers()).extracting(MetadataProbe.Node::port).containsExactly(9092);
        assertThat(cluster.topics().get("t").hasLeaders(3)).isTrue();
        assertThat(cluster.topics().get("t").hasLeaders(4)).isFalse();
        assertThat(cluster.topics().get("t").partitions().get(2).replicas()).containsExactly(1);
        assertThat(cluster.topics().get("t").partitions().get(2).isr()).containsExactly(1);
        assertThat(response.hasRemaining()).isFalse();
    }

    @Test
    void picksTheBestVersionTheBrokerAdvertises() {
        assertThat(MetadataProbe.chooseMetadataVersion((short) 0, (short) 2)).isEqualTo((short) 1);
        assertThat(MetadataProbe.chooseMetadataVersion((short) 0, (short) 13)).isEqualTo((short) 4);
        assertThat(MetadataProbe.chooseMetadataVersion((short) 4, (short) 13)).isEqualTo((short) 4);
        assertThatThrownBy(() -> MetadataProbe.chooseMetadataVersion((short) 5, (short) 13))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void findsMetadataInApiVersions() {
        ByteBuffer response = ByteBuffer.allocate(64);
        response.putShort((short) 0).putInt(2);
        response.putShort((short) 0).putShort((short) 0).putShort((short) 9);
        response.putShort((short) 3).putShort((short) 0).putShort((short) 12);
        response.flip();
        short[] range = MetadataProbe.decodeMetadataRange(response);
        assertThat(range).containsExactly((short) 0, (short) 12);
    }

    private static void partition(ByteBuffer buffer, int id, int leader) {
        buffer.putShort((short) (leader < 0 ? 5 : 0)).putInt(id).putInt(leader);
        buffer.putInt(1).putInt(Math.max(leader, 0)); // replicas
        buffer.putInt(leader < 0 ? 0 : 1);
        if (leader >= 0) {
            buffer.putInt(leader); // isr
        }
    }

    private static byte[] str(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + bytes.length).putShort((short) bytes.length).put(bytes).array();
    }
}
