package dev.legacykafka.spring.serializer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Picks a serializer per record: the route of the record's topic, else the first route whose type
 * the data is an instance of, else the fallback. Null data goes through the topic's route or the
 * fallback (a type route cannot match it).
 */
public final class RoutingRecordSerializer implements RecordSerializer<Object> {

    private final Map<String, RecordSerializer<Object>> byTopic = new HashMap<>();

    private final List<Map.Entry<Class<?>, RecordSerializer<Object>>> byType = new ArrayList<>();

    private final RecordSerializer<Object> fallback;

    /**
     * @param routes   the routes, of one part (keys or values), type routes in priority order
     * @param fallback the serializer of everything no route takes
     */
    @SuppressWarnings("unchecked")
    public RoutingRecordSerializer(List<RecordSerializerRoute> routes, RecordSerializer<?> fallback) {
        this.fallback = (RecordSerializer<Object>) Objects.requireNonNull(fallback, "fallback");
        for (RecordSerializerRoute route : routes) {
            RecordSerializer<Object> serializer = (RecordSerializer<Object>) route.serializer();
            if (route.topic() != null) {
                if (byTopic.putIfAbsent(route.topic(), serializer) != null) {
                    throw new IllegalArgumentException("Two " + route.part().name().toLowerCase(java.util.Locale.ROOT)
                            + " serializer routes for topic " + route.topic());
                }
            } else {
                byType.add(Map.entry(Objects.requireNonNull(route.type()), serializer));
            }
        }
    }

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable Object data) {
        return serializerFor(topic, data).serialize(topic, data);
    }

    RecordSerializer<Object> serializerFor(String topic, @Nullable Object data) {
        RecordSerializer<Object> serializer = byTopic.get(topic);
        if (serializer != null) {
            return serializer;
        }
        if (data != null) {
            for (Map.Entry<Class<?>, RecordSerializer<Object>> route : byType) {
                if (route.getKey().isInstance(data)) {
                    return route.getValue();
                }
            }
        }
        return fallback;
    }
}
