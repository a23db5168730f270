package dev.legacykafka.spring.serializer;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Serializes any object as JSON with a Jackson 3 {@link JsonMapper}. */
public final class JsonRecordSerializer implements RecordSerializer<Object> {

    private final JsonMapper jsonMapper;

    /** @param jsonMapper the mapper to write with, usually the application's */
    public JsonRecordSerializer(JsonMapper jsonMapper) {
        this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
    }

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable Object data) {
        if (data == null) {
            return null;
        }
        try {
            return jsonMapper.writeValueAsBytes(data);
        } catch (JacksonException ex) {
            throw new RecordSerializationException("Cannot write " + data.getClass().getName() + " as JSON for topic "
                    + topic + ": " + ex.getOriginalMessage(), ex);
        }
    }
}
