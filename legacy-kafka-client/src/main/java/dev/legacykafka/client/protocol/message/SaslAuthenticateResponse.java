package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.types.ProtocolReader;
import java.util.Arrays;
import java.util.Objects;

/**
 * SaslAuthenticate response (api key 36), v0-v2.
 *
 * <pre>
 * error_code:int16 error_message:NULLABLE_STRING auth_bytes:BYTES
 * session_lifetime_ms:int64          v1+ (KIP-368, 0 when none)
 * </pre>
 * v2 is flexible.
 *
 * @param errorCode         0, or SASL_AUTHENTICATION_FAILED and the like
 * @param errorMessage      the broker's message, or null
 * @param authBytes         the server's SASL token
 * @param sessionLifetimeMs how long the session may last before re-authentication (v1+), else 0
 */
public record SaslAuthenticateResponse(short errorCode, String errorMessage, byte[] authBytes,
        long sessionLifetimeMs) {

    /** Copies the bytes, so the value stays immutable. */
    public SaslAuthenticateResponse {
        authBytes = Objects.requireNonNull(authBytes, "authBytes").clone();
    }

    /** A copy of the server's token. */
    @Override
    public byte[] authBytes() {
        return authBytes.clone();
    }

    /** The error code as an {@link ErrorCode}. */
    public ErrorCode error() {
        return ErrorCode.forCode(errorCode);
    }

    /**
     * Reads a SaslAuthenticate response body.
     *
     * @param in      positioned after the response header
     * @param version the version of the request this answers
     */
    public static SaslAuthenticateResponse read(ProtocolReader in, short version) {
        ApiKey.SASL_AUTHENTICATE.requireSupported(version);
        boolean flexible = ApiKey.SASL_AUTHENTICATE.isFlexible(version);
        short errorCode = in.readInt16("SaslAuthenticateResponse error_code");
        String errorMessage = Fields.readNullableString(in, "SaslAuthenticateResponse error_message", flexible);
        byte[] authBytes = Fields.readBytes(in, "SaslAuthenticateResponse auth_bytes", flexible);
        long sessionLifetimeMs = version >= 1 ? in.readInt64("SaslAuthenticateResponse session_lifetime_ms") : 0L; // v1+
        Fields.skipTags(in, "SaslAuthenticateResponse", flexible);
        return new SaslAuthenticateResponse(errorCode, errorMessage, authBytes, sessionLifetimeMs);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SaslAuthenticateResponse that && errorCode == that.errorCode
                && Objects.equals(errorMessage, that.errorMessage) && Arrays.equals(authBytes, that.authBytes)
                && sessionLifetimeMs == that.sessionLifetimeMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(errorCode, errorMessage, Arrays.hashCode(authBytes), sessionLifetimeMs);
    }

    /** Never prints the token: it may carry secrets. */
    @Override
    public String toString() {
        return "SaslAuthenticateResponse[errorCode=" + errorCode + ", errorMessage=" + errorMessage + ", authBytes="
                + authBytes.length + " bytes, sessionLifetimeMs=" + sessionLifetimeMs + "]";
    }
}
