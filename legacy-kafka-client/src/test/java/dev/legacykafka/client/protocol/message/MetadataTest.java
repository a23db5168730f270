package dev.legacykafka.client.protocol.message;

import static dev.legacykafka.client.protocol.message.KafkaWire.kafka;
import static dev.legacykafka.client.protocol.message.KafkaWire.kafkaBody;
import static dev.legacykafka.client.protocol.message.KafkaWire.ours;
import static dev.legacykafka.client.protocol.message.KafkaWire.ourBody;
import static dev.legacykafka.client.protocol.message.KafkaWire.parseWithKafka;
import static dev.legacykafka.client.protocol.message.KafkaWire.readWithOurs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.message.MetadataResponse.PartitionMetadata;
import dev.legacykafka.client.protocol.message.MetadataResponse.TopicMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MetadataTest {

    private static final UUID ORDERS_ID = UUID.fromString("4d2f6c1e-8a3b-4c5d-9e0f-112233445566");
    private static final UUID GONE_ID = UUID.fromString("11111111-2222-3333-4444-555555555555");

    static short[] versions() {
        return new short[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
    }

    // ------------------------------------------------------------------ request

    private static MetadataRequest sample(short version) {
        List<MetadataRequest.Topic> topics = new ArrayList<>(List.of(
                new MetadataRequest.Topic(null, "orders"), new MetadataRequest.Topic(null, "ünïcode")));
        if (version >= 10) {
            topics.add(new MetadataRequest.Topic(GONE_ID, null));
        }
        return new MetadataRequest(topics, version < 4, version >= 8 && version <= 10, version >= 8);
    }

    private static MetadataRequestData toKafka(MetadataRequest ours, short version) {
        List<MetadataRequestData.MetadataRequestTopic> topics = null;
        if (ours.topics() == null && version == 0) {
            topics = List.of();
        } else if (ours.topics() != null) {
            topics = ours.topics().stream().map(t -> new MetadataRequestData.MetadataRequestTopic()
                    .setTopicId(kafka(t.topicId())).setName(t.name())).toList();
        }
        return new MetadataRequestData().setTopics(topics)
                .setAllowAutoTopicCreation(ours.allowAutoTopicCreation())
                .setIncludeClusterAuthorizedOperations(ours.includeClusterAuthorizedOperations())
                .setIncludeTopicAuthorizedOperations(ours.includeTopicAuthorizedOperations());
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("versions")
    void kafkaClientsDecodesWhatWeWrite(short version) {
        MetadataRequest ours = sample(version);
        MetadataRequestData expected = toKafka(ours, version);
        assertThat(parseWithKafka(ours, version)).isEqualTo(expected);
        assertThat(ourBody(ours, version)).isEqualTo(kafkaBody(expected, version));
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("versions")
    void allTopics(short version) {
        MetadataRequest ours = MetadataRequest.allTopics();
        MetadataRequestData expected = toKafka(ours, version);
        assertThat(parseWithKafka(ours, version)).isEqualTo(expected);
        assertThat(ourBody(ours, version)).isEqualTo(kafkaBody(expected, version));
    }

    @Test
    void allTopicsIsAnEmptyArrayAtV0AndANullArrayLater() {
        assertThat(ourBody(MetadataRequest.allTopics(), (short) 0)).isEqualTo("00000000");
        assertThat(ourBody(MetadataRequest.allTopics(), (short) 1)).isEqualTo("ffffffff");
        assertThat(ourBody(MetadataRequest.allTopics(), (short) 4)).isEqualTo("ffffffff" + "01");
        assertThat(ourBody(MetadataRequest.allTopics(), (short) 9)).isEqualTo("00" + "01" + "00" + "00" + "00");
        assertThat(ourBody(MetadataRequest.forTopics(List.of("t")), (short) 1)).isEqualTo("00000001" + "000174");
    }

    @Test
    void whatAVersionCannotSayFailsToEncode() {
        assertThatThrownBy(() -> ourBody(MetadataRequest.forTopics(List.of()), (short) 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty list means all");
        assertThat(ourBody(MetadataRequest.forTopics(List.of()), (short) 1)).isEqualTo("00000000");
        assertThatThrownBy(() -> ourBody(new MetadataRequest(null, false, false, false), (short) 3))
                .hasMessageContaining("auto-creation");
        assertThatThrownBy(() -> ourBody(new MetadataRequest(null, true, false, true), (short) 7))
                .hasMessageContaining("topic authorized operations");
        assertThatThrownBy(() -> ourBody(new MetadataRequest(null, true, true, false), (short) 11))
                .hasMessageContaining("cluster authorized operations");
        assertThatThrownBy(() -> ourBody(new MetadataRequest(List.of(new MetadataRequest.Topic(GONE_ID, null)), true,
                false, false), (short) 9)).hasMessageContaining("ids v10+");
    }

    // ------------------------------------------------------------------ response

    private static MetadataResponseData sample(short version, boolean unused) {
        MetadataResponseData.MetadataResponseBrokerCollection brokers =
                new MetadataResponseData.MetadataResponseBrokerCollection();
        brokers.add(new MetadataResponseData.MetadataResponseBroker().setNodeId(1).setHost("broker-1").setPort(9092)
                .setRack(version >= 1 ? "rack-a" : null));
        brokers.add(new MetadataResponseData.MetadataResponseBroker().setNodeId(2).setHost("broker-2").setPort(9093));

        MetadataResponseData.MetadataResponsePartition led = new MetadataResponseData.MetadataResponsePartition()
                .setErrorCode((short) 0).setPartitionIndex(0).setLeaderId(1)
                .setReplicaNodes(List.of(1, 2)).setIsrNodes(List.of(1));
        MetadataResponseData.MetadataResponsePartition leaderless = new MetadataResponseData.MetadataResponsePartition()
                .setErrorCode(ErrorCode.LEADER_NOT_AVAILABLE.code()).setPartitionIndex(1).setLeaderId(-1)
                .setReplicaNodes(List.of(2)).setIsrNodes(List.of());
        if (version >= 5) {
            led.setOfflineReplicas(List.of(2));
        }
        if (version >= 7) {
            led.setLeaderEpoch(5);
        }
        MetadataResponseData.MetadataResponseTopic orders = new MetadataResponseData.MetadataResponseTopic()
                .setErrorCode((short) 0).setName("orders").setPartitions(List.of(led, leaderless));
        MetadataResponseData.MetadataResponseTopic offsets = new MetadataResponseData.MetadataResponseTopic()
                .setErrorCode((short) 0).setName("__consumer_offsets").setIsInternal(version >= 1);
        MetadataResponseData.MetadataResponseTopicCollection topics =
                new MetadataResponseData.MetadataResponseTopicCollection();
        topics.add(orders);
        topics.add(offsets);
        if (version >= 8) {
            orders.setTopicAuthorizedOperations(0x0F8);
        }
        if (version >= 10) {
            orders.setTopicId(kafka(ORDERS_ID));
        }
        if (version >= 12) {
            topics.add(new MetadataResponseData.MetadataResponseTopic().setErrorCode(ErrorCode.UNKNOWN_TOPIC_ID.code())
                    .setName(null).setTopicId(kafka(GONE_ID)));
        }
        MetadataResponseData data = new MetadataResponseData().setBrokers(brokers).setTopics(topics);
        if (version >= 1) {
            data.setControllerId(2);
        }
        if (version >= 2) {
            data.setClusterId("cluster-é");
        }
        if (version >= 3) {
            data.setThrottleTimeMs(99);
        }
        if (version >= 8 && version <= 10) {
            data.setClusterAuthorizedOperations(0x1F);
        }
        if (version >= 13) {
            data.setErrorCode(ErrorCode.REBOOTSTRAP_REQUIRED.code());
        }
        return data;
    }

    private static MetadataResponse kafkaView(MetadataResponseData written, short version) {
        MetadataResponseData data = new MetadataResponseData(
                new ByteBufferAccessor(MessageUtil.toByteBufferAccessor(written, version).buffer()), version);
        List<BrokerEndpoint> brokers = data.brokers().stream()
                .map(b -> new BrokerEndpoint(b.nodeId(), b.host(), b.port(), b.rack())).toList();
        List<TopicMetadata> topics = new ArrayList<>();
        for (MetadataResponseData.MetadataResponseTopic t : data.topics()) {
            List<PartitionMetadata> partitions = t.partitions().stream()
                    .map(p -> new PartitionMetadata(p.errorCode(), p.partitionIndex(), p.leaderId(), p.leaderEpoch(),
                            p.replicaNodes(), p.isrNodes(), p.offlineReplicas())).toList();
            topics.add(new TopicMetadata(t.errorCode(), t.name(), version >= 10 ? ours(t.topicId()) : null,
                    t.isInternal(), partitions, t.topicAuthorizedOperations()));
        }
        return new MetadataResponse(data.throttleTimeMs(), brokers, data.clusterId(), data.controllerId(), topics,
                data.clusterAuthorizedOperations(), data.errorCode());
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("versions")
    void readsWhatKafkaClientsWrites(short version) {
        MetadataResponseData data = sample(version, true);
        MetadataResponse ours = readWithOurs(data, version, MetadataResponse::read);
        assertThat(ours).isEqualTo(kafkaView(data, version));

        TopicMetadata orders = ours.topics().get(0);
        PartitionMetadata led = orders.partitions().get(0);
        assertThat(orders.name()).isEqualTo("orders");
        assertThat(led.replicaNodes()).containsExactly(1, 2);
        assertThat(led.isrNodes()).containsExactly(1);
        assertThat(orders.partitions().get(1).error()).isEqualTo(ErrorCode.LEADER_NOT_AVAILABLE);
        assertThat(ours.brokers().get(0).rack()).isEqualTo(version >= 1 ? "rack-a" : null);
        assertThat(ours.controllerId()).isEqualTo(version >= 1 ? 2 : -1);
        assertThat(ours.clusterId()).isEqualTo(version >= 2 ? "cluster-é" : null);
        assertThat(ours.throttleTimeMs()).isEqualTo(version >= 3 ? 99 : 0);
        assertThat(led.offlineReplicas()).isEqualTo(version >= 5 ? List.of(2) : List.of());
        assertThat(led.leaderEpoch()).isEqualTo(version >= 7 ? 5 : -1);
        assertThat(ours.topics().get(1).isInternal()).isEqualTo(version >= 1);
        assertThat(orders.topicAuthorizedOperations())
                .isEqualTo(version >= 8 ? 0x0F8 : MetadataResponse.AUTHORIZED_OPERATIONS_OMITTED);
        assertThat(ours.clusterAuthorizedOperations())
                .isEqualTo(version >= 8 && version <= 10 ? 0x1F : MetadataResponse.AUTHORIZED_OPERATIONS_OMITTED);
        assertThat(orders.topicId()).isEqualTo(version >= 10 ? ORDERS_ID : null);
        if (version >= 12) {
            TopicMetadata gone = ours.topics().get(2);
            assertThat(gone.name()).isNull();
            assertThat(gone.topicId()).isEqualTo(GONE_ID);
            assertThat(gone.error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_ID);
        }
        assertThat(ours.error()).isEqualTo(version >= 13 ? ErrorCode.REBOOTSTRAP_REQUIRED : ErrorCode.NONE);
    }
}
