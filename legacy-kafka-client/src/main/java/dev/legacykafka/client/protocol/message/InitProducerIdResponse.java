package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.types.ProtocolReader;

/**
 * InitProducerId response (api key 22), v0-v5.
 *
 * <pre>
 * throttle_time_ms:int32 error_code:int16 producer_id:int64 producer_epoch:int16
 * </pre>
 * v2+ is flexible.
 *
 * @param throttleTimeMs throttle time
 * @param errorCode      0, or why no producer id was given
 * @param producerId     the producer id
 * @param producerEpoch  its epoch
 */
public record InitProducerIdResponse(int throttleTimeMs, short errorCode, long producerId, short producerEpoch) {

    /** The error code as an {@link ErrorCode}. */
    public ErrorCode error() {
        return ErrorCode.forCode(errorCode);
    }

    /**
     * Reads an InitProducerId response body.
     *
     * @param in      positioned after the response header
     * @param version the version of the request this answers
     */
    public static InitProducerIdResponse read(ProtocolReader in, short version) {
        ApiKey.INIT_PRODUCER_ID.requireSupported(version);
        int throttleTimeMs = in.readInt32("InitProducerIdResponse throttle_time_ms");
        short errorCode = in.readInt16("InitProducerIdResponse error_code");
        long producerId = in.readInt64("InitProducerIdResponse producer_id");
        short producerEpoch = in.readInt16("InitProducerIdResponse producer_epoch");
        Fields.skipTags(in, "InitProducerIdResponse", ApiKey.INIT_PRODUCER_ID.isFlexible(version));
        return new InitProducerIdResponse(throttleTimeMs, errorCode, producerId, producerEpoch);
    }
}
