package dev.legacykafka.client.internals;

import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.errors.UnsupportedVersionException;

/**
 * Chooses the ProduceRequest version for a broker and the record format that version carries:
 * v0-v1 MessageSet magic 0, v2 MessageSet magic 1, v3+ RecordBatch magic 2. Brokers validate
 * that Produce v3+ holds exactly one magic-2 batch, so the format always follows the version.
 */
public final class ProduceVersionPolicy {

    private static final int PRODUCE = 0;

    private final Integer pinned;

    public ProduceVersionPolicy(Integer pinnedVersion) {
        this.pinned = pinnedVersion;
    }

    /** The pinned version, or null for auto. */
    public Integer pinned() {
        return pinned;
    }

    /**
     * The Produce version to use with this broker.
     *
     * @throws UnsupportedVersionException if the pinned version is outside the broker's range, or is
     *         v0-v2 on a Kafka 4.x broker, or the broker and this client share no version
     */
    public int select(BrokerVersions broker) {
        int brokerMin = broker.min(PRODUCE);
        int brokerMax = broker.max(PRODUCE);
        if (pinned != null) {
            if (pinned < brokerMin || pinned > brokerMax) {
                throw new UnsupportedVersionException("api-version is pinned to Produce v" + pinned + " but broker "
                        + broker.broker() + " supports Produce v" + brokerMin + " to v" + brokerMax
                        + (broker.fromFallback() ? " (assumed from broker-version-fallback; it does not answer ApiVersions)" : ""));
            }
            if (pinned <= 2 && broker.dropsLegacyProduce()) {
                throw new UnsupportedVersionException("api-version is pinned to Produce v" + pinned + " but broker "
                        + broker.broker() + " is Kafka 4.x: it advertises Produce v" + brokerMin + " to v" + brokerMax
                        + " yet closes the connection on v0-v2 (KIP-896); pin api-version 3 or newer, or use auto");
            }
            return pinned;
        }
        int best = Math.min(ProducerConfig.MAX_PRODUCE_VERSION, brokerMax);
        if (best < 0 || best < brokerMin) {
            throw new UnsupportedVersionException("Broker " + broker.broker() + " supports Produce v" + brokerMin
                    + " to v" + brokerMax + ", none of which this client speaks (v0 to v" + ProducerConfig.MAX_PRODUCE_VERSION + ")");
        }
        return best;
    }

    /** The record format (magic) a Produce version carries. */
    public static byte magicFor(int produceVersion) {
        if (produceVersion >= 3) {
            return 2;
        }
        return produceVersion == 2 ? (byte) 1 : (byte) 0;
    }

    /** A short name of the format for logs: "RecordBatch (magic 2)" or "MessageSet (magic 0)". */
    public static String formatName(byte magic) {
        return magic == 2 ? "RecordBatch (magic 2)" : "MessageSet (magic " + magic + ")";
    }
}
