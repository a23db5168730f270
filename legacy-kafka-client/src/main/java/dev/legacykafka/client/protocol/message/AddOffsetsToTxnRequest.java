package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.Request;
import dev.legacykafka.client.protocol.types.ProtocolWriter;

/**
 * AddOffsetsToTxn request (api key 25), v0-v4.
 *
 * <pre>
 * transactional_id:STRING producer_id:int64 producer_epoch:int16 group_id:STRING
 * </pre>
 * v3+ is flexible.
 *
 * @param transactionalId the transactional id
 * @param producerId      the producer id
 * @param producerEpoch   the producer epoch
 * @param groupId         the consumer group whose offsets join the transaction
 */
public record AddOffsetsToTxnRequest(String transactionalId, long producerId, short producerEpoch, String groupId)
        implements Request {

    @Override
    public ApiKey apiKey() {
        return ApiKey.ADD_OFFSETS_TO_TXN;
    }

    @Override
    public void writeTo(ProtocolWriter out, short version) {
        ApiKey.ADD_OFFSETS_TO_TXN.requireSupported(version);
        boolean flexible = ApiKey.ADD_OFFSETS_TO_TXN.isFlexible(version);
        Fields.writeString(out, transactionalId, flexible);
        out.writeInt64(producerId);
        out.writeInt16(producerEpoch);
        Fields.writeString(out, groupId, flexible);
        Fields.writeTags(out, flexible);
    }
}
