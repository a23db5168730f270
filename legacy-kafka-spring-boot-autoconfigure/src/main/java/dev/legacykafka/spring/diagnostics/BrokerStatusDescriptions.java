package dev.legacykafka.spring.diagnostics;

import dev.legacykafka.client.BrokerStatus;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.security.SaslSettings;

/** Plain-words descriptions of {@link BrokerStatus}, shared by the startup log and the health details. */
public final class BrokerStatusDescriptions {

    private BrokerStatusDescriptions() {
    }

    /** The record format a magic byte stands for, e.g. {@code RecordBatch (magic 2)}. */
    public static String recordFormat(int magic) {
        return switch (magic) {
            case 0, 1 -> "MessageSet (magic " + magic + ")";
            case 2 -> "RecordBatch (magic 2)";
            default -> "none";
        };
    }

    /** The Produce versions a broker offers, e.g. {@code v0-v9}, with where the range came from. */
    public static String offered(BrokerStatus status) {
        String range = "v" + status.produceMin() + "-v" + status.produceMax();
        return status.apiVersionsKnown() ? range
                : range + " (assumed from legacykafka.broker-version-fallback: the broker does not answer ApiVersions)";
    }

    /**
     * Whether the broker refused the connection's TLS handshake or SASL authentication, rather than
     * being down or unable to take the Produce version.
     */
    public static boolean authenticationFailed(BrokerStatus status) {
        return status.authenticationFailed();
    }

    /**
     * How a producer connects, e.g. {@code PLAINTEXT} or {@code SASL_SSL, SASL SCRAM-SHA-512 as user 'orders'};
     * never a password.
     */
    public static String security(ProducerConfig config) {
        SaslSettings sasl = config.sasl();
        String protocol = String.valueOf(config.securityProtocol());
        return sasl == null ? protocol
                : protocol + ", SASL " + sasl.mechanism() + " as user '" + sasl.username() + "'";
    }

    /** One line for a broker: the version and format it gets and what it offers, or why it cannot be used. */
    public static String describe(BrokerStatus status) {
        if (authenticationFailed(status)) {
            return "broker " + status.broker() + " refused authentication: " + status.problem();
        }
        if (!status.reachable()) {
            return "broker " + status.broker() + " is unreachable: " + status.problem();
        }
        if (status.produceVersion() < 0) {
            return "broker " + status.broker() + " (offers Produce " + offered(status) + ") cannot be used: "
                    + status.problem();
        }
        return "broker " + status.broker() + " gets Produce v" + status.produceVersion() + " with "
                + recordFormat(status.magic()) + "; it offers Produce " + offered(status);
    }
}
