package dev.legacykafka.client.errors;

/**
 * The request or record cannot be expressed at the protocol version in use: a pinned Produce
 * version the broker does not support, headers or zstd on a version too old to carry them,
 * transactions below Produce v3. The message names the version and what would lift the limit.
 */
public class UnsupportedVersionException extends LegacyKafkaException {

    private static final long serialVersionUID = 1L;

    public UnsupportedVersionException(String message) {
        super(message);
    }
}
