package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.Request;
import dev.legacykafka.client.protocol.types.ProtocolWriter;
import java.util.Objects;

/**
 * ApiVersions request (api key 18), v0-v4.
 *
 * <pre>
 * v0-v2: (empty body)
 * v3+:   client_software_name:COMPACT_STRING client_software_version:COMPACT_STRING TAG_BUFFER
 * </pre>
 * Brokers (2.4+, KIP-511) reject v3+ names that do not match
 * {@code [a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?}, so both are required.
 *
 * @param clientSoftwareName    the client library's name (v3+)
 * @param clientSoftwareVersion the client library's version (v3+)
 */
public record ApiVersionsRequest(String clientSoftwareName, String clientSoftwareVersion) implements Request {

    /** Checks the required components. */
    public ApiVersionsRequest {
        Objects.requireNonNull(clientSoftwareName, "clientSoftwareName");
        Objects.requireNonNull(clientSoftwareVersion, "clientSoftwareVersion");
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.API_VERSIONS;
    }

    @Override
    public void writeTo(ProtocolWriter out, short version) {
        ApiKey.API_VERSIONS.requireSupported(version);
        if (version >= 3) { // v3+, flexible
            out.writeCompactString(clientSoftwareName);
            out.writeCompactString(clientSoftwareVersion);
            out.writeEmptyTaggedFields();
        }
    }
}
