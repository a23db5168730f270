package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.Request;
import dev.legacykafka.client.protocol.types.ProtocolWriter;
import java.util.Objects;

/**
 * SaslHandshake request (api key 17), v0-v1; never flexible.
 *
 * <pre>
 * mechanism:STRING
 * </pre>
 * After a v0 handshake the SASL tokens travel raw (int32 length-prefixed); after v1 each token is a
 * SaslAuthenticate request.
 *
 * @param mechanism the SASL mechanism, such as {@code PLAIN} or {@code SCRAM-SHA-512}
 */
public record SaslHandshakeRequest(String mechanism) implements Request {

    /** Checks the required components. */
    public SaslHandshakeRequest {
        Objects.requireNonNull(mechanism, "mechanism");
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.SASL_HANDSHAKE;
    }

    @Override
    public void writeTo(ProtocolWriter out, short version) {
        ApiKey.SASL_HANDSHAKE.requireSupported(version);
        out.writeString(mechanism);
    }
}
