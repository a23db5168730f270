package dev.legacykafka.client.scripted;

import java.nio.charset.StandardCharsets;

/**
 * One record as the scripted broker stored it.
 *
 * @param offset        the record's offset in its partition
 * @param key           key bytes, null when the record had none
 * @param value         value bytes, null for a tombstone
 * @param producerId    producer id of its batch, -1 without one
 * @param producerEpoch producer epoch of its batch, -1 without one
 * @param sequence      the record's own sequence (batch base sequence + index), -1 without one
 */
public record LoggedRecord(long offset, byte[] key, byte[] value, long producerId, short producerEpoch, int sequence) {

    /** The value as UTF-8 text, or null. */
    public String valueString() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** The key as UTF-8 text, or null. */
    public String keyString() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "LoggedRecord[offset=" + offset + ", key=" + keyString() + ", value="
                + (value == null ? "null" : value.length + " bytes") + ", pid=" + producerId + ", epoch=" + producerEpoch
                + ", seq=" + sequence + "]";
    }
}
