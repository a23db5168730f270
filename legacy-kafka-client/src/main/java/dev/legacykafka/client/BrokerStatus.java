package dev.legacykafka.client;

/**
 * What a probe found out about one broker.
 *
 * @param broker          {@code host:port}
 * @param reachable       whether the connection and its ApiVersions handshake succeeded
 * @param produceMin      lowest Produce version the broker advertises (or assumed), -1 if unknown
 * @param produceMax      highest Produce version the broker advertises (or assumed), -1 if unknown
 * @param apiVersionsKnown false when the broker dropped ApiVersions and the range comes from broker-version-fallback
 * @param produceVersion  the Produce version this producer will use with it, -1 if none
 * @param magic           the record format that version carries (0, 1 or 2), -1 if none
 * @param problem         why the broker is unreachable or unusable, or null
 * @param authenticationFailed whether the broker refused the TLS handshake or the SASL credentials
 *                        ({@code problem} then says why)
 */
public record BrokerStatus(String broker, boolean reachable, int produceMin, int produceMax, boolean apiVersionsKnown,
                           int produceVersion, int magic, String problem, boolean authenticationFailed) {

    /** A status without an authentication failure. */
    public BrokerStatus(String broker, boolean reachable, int produceMin, int produceMax, boolean apiVersionsKnown,
                        int produceVersion, int magic, String problem) {
        this(broker, reachable, produceMin, produceMax, apiVersionsKnown, produceVersion, magic, problem, false);
    }

    /** Whether records to this broker travel as MessageSet (magic 0/1): no headers, idempotence or transactions. */
    public boolean usesMessageSet() {
        return reachable && magic >= 0 && magic < 2;
    }
}
