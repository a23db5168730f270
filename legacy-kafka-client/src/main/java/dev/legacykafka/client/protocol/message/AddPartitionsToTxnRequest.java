package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.Request;
import dev.legacykafka.client.protocol.types.ProtocolWriter;
import java.util.List;

/**
 * AddPartitionsToTxn request (api key 24), client versions v0-v3.
 *
 * <pre>
 * transactional_id:STRING producer_id:int64 producer_epoch:int16
 * topics:[ name:STRING partitions:[int32] ]
 * </pre>
 * v3 is flexible. v4+ batches several transactions and is for brokers only (it needs
 * CLUSTER_ACTION), so it is not implemented; with transactions v2 (Produce v12+) the producer does
 * not send this request at all.
 *
 * @param transactionalId the transactional id
 * @param producerId      the producer id
 * @param producerEpoch   the producer epoch
 * @param topics          the partitions to add, per topic
 */
public record AddPartitionsToTxnRequest(String transactionalId, long producerId, short producerEpoch,
        List<Topic> topics) implements Request {

    /** Copies the lists, so the value stays immutable. */
    public AddPartitionsToTxnRequest {
        topics = List.copyOf(topics);
    }

    /**
     * Partitions of one topic.
     *
     * @param name       the topic name
     * @param partitions the partition indexes
     */
    public record Topic(String name, List<Integer> partitions) {

        /** Copies the lists, so the value stays immutable. */
        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.ADD_PARTITIONS_TO_TXN;
    }

    @Override
    public void writeTo(ProtocolWriter out, short version) {
        ApiKey.ADD_PARTITIONS_TO_TXN.requireSupported(version);
        boolean flexible = ApiKey.ADD_PARTITIONS_TO_TXN.isFlexible(version);
        Fields.writeString(out, transactionalId, flexible);
        out.writeInt64(producerId);
        out.writeInt16(producerEpoch);
        Fields.writeArrayLength(out, topics.size(), flexible);
        for (Topic topic : topics) {
            Fields.writeString(out, topic.name(), flexible);
            Fields.writeArrayLength(out, topic.partitions().size(), flexible);
            for (int partition : topic.partitions()) {
                out.writeInt32(partition);
            }
            Fields.writeTags(out, flexible);
        }
        Fields.writeTags(out, flexible);
    }
}
