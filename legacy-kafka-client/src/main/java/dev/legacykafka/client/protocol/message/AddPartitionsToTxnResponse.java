package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.types.ProtocolReader;
import java.util.ArrayList;
import java.util.List;

/**
 * AddPartitionsToTxn response (api key 24), client versions v0-v3.
 *
 * <pre>
 * throttle_time_ms:int32
 * results_by_topic:[ name:STRING results_by_partition:[ partition_index:int32 partition_error_code:int16 ] ]
 * </pre>
 * v3 is flexible.
 *
 * @param throttleTimeMs throttle time
 * @param topics         per-topic, per-partition results
 */
public record AddPartitionsToTxnResponse(int throttleTimeMs, List<TopicResult> topics) {

    /** Copies the lists, so the value stays immutable. */
    public AddPartitionsToTxnResponse {
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
     * @param errorCode      0, or why it was not added (OPERATION_NOT_ATTEMPTED when another failed)
     */
    public record PartitionResult(int partitionIndex, short errorCode) {

        /** The error code as an {@link ErrorCode}. */
        public ErrorCode error() {
            return ErrorCode.forCode(errorCode);
        }
    }

    /**
     * Reads an AddPartitionsToTxn response body.
     *
     * @param in      positioned after the response header
     * @param version the version of the request this answers
     */
    public static AddPartitionsToTxnResponse read(ProtocolReader in, short version) {
        ApiKey.ADD_PARTITIONS_TO_TXN.requireSupported(version);
        boolean flexible = ApiKey.ADD_PARTITIONS_TO_TXN.isFlexible(version);
        int throttleTimeMs = in.readInt32("AddPartitionsToTxnResponse throttle_time_ms");
        int topicCount = Fields.readArrayLength(in, "AddPartitionsToTxnResponse results_by_topic", flexible);
        List<TopicResult> topics = new ArrayList<>(topicCount);
        for (int t = 0; t < topicCount; t++) {
            String name = Fields.readString(in, "AddPartitionsToTxnResponse topic name", flexible);
            int count = Fields.readArrayLength(in, "AddPartitionsToTxnResponse results_by_partition", flexible);
            List<PartitionResult> partitions = new ArrayList<>(count);
            for (int p = 0; p < count; p++) {
                int index = in.readInt32("AddPartitionsToTxnResponse partition_index");
                short errorCode = in.readInt16("AddPartitionsToTxnResponse partition_error_code");
                Fields.skipTags(in, "AddPartitionsToTxnResponse partition", flexible);
                partitions.add(new PartitionResult(index, errorCode));
            }
            Fields.skipTags(in, "AddPartitionsToTxnResponse topic", flexible);
            topics.add(new TopicResult(name, partitions));
        }
        Fields.skipTags(in, "AddPartitionsToTxnResponse", flexible);
        return new AddPartitionsToTxnResponse(throttleTimeMs, topics);
    }
}
