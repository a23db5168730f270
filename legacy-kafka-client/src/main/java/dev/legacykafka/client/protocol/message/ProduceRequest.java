package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.Request;
import dev.legacykafka.client.protocol.types.ProtocolWriter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Produce request (api key 0), v0-v13.
 *
 * <pre>
 * transactional_id:NULLABLE_STRING      v3+
 * acks:int16 timeout_ms:int32
 * topic_data:[
 *   name:STRING                         v0-v12
 *   topic_id:UUID                       v13+
 *   partition_data:[ index:int32 records:NULLABLE_BYTES ]
 * ]
 * </pre>
 * v9+ is flexible: compact strings, arrays and records, and a tagged-field section after every
 * partition, topic and the request.
 *
 * <p>Records are ready-made MessageSets (v0-v2) or one RecordBatch (v3+) and are written as they
 * are, copied once into the frame; this class neither reads nor changes their buffers' positions.
 * Which record format a version needs is the record layer's business, not this codec's.
 *
 * @param transactionalId the transactional id, or null when not transactional; needs v3+
 * @param acks            0 (no response at all), 1 (leader) or -1 (all in-sync replicas)
 * @param timeoutMs       how long the broker waits for the acks it was asked for
 * @param topics          the topics and partitions to write to
 */
public record ProduceRequest(String transactionalId, short acks, int timeoutMs, List<TopicData> topics)
        implements Request {

    /** Copies the lists, so the value stays immutable. */
    public ProduceRequest {
        topics = List.copyOf(topics);
    }

    /**
     * Records for the partitions of one topic. Produce v0-v12 name the topic, v13+ use its id.
     *
     * @param name       the topic name; required for v0-v12
     * @param topicId    the topic id; required for v13
     * @param partitions the partitions to write to
     */
    public record TopicData(String name, UUID topicId, List<PartitionData> partitions) {

        /** Copies the lists, so the value stays immutable. */
        public TopicData {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * Records for one partition.
     *
     * @param index   the partition index
     * @param records the encoded records, from position to limit; null writes a null records field
     */
    public record PartitionData(int index, ByteBuffer records) {
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.PRODUCE;
    }

    /** With acks = 0 the broker sends no response at all (and closes the connection on an error). */
    public boolean expectsResponse() {
        return acks != 0;
    }

    @Override
    public void writeTo(ProtocolWriter out, short version) {
        ApiKey.PRODUCE.requireSupported(version);
        boolean flexible = ApiKey.PRODUCE.isFlexible(version);
        if (version >= 3) { // v3+
            Fields.writeNullableString(out, transactionalId, flexible);
        } else if (transactionalId != null) {
            throw new IllegalArgumentException("Transactions need Produce v3+; cannot send transactional_id with v"
                    + version);
        }
        out.writeInt16(acks);
        out.writeInt32(timeoutMs);
        Fields.writeArrayLength(out, topics.size(), flexible);
        for (TopicData topic : topics) {
            if (version >= 13) { // v13+
                out.writeUuid(Objects.requireNonNull(topic.topicId(), "Produce v13+ needs topic ids"));
            } else { // v0-v12
                Fields.writeString(out, Objects.requireNonNull(topic.name(), "Produce v0-v12 needs topic names"), flexible);
            }
            Fields.writeArrayLength(out, topic.partitions().size(), flexible);
            for (PartitionData partition : topic.partitions()) {
                out.writeInt32(partition.index());
                if (flexible) {
                    out.writeCompactNullableBytes(partition.records());
                    out.writeEmptyTaggedFields();
                } else {
                    out.writeNullableBytes(partition.records());
                }
            }
            Fields.writeTags(out, flexible);
        }
        Fields.writeTags(out, flexible);
    }
}
