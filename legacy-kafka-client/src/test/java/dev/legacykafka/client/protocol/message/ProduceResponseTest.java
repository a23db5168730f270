package dev.legacykafka.client.protocol.message;

import static dev.legacykafka.client.protocol.message.KafkaWire.kafka;
import static dev.legacykafka.client.protocol.message.KafkaWire.ours;
import static dev.legacykafka.client.protocol.message.KafkaWire.readWithOurs;
import static dev.legacykafka.client.protocol.message.KafkaWire.unhex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.errors.ProtocolException;
import dev.legacykafka.client.protocol.ResponseFrame;
import dev.legacykafka.client.protocol.message.ProduceResponse.LeaderAndEpoch;
import dev.legacykafka.client.protocol.message.ProduceResponse.PartitionResponse;
import dev.legacykafka.client.protocol.message.ProduceResponse.RecordError;
import dev.legacykafka.client.protocol.message.ProduceResponse.TopicResponse;
import dev.legacykafka.client.protocol.types.ProtocolReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.protocol.types.RawTaggedField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProduceResponseTest {

    private static final UUID ORDERS_ID = UUID.fromString("4d2f6c1e-8a3b-4c5d-9e0f-112233445566");
    private static final UUID AUDIT_ID = UUID.fromString("9a8b7c6d-0000-4000-8000-00000000abcd");
    private static final long APPEND_TIME = 1_700_000_000_000L;

    /** A response using every field {@code version} has, with values that differ from the defaults. */
    static ProduceResponseData sample(short version) {
        ProduceResponseData.PartitionProduceResponse ok = new ProduceResponseData.PartitionProduceResponse()
                .setIndex(0).setErrorCode((short) 0).setBaseOffset(42L)
                .setLogAppendTimeMs(APPEND_TIME).setLogStartOffset(7L);
        ProduceResponseData.PartitionProduceResponse rejected = new ProduceResponseData.PartitionProduceResponse()
                .setIndex(1).setErrorCode(ErrorCode.INVALID_RECORD.code()).setBaseOffset(-1L)
                .setRecordErrors(List.of(
                        new ProduceResponseData.BatchIndexAndErrorMessage().setBatchIndex(0)
                                .setBatchIndexErrorMessage("Compacted topic cannot accept message without key"),
                        new ProduceResponseData.BatchIndexAndErrorMessage().setBatchIndex(3)))
                .setErrorMessage("One or more records have been rejected");
        ProduceResponseData.PartitionProduceResponse moved = new ProduceResponseData.PartitionProduceResponse()
                .setIndex(2).setErrorCode(ErrorCode.NOT_LEADER_OR_FOLLOWER.code()).setBaseOffset(-1L);
        if (version >= 10) {
            moved.setCurrentLeader(new ProduceResponseData.LeaderIdAndEpoch().setLeaderId(5).setLeaderEpoch(12));
        }
        ProduceResponseData.TopicProduceResponseCollection topics =
                new ProduceResponseData.TopicProduceResponseCollection();
        topics.add(new ProduceResponseData.TopicProduceResponse().setName("orders").setTopicId(kafka(ORDERS_ID))
                .setPartitionResponses(List.of(ok, rejected, moved)));
        topics.add(new ProduceResponseData.TopicProduceResponse().setName("audit").setTopicId(kafka(AUDIT_ID))
                .setPartitionResponses(List.of(new ProduceResponseData.PartitionProduceResponse()
                        .setIndex(9).setErrorCode((short) 0).setBaseOffset(1000L))));
        ProduceResponseData data = new ProduceResponseData().setResponses(topics).setThrottleTimeMs(250);
        if (version >= 10) {
            ProduceResponseData.NodeEndpointCollection endpoints = new ProduceResponseData.NodeEndpointCollection();
            endpoints.add(new ProduceResponseData.NodeEndpoint().setNodeId(5).setHost("broker-5").setPort(9092)
                    .setRack("rack-a"));
            endpoints.add(new ProduceResponseData.NodeEndpoint().setNodeId(6).setHost("broker-6").setPort(9093));
            data.setNodeEndpoints(endpoints);
        }
        return data;
    }

    /** What kafka-clients itself reads back from its bytes at {@code version}, in our types. */
    private static ProduceResponse kafkaView(ProduceResponseData written, short version) {
        ProduceResponseData data = new ProduceResponseData(
                new ByteBufferAccessor(MessageUtil.toByteBufferAccessor(written, version).buffer()), version);
        List<TopicResponse> topics = new ArrayList<>();
        for (ProduceResponseData.TopicProduceResponse topic : data.responses()) {
            List<PartitionResponse> partitions = new ArrayList<>();
            for (ProduceResponseData.PartitionProduceResponse p : topic.partitionResponses()) {
                List<RecordError> recordErrors = p.recordErrors().stream()
                        .map(e -> new RecordError(e.batchIndex(), e.batchIndexErrorMessage())).toList();
                partitions.add(new PartitionResponse(p.index(), p.errorCode(), p.baseOffset(), p.logAppendTimeMs(),
                        p.logStartOffset(), recordErrors, p.errorMessage(),
                        new LeaderAndEpoch(p.currentLeader().leaderId(), p.currentLeader().leaderEpoch())));
            }
            topics.add(version >= 13 ? new TopicResponse(null, ours(topic.topicId()), partitions)
                    : new TopicResponse(topic.name(), null, partitions));
        }
        List<BrokerEndpoint> endpoints = data.nodeEndpoints().stream()
                .map(n -> new BrokerEndpoint(n.nodeId(), n.host(), n.port(), n.rack())).toList();
        return new ProduceResponse(topics, data.throttleTimeMs(), endpoints);
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13})
    void readsWhatKafkaClientsWrites(short version) {
        ProduceResponseData data = sample(version);
        ProduceResponse ours = readWithOurs(data, version, ProduceResponse::read);
        assertThat(ours).isEqualTo(kafkaView(data, version));

        // The same facts stated directly, so a slip in kafkaView cannot hide one in the codec.
        PartitionResponse ok = ours.topics().get(0).partitions().get(0);
        PartitionResponse rejected = ours.topics().get(0).partitions().get(1);
        PartitionResponse moved = ours.topics().get(0).partitions().get(2);
        assertThat(ours.throttleTimeMs()).isEqualTo(250);
        assertThat(ok.baseOffset()).isEqualTo(42L);
        assertThat(ok.logAppendTimeMs()).isEqualTo(APPEND_TIME);
        assertThat(ok.logStartOffset()).isEqualTo(version >= 5 ? 7L : -1L);
        assertThat(rejected.error()).isEqualTo(ErrorCode.INVALID_RECORD);
        if (version >= 8) {
            assertThat(rejected.recordErrors()).containsExactly(
                    new RecordError(0, "Compacted topic cannot accept message without key"), new RecordError(3, null));
            assertThat(rejected.errorMessage()).isEqualTo("One or more records have been rejected");
        } else {
            assertThat(rejected.recordErrors()).isEmpty();
            assertThat(rejected.errorMessage()).isNull();
        }
        if (version >= 10) {
            assertThat(moved.currentLeader()).isEqualTo(new LeaderAndEpoch(5, 12));
            assertThat(ours.nodeEndpoints()).containsExactly(new BrokerEndpoint(5, "broker-5", 9092, "rack-a"),
                    new BrokerEndpoint(6, "broker-6", 9093, null));
        } else {
            assertThat(moved.currentLeader()).isEqualTo(LeaderAndEpoch.UNKNOWN);
            assertThat(ours.nodeEndpoints()).isEmpty();
        }
        if (version >= 13) {
            assertThat(ours.topics()).extracting(TopicResponse::topicId).containsExactly(ORDERS_ID, AUDIT_ID);
            assertThat(ours.topics()).extracting(TopicResponse::name).containsOnlyNulls();
        } else {
            assertThat(ours.topics()).extracting(TopicResponse::name).containsExactly("orders", "audit");
        }
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {9, 10, 13})
    void unknownTaggedFieldsAreSkippedAtEveryLevel(short version) {
        ProduceResponseData data = sample(version);
        data.unknownTaggedFields().add(new RawTaggedField(7, new byte[] {1, 2, 3}));
        ProduceResponseData.TopicProduceResponse topic = data.responses().iterator().next();
        topic.unknownTaggedFields().add(new RawTaggedField(1, new byte[] {4}));
        topic.partitionResponses().get(1).unknownTaggedFields().add(new RawTaggedField(4, new byte[0]));
        topic.partitionResponses().get(1).recordErrors().get(0).unknownTaggedFields()
                .add(new RawTaggedField(2, new byte[] {9, 9}));
        ProduceResponse ours = readWithOurs(data, version, ProduceResponse::read);
        assertThat(ours).isEqualTo(readWithOurs(sample(version), version, ProduceResponse::read));
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {3, 8, 9, 10, 13})
    void everyTruncationAndAnyTrailingByteFailsWithAProtocolException(short version) {
        ByteBuffer payload = ResponseFrame.payload(KafkaWire.kafkaResponseFrame(sample(version), version));
        for (int length = 0; length < payload.remaining(); length++) {
            ByteBuffer cut = payload.duplicate().limit(payload.position() + length);
            int at = length;
            assertThatThrownBy(() -> ResponseFrame.read(cut, ApiKey.PRODUCE, version, KafkaWire.CORRELATION_ID,
                    ProduceResponse::read)).as("cut at %d", at).isInstanceOf(ProtocolException.class);
        }
        ByteBuffer longer = ByteBuffer.allocate(payload.remaining() + 1).put(payload.duplicate()).put((byte) 0).flip();
        assertThatThrownBy(() -> ResponseFrame.read(longer, ApiKey.PRODUCE, version, KafkaWire.CORRELATION_ID,
                ProduceResponse::read)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("Produce v" + version + " response has 1 unexpected trailing bytes");
    }

    // kafka-clients 4.4 no longer encodes Produce v0-v2 correctly; these bodies are computed by hand.

    private static final String TOPIC = "00000001" + "0001" + "74" + "00000001" + "00000000" + "0000"
            + "000000000000002a";

    private static ProduceResponse read(String hex, short version) {
        ProtocolReader in = new ProtocolReader(ByteBuffer.wrap(unhex(hex)));
        ProduceResponse response = ProduceResponse.read(in, version);
        in.ensureFullyRead("ProduceResponse v" + version);
        return response;
    }

    private static ProduceResponse expected(long logAppendTime, int throttle) {
        return new ProduceResponse(List.of(new TopicResponse("t", null, List.of(new PartitionResponse(0, (short) 0,
                42L, logAppendTime, -1L, List.of(), null, LeaderAndEpoch.UNKNOWN)))), throttle, List.of());
    }

    @Test
    void versionZeroHasNoThrottleTime() {
        assertThat(read(TOPIC, (short) 0)).isEqualTo(expected(-1L, 0));
    }

    @Test
    void versionOneAddsThrottleTimeAfterTheTopics() {
        assertThat(read(TOPIC + "000000fa", (short) 1)).isEqualTo(expected(-1L, 250));
        assertThatThrownBy(() -> read(TOPIC, (short) 1)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("throttle_time_ms");
    }

    @Test
    void versionTwoAddsLogAppendTime() {
        String v2 = "00000001" + "0001" + "74" + "00000001" + "00000000" + "0000" + "000000000000002a"
                + "0000018bcfe56800" + "000000fa";
        assertThat(read(v2, (short) 2)).isEqualTo(expected(APPEND_TIME, 250));
    }

    @Test
    void partitionErrorCodeMapsToErrorCode() {
        ProduceResponse response = readWithOurs(sample((short) 10), (short) 10, ProduceResponse::read);
        PartitionResponse moved = response.topics().get(0).partitions().get(2);
        assertThat(moved.error().retriable()).isTrue();
        assertThat(moved.error().invalidMetadata()).isTrue();
        assertThat(moved.currentLeader().isKnown()).isTrue();
    }
}
