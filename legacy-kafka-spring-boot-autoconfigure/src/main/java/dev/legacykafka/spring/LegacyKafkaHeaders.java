package dev.legacykafka.spring;

/**
 * Names of the Spring messaging headers {@link LegacyKafkaTemplate#send(org.springframework.messaging.Message)}
 * reads. They have the values of spring-kafka's {@code KafkaHeaders}, so messages built for a
 * {@code KafkaTemplate} send the same way here.
 */
public final class LegacyKafkaHeaders {

    /** Topic to send to (String); the template's default topic when absent. */
    public static final String TOPIC = "kafka_topic";

    /** Record key, serialized with the template's key serializer. */
    public static final String KEY = "kafka_messageKey";

    /** Partition to send to (Integer or a number); the partitioner's choice when absent. */
    public static final String PARTITION = "kafka_partitionId";

    /** CreateTime in epoch millis (Long or a number); the time of the send when absent. */
    public static final String TIMESTAMP = "kafka_timestamp";

    /** Prefix of the headers above, none of which becomes a record header. */
    public static final String PREFIX = "kafka_";

    private LegacyKafkaHeaders() {
    }
}
