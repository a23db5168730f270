package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.Request;
import dev.legacykafka.client.protocol.types.ProtocolWriter;

/**
 * InitProducerId request (api key 22), v0-v5.
 *
 * <pre>
 * transactional_id:NULLABLE_STRING      null for an idempotent-only producer
 * transaction_timeout_ms:int32
 * producer_id:int64                     v3+ (KIP-360: bump the epoch of an existing id), default -1
 * producer_epoch:int16                  v3+, default -1
 * </pre>
 * v2+ is flexible.
 *
 * @param transactionalId      the transactional id, or null
 * @param transactionTimeoutMs the transaction timeout
 * @param producerId           the current producer id to bump, or -1 (needs v3+ when set)
 * @param producerEpoch        the current epoch, or -1 (needs v3+ when set)
 */
public record InitProducerIdRequest(String transactionalId, int transactionTimeoutMs, long producerId,
        short producerEpoch) implements Request {

    @Override
    public ApiKey apiKey() {
        return ApiKey.INIT_PRODUCER_ID;
    }

    @Override
    public void writeTo(ProtocolWriter out, short version) {
        ApiKey.INIT_PRODUCER_ID.requireSupported(version);
        boolean flexible = ApiKey.INIT_PRODUCER_ID.isFlexible(version);
        Fields.writeNullableString(out, transactionalId, flexible);
        out.writeInt32(transactionTimeoutMs);
        if (version >= 3) { // v3+
            out.writeInt64(producerId);
            out.writeInt16(producerEpoch);
        } else if (producerId != -1L || producerEpoch != -1) {
            throw new IllegalArgumentException("InitProducerId v" + version
                    + " cannot carry an existing producer id and epoch (v3+)");
        }
        Fields.writeTags(out, flexible);
    }
}
