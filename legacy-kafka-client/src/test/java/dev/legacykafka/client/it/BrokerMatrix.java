package dev.legacykafka.client.it;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.provider.Arguments;

/** The brokers of the integration tests and the Produce versions each one takes. */
final class BrokerMatrix {

    static final List<String> BROKERS = List.of("0.8.2.2", "0.9.0.1", "0.10.2.2", "0.11.0.3", "2.8.2", "3.9.1", "4.4.0");

    private BrokerMatrix() {
    }

    /** Produce versions a broker accepts: 4.x advertises v0-v2 but drops them, so they start at v3 there. */
    static int[] produceVersions(String broker) {
        return switch (broker) {
            case "0.8.2.2" -> IntStream.rangeClosed(0, 0).toArray();
            case "0.9.0.1" -> IntStream.rangeClosed(0, 1).toArray();
            case "0.10.2.2" -> IntStream.rangeClosed(0, 2).toArray();
            case "0.11.0.3" -> IntStream.rangeClosed(0, 3).toArray();
            case "2.8.2" -> IntStream.rangeClosed(0, 9).toArray();
            case "3.9.1" -> IntStream.rangeClosed(0, 11).toArray();
            case "4.4.0" -> IntStream.rangeClosed(3, 13).toArray();
            default -> throw new IllegalArgumentException(broker);
        };
    }

    /** Every (broker, Produce version) pair of the matrix. */
    static List<Arguments> everyBrokerAndProduceVersion() {
        List<Arguments> pairs = new ArrayList<>();
        for (String broker : BROKERS) {
            for (int version : produceVersions(broker)) {
                pairs.add(Arguments.of(broker, version));
            }
        }
        return pairs;
    }

    /** The broker-version-fallback a 0.8/0.9 broker needs; any value for the others. */
    static String fallbackFor(String broker) {
        return broker.startsWith("0.9") ? "0.9.0" : "0.8.2";
    }
}
