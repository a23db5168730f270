package dev.legacykafka.spring.diagnostics;

import dev.legacykafka.client.BrokerStatus;

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

    /** One line for a reachable broker: the version and format it gets and what it offers. */
    public static String describe(BrokerStatus status) {
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
