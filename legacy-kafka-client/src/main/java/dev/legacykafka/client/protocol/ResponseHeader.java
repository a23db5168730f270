package dev.legacykafka.client.protocol;

import dev.legacykafka.client.protocol.types.ProtocolReader;

/**
 * The header in front of every response body.
 *
 * <pre>
 * v0: correlation_id:int32
 * v1: correlation_id:int32 TAG_BUFFER   (flexible API versions, except ApiVersions)
 * </pre>
 *
 * @param correlationId the correlation id of the request this answers
 */
public record ResponseHeader(int correlationId) {

    /**
     * Reads the header of a response to {@code api} at {@code apiVersion}, choosing the header version
     * by {@link ApiKey#responseHeaderVersion}.
     *
     * @param in         positioned at the start of the response (after the size prefix)
     * @param api        the API of the request this answers
     * @param apiVersion the version of that request
     */
    public static ResponseHeader read(ProtocolReader in, ApiKey api, short apiVersion) {
        return read(in, api.responseHeaderVersion(apiVersion));
    }

    /**
     * Reads a response header of the given header version.
     *
     * @param in            positioned at the start of the response (after the size prefix)
     * @param headerVersion 0 or 1
     */
    public static ResponseHeader read(ProtocolReader in, short headerVersion) {
        if (headerVersion < 0 || headerVersion > 1) {
            throw new IllegalArgumentException("Response header v" + headerVersion + " does not exist (v0-v1)");
        }
        int correlationId = in.readInt32("response header correlation_id");
        if (headerVersion >= 1) {
            in.skipTaggedFields("response header");
        }
        return new ResponseHeader(correlationId);
    }
}
