package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.types.ProtocolReader;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Metadata response (api key 3), v0-v13.
 *
 * <pre>
 * throttle_time_ms:int32                                  v3+ (first, unlike Produce)
 * brokers:[ node_id:int32 host:STRING port:int32 rack:NULLABLE_STRING (v1+) ]
 * cluster_id:NULLABLE_STRING                              v2+
 * controller_id:int32                                     v1+
 * topics:[
 *   error_code:int16 name:STRING (nullable v12+) topic_id:UUID (v10+) is_internal:bool (v1+)
 *   partitions:[ error_code:int16 partition_index:int32 leader_id:int32 leader_epoch:int32 (v7+)
 *                replica_nodes:[int32] isr_nodes:[int32] offline_replicas:[int32] (v5+) ]
 *   topic_authorized_operations:int32                     v8+
 * ]
 * cluster_authorized_operations:int32                     v8-v10
 * error_code:int16                                        v13+ (KIP-1102, e.g. REBOOTSTRAP_REQUIRED)
 * </pre>
 * v9+ is flexible. Missing fields take Kafka's defaults (-1 ids and epochs, null rack and cluster
 * id, {@link Integer#MIN_VALUE} authorized operations, error 0).
 *
 * @param throttleTimeMs              throttle time (v3+), else 0
 * @param brokers                     the brokers
 * @param clusterId                   the cluster id (v2+), or null
 * @param controllerId                the controller's id (v1+), or -1
 * @param topics                      the topics
 * @param clusterAuthorizedOperations bit field of authorized operations (v8-v10)
 * @param errorCode                   top-level error (v13+), else 0
 */
public record MetadataResponse(int throttleTimeMs, List<BrokerEndpoint> brokers, String clusterId, int controllerId,
        List<TopicMetadata> topics, int clusterAuthorizedOperations, short errorCode) {

    /** Authorized operations when not requested or not carried by the version. */
    public static final int AUTHORIZED_OPERATIONS_OMITTED = Integer.MIN_VALUE;

    /** Copies the lists, so the value stays immutable. */
    public MetadataResponse {
        brokers = List.copyOf(brokers);
        topics = List.copyOf(topics);
    }

    /**
     * One topic.
     *
     * @param errorCode                 0, or why the topic could not be described
     * @param name                      the topic name (null possible v12+ when asked by id)
     * @param topicId                   the topic id (v10+), else null
     * @param isInternal                whether it is an internal topic (v1+)
     * @param partitions                its partitions
     * @param topicAuthorizedOperations bit field of authorized operations (v8+)
     */
    public record TopicMetadata(short errorCode, String name, UUID topicId, boolean isInternal,
            List<PartitionMetadata> partitions, int topicAuthorizedOperations) {

        /** Copies the lists, so the value stays immutable. */
        public TopicMetadata {
            partitions = List.copyOf(partitions);
        }

        /** The error code as an {@link ErrorCode}. */
        public ErrorCode error() {
            return ErrorCode.forCode(errorCode);
        }
    }

    /**
     * One partition.
     *
     * @param errorCode       0, or an error such as LEADER_NOT_AVAILABLE
     * @param partitionIndex  the partition index
     * @param leaderId        the leader's broker id, -1 when there is none
     * @param leaderEpoch     the leader epoch (v7+), else -1
     * @param replicaNodes    the replicas
     * @param isrNodes        the in-sync replicas
     * @param offlineReplicas the offline replicas (v5+)
     */
    public record PartitionMetadata(short errorCode, int partitionIndex, int leaderId, int leaderEpoch,
            List<Integer> replicaNodes, List<Integer> isrNodes, List<Integer> offlineReplicas) {

        /** Copies the lists, so the value stays immutable. */
        public PartitionMetadata {
            replicaNodes = List.copyOf(replicaNodes);
            isrNodes = List.copyOf(isrNodes);
            offlineReplicas = List.copyOf(offlineReplicas);
        }

        /** The error code as an {@link ErrorCode}. */
        public ErrorCode error() {
            return ErrorCode.forCode(errorCode);
        }
    }

    /** The top-level error code as an {@link ErrorCode}. */
    public ErrorCode error() {
        return ErrorCode.forCode(errorCode);
    }

    /**
     * Reads a Metadata response body.
     *
     * @param in      positioned after the response header
     * @param version the version of the request this answers
     */
    public static MetadataResponse read(ProtocolReader in, short version) {
        ApiKey.METADATA.requireSupported(version);
        boolean flexible = ApiKey.METADATA.isFlexible(version);
        int throttleTimeMs = version >= 3 ? in.readInt32("MetadataResponse throttle_time_ms") : 0; // v3+
        int brokerCount = Fields.readArrayLength(in, "MetadataResponse brokers", flexible);
        List<BrokerEndpoint> brokers = new ArrayList<>(brokerCount);
        for (int i = 0; i < brokerCount; i++) {
            int nodeId = in.readInt32("MetadataResponse broker node_id");
            String host = Fields.readString(in, "MetadataResponse broker host", flexible);
            int port = in.readInt32("MetadataResponse broker port");
            String rack = version >= 1 ? Fields.readNullableString(in, "MetadataResponse broker rack", flexible) : null;
            Fields.skipTags(in, "MetadataResponse broker", flexible);
            brokers.add(new BrokerEndpoint(nodeId, host, port, rack));
        }
        String clusterId = version >= 2 // v2+
                ? Fields.readNullableString(in, "MetadataResponse cluster_id", flexible) : null;
        int controllerId = version >= 1 ? in.readInt32("MetadataResponse controller_id") : -1; // v1+
        int topicCount = Fields.readArrayLength(in, "MetadataResponse topics", flexible);
        List<TopicMetadata> topics = new ArrayList<>(topicCount);
        for (int i = 0; i < topicCount; i++) {
            topics.add(readTopic(in, version, flexible));
        }
        int clusterOps = version >= 8 && version <= 10 // v8-v10
                ? in.readInt32("MetadataResponse cluster_authorized_operations") : AUTHORIZED_OPERATIONS_OMITTED;
        short errorCode = version >= 13 ? in.readInt16("MetadataResponse error_code") : 0; // v13+
        Fields.skipTags(in, "MetadataResponse", flexible);
        return new MetadataResponse(throttleTimeMs, brokers, clusterId, controllerId, topics, clusterOps, errorCode);
    }

    private static TopicMetadata readTopic(ProtocolReader in, short version, boolean flexible) {
        short errorCode = in.readInt16("MetadataResponse topic error_code");
        String name = version >= 12 // v12+ nullable
                ? Fields.readNullableString(in, "MetadataResponse topic name", flexible)
                : Fields.readString(in, "MetadataResponse topic name", flexible);
        UUID topicId = version >= 10 ? in.readUuid("MetadataResponse topic_id") : null; // v10+
        boolean isInternal = version >= 1 && in.readBoolean("MetadataResponse is_internal"); // v1+
        int partitionCount = Fields.readArrayLength(in, "MetadataResponse partitions", flexible);
        List<PartitionMetadata> partitions = new ArrayList<>(partitionCount);
        for (int i = 0; i < partitionCount; i++) {
            short partitionError = in.readInt16("MetadataResponse partition error_code");
            int index = in.readInt32("MetadataResponse partition_index");
            int leaderId = in.readInt32("MetadataResponse leader_id");
            int leaderEpoch = version >= 7 ? in.readInt32("MetadataResponse leader_epoch") : -1; // v7+
            List<Integer> replicas = readInt32s(in, "MetadataResponse replica_nodes", flexible);
            List<Integer> isr = readInt32s(in, "MetadataResponse isr_nodes", flexible);
            List<Integer> offline = version >= 5 // v5+
                    ? readInt32s(in, "MetadataResponse offline_replicas", flexible) : List.of();
            Fields.skipTags(in, "MetadataResponse partition", flexible);
            partitions.add(new PartitionMetadata(partitionError, index, leaderId, leaderEpoch, replicas, isr, offline));
        }
        int topicOps = version >= 8 // v8+
                ? in.readInt32("MetadataResponse topic_authorized_operations") : AUTHORIZED_OPERATIONS_OMITTED;
        Fields.skipTags(in, "MetadataResponse topic", flexible);
        return new TopicMetadata(errorCode, name, topicId, isInternal, partitions, topicOps);
    }

    private static List<Integer> readInt32s(ProtocolReader in, String what, boolean flexible) {
        int count = Fields.readArrayLength(in, what, flexible);
        List<Integer> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(in.readInt32(what));
        }
        return values;
    }
}
