package dev.legacykafka.spring.serializer;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Sends the keys or values of one topic, or of one type, through a serializer of the
 * application's. Declare routes as beans and the auto-configured template uses them ahead of
 * {@code legacykafka.producer.key-serializer} / {@code value-serializer}, which serializes the rest:
 *
 * <pre>{@code
 * @Bean
 * RecordSerializerRoute invoices(InvoiceAvroSerializer avro) {
 *     return RecordSerializerRoute.valuesOfTopic("invoices", avro);
 * }
 * }</pre>
 *
 * A topic route wins over a type route; among type routes the first in bean order whose type the
 * key or value is an instance of.
 *
 * @param part       whether the route serializes keys or values
 * @param topic      the topic it applies to, or null for a type route
 * @param type       the type it applies to, or null for a topic route
 * @param serializer the serializer to use
 */
public record RecordSerializerRoute(Part part, @Nullable String topic, @Nullable Class<?> type,
                                    RecordSerializer<?> serializer) {

    /** Which part of a record a route serializes. */
    public enum Part {
        /** Record keys. */
        KEY,
        /** Record values. */
        VALUE
    }

    public RecordSerializerRoute {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(serializer, "serializer");
        if ((topic == null) == (type == null)) {
            throw new IllegalArgumentException("A route has a topic or a type, not both or neither");
        }
    }

    /** Values sent to {@code topic} go through {@code serializer}. */
    public static RecordSerializerRoute valuesOfTopic(String topic, RecordSerializer<?> serializer) {
        return new RecordSerializerRoute(Part.VALUE, topic, null, serializer);
    }

    /** Values that are instances of {@code type} go through {@code serializer}. */
    public static <T> RecordSerializerRoute valuesOfType(Class<T> type, RecordSerializer<? super T> serializer) {
        return new RecordSerializerRoute(Part.VALUE, null, type, serializer);
    }

    /** Keys of records sent to {@code topic} go through {@code serializer}. */
    public static RecordSerializerRoute keysOfTopic(String topic, RecordSerializer<?> serializer) {
        return new RecordSerializerRoute(Part.KEY, topic, null, serializer);
    }

    /** Keys that are instances of {@code type} go through {@code serializer}. */
    public static <T> RecordSerializerRoute keysOfType(Class<T> type, RecordSerializer<? super T> serializer) {
        return new RecordSerializerRoute(Part.KEY, null, type, serializer);
    }
}
