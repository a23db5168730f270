package dev.legacykafka.client;

import java.util.Arrays;
import java.util.Objects;

/**
 * A record header: a non-null string key and a value that may be null.
 *
 * <p>Headers exist only in the RecordBatch format (magic 2, Produce v3+). A record with headers
 * sent with Produce v0-v2 fails with an exception naming the version; it is never sent without them.
 *
 * @param key   header key, not null
 * @param value header value, may be null
 */
public record Header(String key, byte[] value) {

    public Header {
        Objects.requireNonNull(key, "header key");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Header that && key.equals(that.key) && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Header[key=" + key + ", value=" + (value == null ? "null" : value.length + " bytes") + "]";
    }
}
