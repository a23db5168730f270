package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.types.ProtocolReader;

/**
 * EndTxn response (api key 26), v0-v5.
 *
 * <pre>
 * throttle_time_ms:int32 error_code:int16
 * producer_id:int64 producer_epoch:int16      v5+ (the epoch is bumped on every transaction)
 * </pre>
 * v3+ is flexible.
 *
 * @param throttleTimeMs throttle time
 * @param errorCode      0, or why the transaction did not end
 * @param producerId     the producer id to use next (v5+), else -1
 * @param producerEpoch  the producer epoch to use next (v5+), else -1
 */
public record EndTxnResponse(int throttleTimeMs, short errorCode, long producerId, short producerEpoch) {

    /** The error code as an {@link ErrorCode}. */
    public ErrorCode error() {
        return ErrorCode.forCode(errorCode);
    }

    /**
     * Reads an EndTxn response body.
     *
     * @param in      positioned after the response header
     * @param version the version of the request this answers
     */
    public static EndTxnResponse read(ProtocolReader in, short version) {
        ApiKey.END_TXN.requireSupported(version);
        int throttleTimeMs = in.readInt32("EndTxnResponse throttle_time_ms");
        short errorCode = in.readInt16("EndTxnResponse error_code");
        long producerId = -1L;
        short producerEpoch = -1;
        if (version >= 5) { // v5+
            producerId = in.readInt64("EndTxnResponse producer_id");
            producerEpoch = in.readInt16("EndTxnResponse producer_epoch");
        }
        Fields.skipTags(in, "EndTxnResponse", ApiKey.END_TXN.isFlexible(version));
        return new EndTxnResponse(throttleTimeMs, errorCode, producerId, producerEpoch);
    }
}
