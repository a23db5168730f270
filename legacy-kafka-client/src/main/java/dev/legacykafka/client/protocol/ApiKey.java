package dev.legacykafka.client.protocol;

/**
 * The Kafka APIs this producer speaks, with the version range it implements and the first
 * flexible (KIP-482: compact strings and arrays, tagged fields) version of each: the one table of
 * version facts in the client.
 *
 * <p>Header rules follow from it: a flexible request version uses request header v2, any other
 * request header v1; a flexible response uses response header v1, any other v0 — except
 * ApiVersions, whose response header is always v0 (KIP-511) so that a client can read the error of
 * a version the broker does not know.
 */
public enum ApiKey {

    /** Produce: v0-v2 MessageSet, v3+ RecordBatch, v9+ flexible, v13 topic ids. */
    PRODUCE(0, "Produce", 0, 13, 9),
    /** Metadata: v9+ flexible, v10+ topic ids, v13 top-level error code. */
    METADATA(3, "Metadata", 0, 13, 9),
    /** FindCoordinator: v3+ flexible, v4+ batched keys. */
    FIND_COORDINATOR(10, "FindCoordinator", 0, 6, 3),
    /** SaslHandshake: never flexible. */
    SASL_HANDSHAKE(17, "SaslHandshake", 0, 1, -1),
    /** ApiVersions: v3+ flexible in the body; its response header stays v0. */
    API_VERSIONS(18, "ApiVersions", 0, 4, 3),
    /** InitProducerId: v2+ flexible, v3+ producer id and epoch in the request. */
    INIT_PRODUCER_ID(22, "InitProducerId", 0, 5, 2),
    /** AddPartitionsToTxn: only v0-v3 are client versions (v4+ is broker to broker). */
    ADD_PARTITIONS_TO_TXN(24, "AddPartitionsToTxn", 0, 3, 3),
    /** AddOffsetsToTxn: v3+ flexible. */
    ADD_OFFSETS_TO_TXN(25, "AddOffsetsToTxn", 0, 4, 3),
    /** EndTxn: v3+ flexible, v5 returns the bumped producer id and epoch. */
    END_TXN(26, "EndTxn", 0, 5, 3),
    /** TxnOffsetCommit: v3+ flexible and group member fields. */
    TXN_OFFSET_COMMIT(28, "TxnOffsetCommit", 0, 5, 3),
    /** SaslAuthenticate: v2+ flexible. */
    SASL_AUTHENTICATE(36, "SaslAuthenticate", 0, 2, 2);

    private static final ApiKey[] BY_ID = new ApiKey[37];

    static {
        for (ApiKey key : values()) {
            BY_ID[key.id] = key;
        }
    }

    private final short id;
    private final String protocolName;
    private final short minVersion;
    private final short maxVersion;
    private final short firstFlexibleVersion;

    ApiKey(int id, String protocolName, int minVersion, int maxVersion, int firstFlexibleVersion /* -1: never */) {
        this.id = (short) id;
        this.protocolName = protocolName;
        this.minVersion = (short) minVersion;
        this.maxVersion = (short) maxVersion;
        // Never flexible is stored as a version no request reaches, so isFlexible needs no special case.
        this.firstFlexibleVersion = firstFlexibleVersion < 0 ? Short.MAX_VALUE : (short) firstFlexibleVersion;
    }

    /** The api_key number on the wire. */
    public short id() {
        return id;
    }

    /** The name Kafka's protocol documentation uses, such as {@code "Produce"}. */
    public String protocolName() {
        return protocolName;
    }

    /** Lowest version this client implements. */
    public short minVersion() {
        return minVersion;
    }

    /** Highest version this client implements. */
    public short maxVersion() {
        return maxVersion;
    }

    /** First flexible version, or -1 when the API is never flexible. */
    public short firstFlexibleVersion() {
        return firstFlexibleVersion == Short.MAX_VALUE ? -1 : firstFlexibleVersion;
    }

    /** Whether this client implements {@code version}. */
    public boolean supports(short version) {
        return version >= minVersion && version <= maxVersion;
    }

    /**
     * Checks that this client implements {@code version}.
     *
     * @return {@code version}
     * @throws IllegalArgumentException if it does not
     */
    public short requireSupported(short version) {
        if (!supports(version)) {
            throw new IllegalArgumentException(protocolName + " v" + version + " is not implemented (v" + minVersion
                    + "-v" + maxVersion + ")");
        }
        return version;
    }

    /** Whether {@code version} uses compact strings, compact arrays and tagged fields. */
    public boolean isFlexible(short version) {
        return version >= firstFlexibleVersion;
    }

    /** Request header version for {@code version}: 2 when flexible, else 1. */
    public short requestHeaderVersion(short version) {
        return isFlexible(requireSupported(version)) ? (short) 2 : (short) 1;
    }

    /**
     * Response header version for {@code version}: 1 when flexible, else 0; always 0 for ApiVersions,
     * whose reply must be readable by a client that sent a version the broker does not know.
     */
    public short responseHeaderVersion(short version) {
        requireSupported(version);
        if (this == API_VERSIONS) {
            return 0;
        }
        return isFlexible(version) ? (short) 1 : (short) 0;
    }

    /** "Produce v9", for messages and logs. */
    public String describe(short version) {
        return protocolName + " v" + version;
    }

    /**
     * The key with wire number {@code id}, or null when this client does not implement that API.
     *
     * @param id the api_key number
     */
    public static ApiKey forId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
