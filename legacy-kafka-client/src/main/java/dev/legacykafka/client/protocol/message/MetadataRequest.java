package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.Request;
import dev.legacykafka.client.protocol.types.ProtocolWriter;
import java.util.List;
import java.util.UUID;

/**
 * Metadata request (api key 3), v0-v13.
 *
 * <pre>
 * topics:[                                       null = all topics (v1+); v0: empty = all
 *   topic_id:UUID                                v10+
 *   name:STRING                                  nullable v10+
 * ]
 * allow_auto_topic_creation:bool                 v4+ (older brokers follow their own config)
 * include_cluster_authorized_operations:bool     v8-v10
 * include_topic_authorized_operations:bool       v8+
 * </pre>
 * v9+ is flexible. A request a version cannot express — no topics at v0, topic ids before v10,
 * auto-creation off before v4, authorized operations outside their versions — fails to encode.
 *
 * @param topics                            the topics to describe, or null for all
 * @param allowAutoTopicCreation            whether the broker may create missing topics
 * @param includeClusterAuthorizedOperations ask for the cluster's authorized operations (v8-v10)
 * @param includeTopicAuthorizedOperations  ask for each topic's authorized operations (v8+)
 */
public record MetadataRequest(List<Topic> topics, boolean allowAutoTopicCreation,
        boolean includeClusterAuthorizedOperations, boolean includeTopicAuthorizedOperations) implements Request {

    /** Copies the lists, so the value stays immutable. */
    public MetadataRequest {
        topics = topics == null ? null : List.copyOf(topics);
    }

    /**
     * A request for the given topic names, allowing auto-creation.
     *
     * @param names topic names
     */
    public static MetadataRequest forTopics(List<String> names) {
        return new MetadataRequest(names.stream().map(name -> new Topic(null, name)).toList(), true, false, false);
    }

    /** A request for every topic, allowing auto-creation. */
    public static MetadataRequest allTopics() {
        return new MetadataRequest(null, true, false, false);
    }

    /**
     * One topic, by name, or by id (v10+).
     *
     * @param topicId the topic id, or null
     * @param name    the topic name, or null when asking by id
     */
    public record Topic(UUID topicId, String name) {
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.METADATA;
    }

    @Override
    public void writeTo(ProtocolWriter out, short version) {
        ApiKey.METADATA.requireSupported(version);
        boolean flexible = ApiKey.METADATA.isFlexible(version);
        if (topics == null) {
            if (version == 0) {
                out.writeArrayLength(0); // v0 has no null array: empty means all topics
            } else {
                Fields.writeNullableArrayLength(out, -1, flexible);
            }
        } else {
            if (version == 0 && topics.isEmpty()) {
                throw new IllegalArgumentException("Metadata v0 cannot ask for no topics: an empty list means all");
            }
            Fields.writeArrayLength(out, topics.size(), flexible);
            for (Topic topic : topics) {
                writeTopic(out, topic, version, flexible);
            }
        }
        if (version >= 4) { // v4+
            out.writeBoolean(allowAutoTopicCreation);
        } else if (!allowAutoTopicCreation) {
            throw new IllegalArgumentException("Metadata v" + version + " cannot disable topic auto-creation (v4+)");
        }
        if (version >= 8 && version <= 10) { // v8-v10
            out.writeBoolean(includeClusterAuthorizedOperations);
        } else if (includeClusterAuthorizedOperations) {
            throw new IllegalArgumentException("Metadata v" + version
                    + " cannot ask for cluster authorized operations (v8-v10)");
        }
        if (version >= 8) { // v8+
            out.writeBoolean(includeTopicAuthorizedOperations);
        } else if (includeTopicAuthorizedOperations) {
            throw new IllegalArgumentException("Metadata v" + version
                    + " cannot ask for topic authorized operations (v8+)");
        }
        Fields.writeTags(out, flexible);
    }

    private static void writeTopic(ProtocolWriter out, Topic topic, short version, boolean flexible) {
        if (version >= 10) { // v10+
            out.writeUuid(topic.topicId() == null ? new UUID(0L, 0L) : topic.topicId());
            Fields.writeNullableString(out, topic.name(), flexible);
        } else {
            if (topic.topicId() != null || topic.name() == null) {
                throw new IllegalArgumentException("Metadata v" + version + " can only ask for topics by name (ids v10+)");
            }
            Fields.writeString(out, topic.name(), flexible);
        }
        Fields.writeTags(out, flexible);
    }
}
