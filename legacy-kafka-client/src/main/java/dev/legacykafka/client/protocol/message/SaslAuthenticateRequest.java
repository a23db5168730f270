package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.Request;
import dev.legacykafka.client.protocol.types.ProtocolWriter;
import java.util.Arrays;
import java.util.Objects;

/**
 * SaslAuthenticate request (api key 36), v0-v2.
 *
 * <pre>
 * auth_bytes:BYTES
 * </pre>
 * v2 is flexible.
 *
 * @param authBytes the SASL token for the mechanism chosen in SaslHandshake v1
 */
public record SaslAuthenticateRequest(byte[] authBytes) implements Request {

    /** Copies the bytes, so the value stays immutable. */
    public SaslAuthenticateRequest {
        authBytes = Objects.requireNonNull(authBytes, "authBytes").clone();
    }

    /** A copy of the token. */
    @Override
    public byte[] authBytes() {
        return authBytes.clone();
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.SASL_AUTHENTICATE;
    }

    @Override
    public void writeTo(ProtocolWriter out, short version) {
        ApiKey.SASL_AUTHENTICATE.requireSupported(version);
        boolean flexible = ApiKey.SASL_AUTHENTICATE.isFlexible(version);
        Fields.writeBytes(out, authBytes, flexible);
        Fields.writeTags(out, flexible);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SaslAuthenticateRequest that && Arrays.equals(authBytes, that.authBytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(authBytes);
    }

    /** Never prints the token: it may carry a password. */
    @Override
    public String toString() {
        return "SaslAuthenticateRequest[authBytes=" + authBytes.length + " bytes]";
    }
}
