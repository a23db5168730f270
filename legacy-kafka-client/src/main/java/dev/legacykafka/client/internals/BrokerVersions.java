package dev.legacykafka.client.internals;

import java.util.Map;

/**
 * The API version ranges one broker supports: from its ApiVersions response, or, for brokers
 * that drop ApiVersions (0.8, 0.9), assumed from {@code broker-version-fallback}.
 *
 * @param broker     {@code host:port}, for messages
 * @param ranges     supported {min, max} by API key
 * @param fromFallback true when the broker did not answer ApiVersions and the ranges are assumed
 * @param finalizedTransactionVersion the finalized {@code transaction.version} feature level, 0 when absent
 */
public record BrokerVersions(String broker, Map<Integer, int[]> ranges, boolean fromFallback,
                             int finalizedTransactionVersion) {

    private static final int PRODUCE = 0;

    /** Ranges of a 0.8.x or 0.9.x broker: Produce up to {@code maxProduce}, Metadata v0. */
    public static BrokerVersions fallback(String broker, int maxProduce) {
        return new BrokerVersions(broker, Map.of(PRODUCE, new int[] {0, maxProduce}, 3, new int[] {0, 0}), true, 0);
    }

    /** Whether the broker supports the API at all. */
    public boolean supports(int apiKey) {
        return ranges.containsKey(apiKey);
    }

    /** The broker's lowest version of the API, or -1 if unsupported. */
    public int min(int apiKey) {
        int[] range = ranges.get(apiKey);
        return range == null ? -1 : range[0];
    }

    /** The broker's highest version of the API, or -1 if unsupported. */
    public int max(int apiKey) {
        int[] range = ranges.get(apiKey);
        return range == null ? -1 : range[1];
    }

    /**
     * The highest version both sides speak, or -1 if the ranges do not meet.
     *
     * @param ourMax the highest version this client implements
     */
    public int usable(int apiKey, int ourMin, int ourMax) {
        int[] range = ranges.get(apiKey);
        if (range == null) {
            return -1;
        }
        int best = Math.min(ourMax, range[1]);
        return best < Math.max(ourMin, range[0]) ? -1 : best;
    }

    /**
     * Kafka 4.x advertises Produce v0-v2 (for librdkafka's sake, KAFKA-18659) but closes the connection
     * on them (KIP-896). Produce v12 arrived with 4.0, so a broker that advertises it is such a broker.
     */
    public boolean dropsLegacyProduce() {
        return max(PRODUCE) >= 12;
    }
}
