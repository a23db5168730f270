package dev.legacykafka.client.protocol;

import dev.legacykafka.client.protocol.types.ProtocolWriter;
import java.util.Objects;

/**
 * The header in front of every request body.
 *
 * <pre>
 * v1: api_key:int16 api_version:int16 correlation_id:int32 client_id:NULLABLE_STRING
 * v2: v1 + TAG_BUFFER   (for flexible API versions)
 * </pre>
 *
 * <p>client_id keeps its int16 length even in v2: a broker must be able to read the header of an
 * ApiVersions request of a version it does not know, and a compact string would shift it. Header v0
 * (no client_id) only ever served ControlledShutdown v0 and is not used.
 *
 * @param apiKey        the API of the body that follows
 * @param apiVersion    the version of that body; decides the header version
 * @param correlationId echoed back by the broker in the response header
 * @param clientId      shows up in broker logs and quotas; may be null
 */
public record RequestHeader(ApiKey apiKey, short apiVersion, int correlationId, String clientId) {

    /**
     * @throws IllegalArgumentException if this client does not implement {@code apiVersion}
     */
    public RequestHeader {
        Objects.requireNonNull(apiKey, "apiKey");
        apiKey.requireSupported(apiVersion);
    }

    /** 1 or 2, by whether the API version is flexible. */
    public short headerVersion() {
        return apiKey.requestHeaderVersion(apiVersion);
    }

    /** Encoded size of this header. */
    public int sizeInBytes() {
        int size = 2 + 2 + 4 + ProtocolWriter.sizeOfString(clientId);
        return headerVersion() >= 2 ? size + 1 : size;
    }

    /**
     * Writes this header.
     *
     * @param out where to write
     */
    public void writeTo(ProtocolWriter out) {
        out.writeInt16(apiKey.id());
        out.writeInt16(apiVersion);
        out.writeInt32(correlationId);
        out.writeNullableString(clientId);
        if (headerVersion() >= 2) {
            out.writeEmptyTaggedFields();
        }
    }
}
