package dev.legacykafka.client.protocol;

import dev.legacykafka.client.protocol.types.ProtocolWriter;

/**
 * The body of a request: a message that can write itself at any version its {@link ApiKey}
 * implements. Headers and the size prefix are added by {@link RequestFrame}.
 */
public interface Request {

    /** The API this request belongs to. */
    ApiKey apiKey();

    /**
     * Writes the body at {@code version}.
     *
     * @param out     where to write
     * @param version the API version to encode; must be one {@link #apiKey()} implements
     * @throws IllegalArgumentException if the version is not implemented, or this request holds
     *         something {@code version} cannot carry (never dropped silently)
     */
    void writeTo(ProtocolWriter out, short version);

    /**
     * Exact encoded size of the body at {@code version}. By default the body is written to a
     * measuring writer, which copies nothing; a request on a hot path may compute it directly.
     *
     * @param version the API version to encode
     */
    default int sizeInBytes(short version) {
        ProtocolWriter meter = ProtocolWriter.measuring();
        writeTo(meter, version);
        return meter.size();
    }
}
