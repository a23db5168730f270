package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.Request;
import dev.legacykafka.client.protocol.types.ProtocolWriter;

/**
 * EndTxn request (api key 26), v0-v5.
 *
 * <pre>
 * transactional_id:STRING producer_id:int64 producer_epoch:int16 committed:bool
 * </pre>
 * v3+ is flexible. v5 (transactions v2, KIP-890) has the same request; its response returns the
 * bumped producer id and epoch.
 *
 * @param transactionalId the transactional id
 * @param producerId      the producer id
 * @param producerEpoch   the producer epoch
 * @param committed       true to commit, false to abort
 */
public record EndTxnRequest(String transactionalId, long producerId, short producerEpoch, boolean committed)
        implements Request {

    @Override
    public ApiKey apiKey() {
        return ApiKey.END_TXN;
    }

    @Override
    public void writeTo(ProtocolWriter out, short version) {
        ApiKey.END_TXN.requireSupported(version);
        boolean flexible = ApiKey.END_TXN.isFlexible(version);
        Fields.writeString(out, transactionalId, flexible);
        out.writeInt64(producerId);
        out.writeInt16(producerEpoch);
        out.writeBoolean(committed);
        Fields.writeTags(out, flexible);
    }
}
