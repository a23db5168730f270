package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.Request;
import dev.legacykafka.client.protocol.types.ProtocolWriter;
import java.util.List;
import java.util.Objects;

/**
 * TxnOffsetCommit request (api key 28), v0-v5.
 *
 * <pre>
 * transactional_id:STRING group_id:STRING producer_id:int64 producer_epoch:int16
 * generation_id:int32                    v3+ (default -1)
 * member_id:STRING                       v3+ (default "")
 * group_instance_id:NULLABLE_STRING      v3+
 * topics:[ name:STRING partitions:[ partition_index:int32 committed_offset:int64
 *          committed_leader_epoch:int32 (v2+, default -1) committed_metadata:NULLABLE_STRING ] ]
 * </pre>
 * v3+ is flexible. Group member fields (KIP-447) other than their defaults need v3+; a leader epoch
 * other than -1 needs v2+; either fails to encode below that rather than being dropped.
 *
 * @param transactionalId the transactional id
 * @param groupId         the consumer group
 * @param producerId      the producer id
 * @param producerEpoch   the producer epoch
 * @param member          the consumer group member that committed (v3+), or {@link Member#NONE}
 * @param topics          the offsets to commit, per topic
 */
public record TxnOffsetCommitRequest(String transactionalId, String groupId, long producerId, short producerEpoch,
        Member member, List<Topic> topics) implements Request {

    /** Copies the lists, so the value stays immutable. */
    public TxnOffsetCommitRequest {
        Objects.requireNonNull(member, "member");
        topics = List.copyOf(topics);
    }

    /**
     * The consumer group member on whose behalf offsets are committed (KIP-447).
     *
     * @param generationId    the group generation, or -1
     * @param memberId        the member id, or ""
     * @param groupInstanceId the static member instance id, or null
     */
    public record Member(int generationId, String memberId, String groupInstanceId) {

        /** No group metadata: Kafka's defaults. */
        public static final Member NONE = new Member(-1, "", null);

        /** Checks the required components. */
        public Member {
            Objects.requireNonNull(memberId, "memberId");
        }
    }

    /**
     * Offsets for the partitions of one topic.
     *
     * @param name       the topic name
     * @param partitions the offsets
     */
    public record Topic(String name, List<Partition> partitions) {

        /** Copies the lists, so the value stays immutable. */
        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * The offset for one partition.
     *
     * @param partitionIndex       the partition index
     * @param committedOffset      the offset to commit
     * @param committedLeaderEpoch the leader epoch of the last consumed record, or -1 (v2+)
     * @param committedMetadata    metadata stored with the offset, or null
     */
    public record Partition(int partitionIndex, long committedOffset, int committedLeaderEpoch,
            String committedMetadata) {
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.TXN_OFFSET_COMMIT;
    }

    @Override
    public void writeTo(ProtocolWriter out, short version) {
        ApiKey.TXN_OFFSET_COMMIT.requireSupported(version);
        boolean flexible = ApiKey.TXN_OFFSET_COMMIT.isFlexible(version);
        Fields.writeString(out, transactionalId, flexible);
        Fields.writeString(out, groupId, flexible);
        out.writeInt64(producerId);
        out.writeInt16(producerEpoch);
        if (version >= 3) { // v3+
            out.writeInt32(member.generationId());
            out.writeCompactString(member.memberId());
            out.writeCompactNullableString(member.groupInstanceId());
        } else if (!member.equals(Member.NONE)) {
            throw new IllegalArgumentException("TxnOffsetCommit v" + version
                    + " cannot carry group member metadata (v3+, brokers 2.5+)");
        }
        Fields.writeArrayLength(out, topics.size(), flexible);
        for (Topic topic : topics) {
            Fields.writeString(out, topic.name(), flexible);
            Fields.writeArrayLength(out, topic.partitions().size(), flexible);
            for (Partition partition : topic.partitions()) {
                out.writeInt32(partition.partitionIndex());
                out.writeInt64(partition.committedOffset());
                if (version >= 2) { // v2+
                    out.writeInt32(partition.committedLeaderEpoch());
                } else if (partition.committedLeaderEpoch() != -1) {
                    throw new IllegalArgumentException("TxnOffsetCommit v" + version
                            + " cannot carry committed_leader_epoch (v2+)");
                }
                Fields.writeNullableString(out, partition.committedMetadata(), flexible);
                Fields.writeTags(out, flexible);
            }
            Fields.writeTags(out, flexible);
        }
        Fields.writeTags(out, flexible);
    }
}
