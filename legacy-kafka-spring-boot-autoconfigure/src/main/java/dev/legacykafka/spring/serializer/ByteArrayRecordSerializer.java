package dev.legacykafka.spring.serializer;

import org.jspecify.annotations.Nullable;

/** Passes {@code byte[]} through unchanged. */
public final class ByteArrayRecordSerializer implements RecordSerializer<byte[]> {

    @Override
    public byte @Nullable [] serialize(String topic, byte @Nullable [] data) {
        return data;
    }
}
