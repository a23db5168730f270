package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.types.ProtocolReader;
import java.util.ArrayList;
import java.util.List;

/**
 * SaslHandshake response (api key 17), v0-v1; never flexible.
 *
 * <pre>
 * error_code:int16 mechanisms:[STRING]
 * </pre>
 *
 * @param errorCode  0, or UNSUPPORTED_SASL_MECHANISM
 * @param mechanisms the mechanisms the broker has enabled
 */
public record SaslHandshakeResponse(short errorCode, List<String> mechanisms) {

    /** Copies the lists, so the value stays immutable. */
    public SaslHandshakeResponse {
        mechanisms = List.copyOf(mechanisms);
    }

    /** The error code as an {@link ErrorCode}. */
    public ErrorCode error() {
        return ErrorCode.forCode(errorCode);
    }

    /**
     * Reads a SaslHandshake response body.
     *
     * @param in      positioned after the response header
     * @param version the version of the request this answers
     */
    public static SaslHandshakeResponse read(ProtocolReader in, short version) {
        ApiKey.SASL_HANDSHAKE.requireSupported(version);
        short errorCode = in.readInt16("SaslHandshakeResponse error_code");
        int count = in.readArrayLength("SaslHandshakeResponse mechanisms");
        List<String> mechanisms = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            mechanisms.add(in.readString("SaslHandshakeResponse mechanism"));
        }
        return new SaslHandshakeResponse(errorCode, mechanisms);
    }
}
