package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.Request;
import dev.legacykafka.client.protocol.types.ProtocolWriter;
import java.util.List;

/**
 * FindCoordinator request (api key 10), v0-v6.
 *
 * <pre>
 * key:STRING                     v0-v3 (exactly one key)
 * key_type:int8                  v1+ (v0 finds group coordinators only)
 * coordinator_keys:[STRING]      v4+ (batched, KIP-699)
 * </pre>
 * v3+ is flexible.
 *
 * @param keyType {@link #KEY_TYPE_GROUP} or {@link #KEY_TYPE_TRANSACTION}
 * @param keys    the group or transactional ids; exactly one for v0-v3
 */
public record FindCoordinatorRequest(byte keyType, List<String> keys) implements Request {

    /** Key type of a consumer group id. */
    public static final byte KEY_TYPE_GROUP = 0;
    /** Key type of a transactional id. */
    public static final byte KEY_TYPE_TRANSACTION = 1;

    /** Copies the lists, so the value stays immutable. */
    public FindCoordinatorRequest {
        keys = List.copyOf(keys);
    }

    /**
     * The request that finds the transaction coordinator of {@code transactionalId}.
     *
     * @param transactionalId the producer's transactional id
     */
    public static FindCoordinatorRequest forTransaction(String transactionalId) {
        return new FindCoordinatorRequest(KEY_TYPE_TRANSACTION, List.of(transactionalId));
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.FIND_COORDINATOR;
    }

    @Override
    public void writeTo(ProtocolWriter out, short version) {
        ApiKey.FIND_COORDINATOR.requireSupported(version);
        boolean flexible = ApiKey.FIND_COORDINATOR.isFlexible(version);
        if (version <= 3) { // v0-v3
            if (keys.size() != 1) {
                throw new IllegalArgumentException("FindCoordinator v" + version + " takes exactly one key, not "
                        + keys.size() + " (batching is v4+)");
            }
            Fields.writeString(out, keys.get(0), flexible);
        }
        if (version >= 1) { // v1+
            out.writeInt8(keyType);
        } else if (keyType != KEY_TYPE_GROUP) {
            throw new IllegalArgumentException("FindCoordinator v0 finds group coordinators only (key_type is v1+)");
        }
        if (version >= 4) { // v4+
            out.writeCompactArrayLength(keys.size());
            for (String key : keys) {
                out.writeCompactString(key);
            }
        }
        Fields.writeTags(out, flexible);
    }
}
