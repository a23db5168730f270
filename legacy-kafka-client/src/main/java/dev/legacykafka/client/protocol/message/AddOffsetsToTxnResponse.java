package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.types.ProtocolReader;

/**
 * AddOffsetsToTxn response (api key 25), v0-v4.
 *
 * <pre>
 * throttle_time_ms:int32 error_code:int16
 * </pre>
 * v3+ is flexible.
 *
 * @param throttleTimeMs throttle time
 * @param errorCode      0, or why the group was not added
 */
public record AddOffsetsToTxnResponse(int throttleTimeMs, short errorCode) {

    /** The error code as an {@link ErrorCode}. */
    public ErrorCode error() {
        return ErrorCode.forCode(errorCode);
    }

    /**
     * Reads an AddOffsetsToTxn response body.
     *
     * @param in      positioned after the response header
     * @param version the version of the request this answers
     */
    public static AddOffsetsToTxnResponse read(ProtocolReader in, short version) {
        ApiKey.ADD_OFFSETS_TO_TXN.requireSupported(version);
        int throttleTimeMs = in.readInt32("AddOffsetsToTxnResponse throttle_time_ms");
        short errorCode = in.readInt16("AddOffsetsToTxnResponse error_code");
        Fields.skipTags(in, "AddOffsetsToTxnResponse", ApiKey.ADD_OFFSETS_TO_TXN.isFlexible(version));
        return new AddOffsetsToTxnResponse(throttleTimeMs, errorCode);
    }
}
