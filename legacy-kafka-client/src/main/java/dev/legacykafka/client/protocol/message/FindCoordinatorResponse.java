package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.types.ProtocolReader;
import java.util.ArrayList;
import java.util.List;

/**
 * FindCoordinator response (api key 10), v0-v6.
 *
 * <pre>
 * throttle_time_ms:int32                                                   v1+
 * error_code:int16 error_message:NULLABLE_STRING (v1-v3) node_id:int32 host:STRING port:int32   v0-v3
 * coordinators:[ key:STRING node_id:int32 host:STRING port:int32
 *                error_code:int16 error_message:NULLABLE_STRING ]          v4+
 * </pre>
 * v3+ is flexible. The single v0-v3 answer is returned as one {@link Coordinator} whose key is null.
 *
 * @param throttleTimeMs throttle time (v1+), else 0
 * @param coordinators   one entry per key asked for
 */
public record FindCoordinatorResponse(int throttleTimeMs, List<Coordinator> coordinators) {

    /** Copies the lists, so the value stays immutable. */
    public FindCoordinatorResponse {
        coordinators = List.copyOf(coordinators);
    }

    /**
     * The coordinator for one key.
     *
     * @param key          the key (v4+), null for v0-v3
     * @param nodeId       the coordinator's broker id
     * @param host         its host
     * @param port         its port
     * @param errorCode    0, or why no coordinator was found
     * @param errorMessage a message for the error (v1+), or null
     */
    public record Coordinator(String key, int nodeId, String host, int port, short errorCode, String errorMessage) {

        /** The error code as an {@link ErrorCode}. */
        public ErrorCode error() {
            return ErrorCode.forCode(errorCode);
        }
    }

    /**
     * Reads a FindCoordinator response body.
     *
     * @param in      positioned after the response header
     * @param version the version of the request this answers
     */
    public static FindCoordinatorResponse read(ProtocolReader in, short version) {
        ApiKey.FIND_COORDINATOR.requireSupported(version);
        boolean flexible = ApiKey.FIND_COORDINATOR.isFlexible(version);
        int throttleTimeMs = version >= 1 ? in.readInt32("FindCoordinatorResponse throttle_time_ms") : 0; // v1+
        List<Coordinator> coordinators = new ArrayList<>();
        if (version <= 3) { // v0-v3
            short errorCode = in.readInt16("FindCoordinatorResponse error_code");
            String errorMessage = version >= 1 // v1-v3
                    ? Fields.readNullableString(in, "FindCoordinatorResponse error_message", flexible) : null;
            int nodeId = in.readInt32("FindCoordinatorResponse node_id");
            String host = Fields.readString(in, "FindCoordinatorResponse host", flexible);
            int port = in.readInt32("FindCoordinatorResponse port");
            coordinators.add(new Coordinator(null, nodeId, host, port, errorCode, errorMessage));
        } else { // v4+
            int count = in.readCompactArrayLength("FindCoordinatorResponse coordinators");
            for (int i = 0; i < count; i++) {
                String key = in.readCompactString("FindCoordinatorResponse coordinator key");
                int nodeId = in.readInt32("FindCoordinatorResponse coordinator node_id");
                String host = in.readCompactString("FindCoordinatorResponse coordinator host");
                int port = in.readInt32("FindCoordinatorResponse coordinator port");
                short errorCode = in.readInt16("FindCoordinatorResponse coordinator error_code");
                String errorMessage = in.readCompactNullableString("FindCoordinatorResponse coordinator error_message");
                in.skipTaggedFields("FindCoordinatorResponse coordinator");
                coordinators.add(new Coordinator(key, nodeId, host, port, errorCode, errorMessage));
            }
        }
        Fields.skipTags(in, "FindCoordinatorResponse", flexible);
        return new FindCoordinatorResponse(throttleTimeMs, coordinators);
    }
}
