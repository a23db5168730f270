package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.types.ProtocolReader;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Produce response (api key 0), v0-v13.
 *
 * <pre>
 * responses:[
 *   name:STRING                              v0-v12
 *   topic_id:UUID                            v13+
 *   partition_responses:[
 *     index:int32 error_code:int16 base_offset:int64
 *     log_append_time_ms:int64               v2+
 *     log_start_offset:int64                 v5+
 *     record_errors:[ batch_index:int32 batch_index_error_message:NULLABLE_STRING ]   v8+
 *     error_message:NULLABLE_STRING          v8+
 *     tag 0 CurrentLeader{ leader_id:int32 leader_epoch:int32 }                      v10+
 *   ]
 * ]
 * throttle_time_ms:int32                     v1+ (after the responses, not before)
 * tag 0 NodeEndpoints:[ node_id:int32 host:STRING port:int32 rack:NULLABLE_STRING ] v10+
 * </pre>
 * v9+ is flexible. Fields a version lacks take Kafka's defaults: -1 for times, offsets and the
 * leader, 0 for the throttle time, empty lists and null messages.
 *
 * @param topics         per-topic results
 * @param throttleTimeMs how long the broker throttled (v1-v5) or asks the client to back off (v6+)
 * @param nodeEndpoints  endpoints of the leaders named in CurrentLeader fields (v10+)
 */
public record ProduceResponse(List<TopicResponse> topics, int throttleTimeMs, List<BrokerEndpoint> nodeEndpoints) {

    /** Copies the lists, so the value stays immutable. */
    public ProduceResponse {
        topics = List.copyOf(topics);
        nodeEndpoints = List.copyOf(nodeEndpoints);
    }

    /**
     * Results for one topic.
     *
     * @param name       the topic name (v0-v12), else null
     * @param topicId    the topic id (v13+), else null
     * @param partitions per-partition results
     */
    public record TopicResponse(String name, UUID topicId, List<PartitionResponse> partitions) {

        /** Copies the lists, so the value stays immutable. */
        public TopicResponse {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * Result for one partition.
     *
     * @param index           the partition index
     * @param errorCode       0, or why the batch was not written
     * @param baseOffset      offset of the first record written
     * @param logAppendTimeMs the broker's append time for LogAppendTime topics, else -1 (v2+)
     * @param logStartOffset  the partition's log start offset, -1 if unknown (v5+)
     * @param recordErrors    the records that made the broker reject the batch (v8+)
     * @param errorMessage    a summary of those errors, or null (v8+)
     * @param currentLeader   the leader to use instead, on NOT_LEADER_OR_FOLLOWER (v10+); unknown otherwise
     */
    public record PartitionResponse(int index, short errorCode, long baseOffset, long logAppendTimeMs,
            long logStartOffset, List<RecordError> recordErrors, String errorMessage, LeaderAndEpoch currentLeader) {

        /** Copies the lists, so the value stays immutable. */
        public PartitionResponse {
            recordErrors = List.copyOf(recordErrors);
        }

        /** The error code as an {@link ErrorCode}. */
        public ErrorCode error() {
            return ErrorCode.forCode(errorCode);
        }
    }

    /**
     * One record that caused its batch to be rejected.
     *
     * @param batchIndex the record's index within its batch
     * @param message    why, or null
     */
    public record RecordError(int batchIndex, String message) {
    }

    /**
     * A partition leader and its epoch, -1 each when unknown.
     *
     * @param leaderId    the leader's broker id
     * @param leaderEpoch the leader epoch
     */
    public record LeaderAndEpoch(int leaderId, int leaderEpoch) {

        /** Kafka's default: no leader known. */
        public static final LeaderAndEpoch UNKNOWN = new LeaderAndEpoch(-1, -1);

        /** Whether a leader is given. */
        public boolean isKnown() {
            return leaderId >= 0;
        }
    }

    /**
     * Reads a Produce response body.
     *
     * @param in      positioned after the response header
     * @param version the version of the request this answers
     */
    public static ProduceResponse read(ProtocolReader in, short version) {
        ApiKey.PRODUCE.requireSupported(version);
        boolean flexible = ApiKey.PRODUCE.isFlexible(version);
        int topicCount = Fields.readArrayLength(in, "ProduceResponse responses", flexible);
        List<TopicResponse> topics = new ArrayList<>(topicCount);
        for (int t = 0; t < topicCount; t++) {
            String name = null;
            UUID topicId = null;
            if (version >= 13) { // v13+
                topicId = in.readUuid("ProduceResponse topic_id");
            } else { // v0-v12
                name = Fields.readString(in, "ProduceResponse topic name", flexible);
            }
            int partitionCount = Fields.readArrayLength(in, "ProduceResponse partition_responses", flexible);
            List<PartitionResponse> partitions = new ArrayList<>(partitionCount);
            for (int p = 0; p < partitionCount; p++) {
                partitions.add(readPartition(in, version, flexible));
            }
            Fields.skipTags(in, "ProduceResponse topic", flexible);
            topics.add(new TopicResponse(name, topicId, partitions));
        }
        int throttleTimeMs = version >= 1 ? in.readInt32("ProduceResponse throttle_time_ms") : 0; // v1+
        List<BrokerEndpoint> nodeEndpoints = new ArrayList<>();
        if (flexible) {
            in.readTaggedFields("ProduceResponse", (tag, field) -> {
                if (tag == 0 && version >= 10) { // v10+ NodeEndpoints
                    readNodeEndpoints(field, nodeEndpoints);
                    return true;
                }
                return false;
            });
        }
        return new ProduceResponse(topics, throttleTimeMs, nodeEndpoints);
    }

    private static PartitionResponse readPartition(ProtocolReader in, short version, boolean flexible) {
        int index = in.readInt32("ProduceResponse partition index");
        short errorCode = in.readInt16("ProduceResponse partition error_code");
        long baseOffset = in.readInt64("ProduceResponse partition base_offset");
        long logAppendTimeMs = version >= 2 ? in.readInt64("ProduceResponse partition log_append_time_ms") : -1L; // v2+
        long logStartOffset = version >= 5 ? in.readInt64("ProduceResponse partition log_start_offset") : -1L; // v5+
        List<RecordError> recordErrors = List.of();
        String errorMessage = null;
        if (version >= 8) { // v8+
            int count = Fields.readArrayLength(in, "ProduceResponse record_errors", flexible);
            recordErrors = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int batchIndex = in.readInt32("ProduceResponse record_errors batch_index");
                String message = Fields.readNullableString(in, "ProduceResponse record_errors batch_index_error_message",
                        flexible);
                Fields.skipTags(in, "ProduceResponse record_errors", flexible);
                recordErrors.add(new RecordError(batchIndex, message));
            }
            errorMessage = Fields.readNullableString(in, "ProduceResponse partition error_message", flexible);
        }
        LeaderAndEpoch[] currentLeader = {LeaderAndEpoch.UNKNOWN};
        if (flexible) {
            in.readTaggedFields("ProduceResponse partition", (tag, field) -> {
                if (tag == 0 && version >= 10) { // v10+ CurrentLeader
                    int leaderId = field.readInt32("ProduceResponse CurrentLeader leader_id");
                    int leaderEpoch = field.readInt32("ProduceResponse CurrentLeader leader_epoch");
                    field.skipTaggedFields("ProduceResponse CurrentLeader");
                    currentLeader[0] = new LeaderAndEpoch(leaderId, leaderEpoch);
                    return true;
                }
                return false;
            });
        }
        return new PartitionResponse(index, errorCode, baseOffset, logAppendTimeMs, logStartOffset, recordErrors,
                errorMessage, currentLeader[0]);
    }

    private static void readNodeEndpoints(ProtocolReader in, List<BrokerEndpoint> into) {
        int count = in.readCompactArrayLength("ProduceResponse NodeEndpoints");
        for (int i = 0; i < count; i++) {
            int nodeId = in.readInt32("ProduceResponse NodeEndpoints node_id");
            String host = in.readCompactString("ProduceResponse NodeEndpoints host");
            int port = in.readInt32("ProduceResponse NodeEndpoints port");
            String rack = in.readCompactNullableString("ProduceResponse NodeEndpoints rack");
            in.skipTaggedFields("ProduceResponse NodeEndpoints");
            into.add(new BrokerEndpoint(nodeId, host, port, rack));
        }
    }
}
