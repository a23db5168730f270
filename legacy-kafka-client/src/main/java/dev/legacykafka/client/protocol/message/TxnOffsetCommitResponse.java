package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.types.ProtocolReader;
import java.util.ArrayList;
import java.util.List;

/**
 * TxnOffsetCommit response (api key 28), v0-v5.
 *
 * <pre>
 * throttle_time_ms:int32
 * topics:[ name:STRING partitions:[ partition_index:int32 error_code:int16 ] ]
 * </pre>
 * v3+ is flexible.
 *
 * @param throttleTimeMs throttle time
 * @param topics         per-topic, per-partition results
 */
public record TxnOffsetCommitResponse(int throttleTimeMs, List<TopicResult> topics) {

    /** Copies the lists, so the value stays immutable. */
    public TxnOffsetCommitResponse {
        topics = List.copyOf(topics);
    }

    /**
     * Results for one topic.
     *
     * @param name       the topic name
     * @param partitions per-partition results
     */
    public record TopicResult(String name, List<PartitionResult> partitions) {

        /** Copies the lists, so the value stays immutable. */
        public TopicResult {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * Result for one partition.
     *
     * @param partitionIndex the partition index
     * @param errorCode      0, or why the offset was not committed
     */
    public record PartitionResult(int partitionIndex, short errorCode) {

        /** The error code as an {@link ErrorCode}. */
        public ErrorCode error() {
            return ErrorCode.forCode(errorCode);
        }
    }

    /**
     * Reads a TxnOffsetCommit response body.
     *
     * @param in      positioned after the response header
     * @param version the version of the request this answers
     */
    public static TxnOffsetCommitResponse read(ProtocolReader in, short version) {
        ApiKey.TXN_OFFSET_COMMIT.requireSupported(version);
        boolean flexible = ApiKey.TXN_OFFSET_COMMIT.isFlexible(version);
        int throttleTimeMs = in.readInt32("TxnOffsetCommitResponse throttle_time_ms");
        int topicCount = Fields.readArrayLength(in, "TxnOffsetCommitResponse topics", flexible);
        List<TopicResult> topics = new ArrayList<>(topicCount);
        for (int t = 0; t < topicCount; t++) {
            String name = Fields.readString(in, "TxnOffsetCommitResponse topic name", flexible);
            int count = Fields.readArrayLength(in, "TxnOffsetCommitResponse partitions", flexible);
            List<PartitionResult> partitions = new ArrayList<>(count);
            for (int p = 0; p < count; p++) {
                int index = in.readInt32("TxnOffsetCommitResponse partition_index");
                short errorCode = in.readInt16("TxnOffsetCommitResponse error_code");
                Fields.skipTags(in, "TxnOffsetCommitResponse partition", flexible);
                partitions.add(new PartitionResult(index, errorCode));
            }
            Fields.skipTags(in, "TxnOffsetCommitResponse topic", flexible);
            topics.add(new TopicResult(name, partitions));
        }
        Fields.skipTags(in, "TxnOffsetCommitResponse", flexible);
        return new TxnOffsetCommitResponse(throttleTimeMs, topics);
    }
}
