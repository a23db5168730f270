package dev.legacykafka.client.protocol.message;

import static dev.legacykafka.client.protocol.message.KafkaWire.kafkaBody;
import static dev.legacykafka.client.protocol.message.KafkaWire.ourBody;
import static dev.legacykafka.client.protocol.message.KafkaWire.parseWithKafka;
import static dev.legacykafka.client.protocol.message.KafkaWire.readWithOurs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.protocol.ErrorCode;
import java.util.List;
import org.apache.kafka.common.message.AddOffsetsToTxnRequestData;
import org.apache.kafka.common.message.AddOffsetsToTxnResponseData;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.message.EndTxnRequestData;
import org.apache.kafka.common.message.EndTxnResponseData;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** AddPartitionsToTxn, AddOffsetsToTxn, EndTxn and TxnOffsetCommit against kafka-clients. */
class TransactionMessagesTest {

    private static final long PID = 4_000_000_001L;
    private static final short EPOCH = 12;

    // ------------------------------------------------------------------ AddPartitionsToTxn

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2, 3})
    void addPartitionsRequest(short version) {
        AddPartitionsToTxnRequest ours = new AddPartitionsToTxnRequest("txn", PID, EPOCH, List.of(
                new AddPartitionsToTxnRequest.Topic("orders", List.of(0, 5)),
                new AddPartitionsToTxnRequest.Topic("audit", List.of(1))));
        AddPartitionsToTxnRequestData.AddPartitionsToTxnTopicCollection topics =
                new AddPartitionsToTxnRequestData.AddPartitionsToTxnTopicCollection();
        topics.add(new AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic().setName("orders")
                .setPartitions(List.of(0, 5)));
        topics.add(new AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic().setName("audit")
                .setPartitions(List.of(1)));
        AddPartitionsToTxnRequestData expected = new AddPartitionsToTxnRequestData()
                .setV3AndBelowTransactionalId("txn").setV3AndBelowProducerId(PID).setV3AndBelowProducerEpoch(EPOCH)
                .setV3AndBelowTopics(topics);
        assertThat(parseWithKafka(ours, version)).isEqualTo(expected);
        assertThat(ourBody(ours, version)).isEqualTo(kafkaBody(expected, version));
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2, 3})
    void addPartitionsResponse(short version) {
        AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResultCollection partitions =
                new AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResultCollection();
        partitions.add(new AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResult().setPartitionIndex(0)
                .setPartitionErrorCode(ErrorCode.TOPIC_AUTHORIZATION_FAILED.code()));
        partitions.add(new AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResult().setPartitionIndex(5)
                .setPartitionErrorCode(ErrorCode.OPERATION_NOT_ATTEMPTED.code()));
        AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResultCollection topics =
                new AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResultCollection();
        topics.add(new AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResult().setName("orders")
                .setResultsByPartition(partitions));
        AddPartitionsToTxnResponseData data = new AddPartitionsToTxnResponseData().setThrottleTimeMs(3)
                .setResultsByTopicV3AndBelow(topics);
        assertThat(readWithOurs(data, version, AddPartitionsToTxnResponse::read))
                .isEqualTo(new AddPartitionsToTxnResponse(3, List.of(new AddPartitionsToTxnResponse.TopicResult(
                        "orders", List.of(new AddPartitionsToTxnResponse.PartitionResult(0, (short) 29),
                                new AddPartitionsToTxnResponse.PartitionResult(5, (short) 55))))));
    }

    // ------------------------------------------------------------------ AddOffsetsToTxn

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2, 3, 4})
    void addOffsets(short version) {
        AddOffsetsToTxnRequest ours = new AddOffsetsToTxnRequest("txn", PID, EPOCH, "group-é");
        AddOffsetsToTxnRequestData expected = new AddOffsetsToTxnRequestData().setTransactionalId("txn")
                .setProducerId(PID).setProducerEpoch(EPOCH).setGroupId("group-é");
        assertThat(parseWithKafka(ours, version)).isEqualTo(expected);
        assertThat(ourBody(ours, version)).isEqualTo(kafkaBody(expected, version));

        AddOffsetsToTxnResponseData data = new AddOffsetsToTxnResponseData().setThrottleTimeMs(8)
                .setErrorCode(ErrorCode.GROUP_AUTHORIZATION_FAILED.code());
        assertThat(readWithOurs(data, version, AddOffsetsToTxnResponse::read))
                .isEqualTo(new AddOffsetsToTxnResponse(8, (short) 30));
    }

    // ------------------------------------------------------------------ EndTxn

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2, 3, 4, 5})
    void endTxn(short version) {
        for (boolean committed : new boolean[] {true, false}) {
            EndTxnRequest ours = new EndTxnRequest("txn", PID, EPOCH, committed);
            EndTxnRequestData expected = new EndTxnRequestData().setTransactionalId("txn").setProducerId(PID)
                    .setProducerEpoch(EPOCH).setCommitted(committed);
            assertThat(parseWithKafka(ours, version)).isEqualTo(expected);
            assertThat(ourBody(ours, version)).isEqualTo(kafkaBody(expected, version));
        }

        EndTxnResponseData data = new EndTxnResponseData().setThrottleTimeMs(4).setErrorCode((short) 0);
        if (version >= 5) {
            data.setProducerId(PID + 1).setProducerEpoch((short) 0);
        }
        EndTxnResponse response = readWithOurs(data, version, EndTxnResponse::read);
        assertThat(response).isEqualTo(version >= 5 ? new EndTxnResponse(4, (short) 0, PID + 1, (short) 0)
                : new EndTxnResponse(4, (short) 0, -1L, (short) -1));
    }

    // ------------------------------------------------------------------ TxnOffsetCommit

    private static TxnOffsetCommitRequest offsets(short version) {
        TxnOffsetCommitRequest.Member member = version >= 3
                ? new TxnOffsetCommitRequest.Member(17, "member-1", "instance-1") : TxnOffsetCommitRequest.Member.NONE;
        int leaderEpoch = version >= 2 ? 9 : -1;
        return new TxnOffsetCommitRequest("txn", "group", PID, EPOCH, member, List.of(
                new TxnOffsetCommitRequest.Topic("orders", List.of(
                        new TxnOffsetCommitRequest.Partition(0, 100L, leaderEpoch, "meta"),
                        new TxnOffsetCommitRequest.Partition(1, 200L, leaderEpoch, null)))));
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2, 3, 4, 5})
    void txnOffsetCommitRequest(short version) {
        TxnOffsetCommitRequest ours = offsets(version);
        TxnOffsetCommitRequestData expected = new TxnOffsetCommitRequestData().setTransactionalId("txn")
                .setGroupId("group").setProducerId(PID).setProducerEpoch(EPOCH)
                .setGenerationIdOrMemberEpoch(ours.member().generationId()).setMemberId(ours.member().memberId())
                .setGroupInstanceId(ours.member().groupInstanceId())
                .setTopics(List.of(new TxnOffsetCommitRequestData.TxnOffsetCommitRequestTopic().setName("orders")
                        .setPartitions(ours.topics().get(0).partitions().stream()
                                .map(p -> new TxnOffsetCommitRequestData.TxnOffsetCommitRequestPartition()
                                        .setPartitionIndex(p.partitionIndex()).setCommittedOffset(p.committedOffset())
                                        .setCommittedLeaderEpoch(p.committedLeaderEpoch())
                                        .setCommittedMetadata(p.committedMetadata()))
                                .toList())));
        assertThat(parseWithKafka(ours, version)).isEqualTo(expected);
        assertThat(ourBody(ours, version)).isEqualTo(kafkaBody(expected, version));
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2})
    void groupMemberMetadataNeedsVersionThree(short version) {
        TxnOffsetCommitRequest withMember = new TxnOffsetCommitRequest("txn", "group", PID, EPOCH,
                new TxnOffsetCommitRequest.Member(1, "m", null), List.of());
        assertThatThrownBy(() -> ourBody(withMember, version)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("v3+");
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1})
    void leaderEpochNeedsVersionTwo(short version) {
        assertThatThrownBy(() -> ourBody(offsets((short) 2), version)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("committed_leader_epoch");
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2, 3, 4, 5})
    void txnOffsetCommitResponse(short version) {
        TxnOffsetCommitResponseData data = new TxnOffsetCommitResponseData().setThrottleTimeMs(6).setTopics(List.of(
                new TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic().setName("orders").setPartitions(List.of(
                        new TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition().setPartitionIndex(0)
                                .setErrorCode((short) 0),
                        new TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition().setPartitionIndex(1)
                                .setErrorCode(ErrorCode.UNKNOWN_MEMBER_ID.code())))));
        assertThat(readWithOurs(data, version, TxnOffsetCommitResponse::read))
                .isEqualTo(new TxnOffsetCommitResponse(6, List.of(new TxnOffsetCommitResponse.TopicResult("orders",
                        List.of(new TxnOffsetCommitResponse.PartitionResult(0, (short) 0),
                                new TxnOffsetCommitResponse.PartitionResult(1, (short) 25))))));
    }
}
