package dev.legacykafka.spring.serializer;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Serializes a {@link String} as UTF-8. */
public final class StringRecordSerializer implements RecordSerializer<String> {

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable String data) {
        return data == null ? null : data.getBytes(StandardCharsets.UTF_8);
    }
}
