package dev.legacykafka.client.protocol;

import dev.legacykafka.client.errors.ProtocolException;
import dev.legacykafka.client.protocol.types.ProtocolReader;

/**
 * Reads a response body at a version; every response class's static {@code read} method fits it,
 * as in {@code ProduceResponse::read}.
 *
 * @param <T> the response type
 */
@FunctionalInterface
public interface ResponseReader<T> {

    /**
     * @param in      the body's bytes, positioned after the response header
     * @param version the API version of the request this answers
     * @throws ProtocolException if the bytes do not form that response
     */
    T read(ProtocolReader in, short version);
}
