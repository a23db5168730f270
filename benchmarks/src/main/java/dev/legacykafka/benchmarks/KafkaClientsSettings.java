package dev.legacykafka.benchmarks;

import java.util.Properties;

/**
 * The kafka-clients producer settings equivalent to the options (every client gets the same), as
 * plain strings: they are handed to a producer of either kafka-clients line.
 */
final class KafkaClientsSettings {

    private KafkaClientsSettings() {
    }

    /**
     * @param maxInFlight  max.in.flight.requests.per.connection (1 for the in-flight-1 variant)
     * @param trustedCa    the CA certificate (PEM) of a TLS listener, or null for PLAINTEXT
     */
    static Properties of(BenchmarkOptions options, String bootstrapServers, int maxInFlight, String clientId,
                         java.nio.file.Path trustedCa) {
        Boolean idempotence = idempotence(options);
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("client.id", clientId);
        props.put("acks", options.acks());
        props.put("linger.ms", Long.toString(options.lingerMs()));
        props.put("batch.size", Integer.toString(options.batchSize()));
        props.put("buffer.memory", Long.toString(options.bufferMemory()));
        props.put("max.in.flight.requests.per.connection", Integer.toString(maxInFlight));
        props.put("compression.type", options.compression());
        if (idempotence != null) {
            props.put("enable.idempotence", idempotence.toString());
        }
        if (trustedCa != null) {
            props.put("security.protocol", "SSL");
            props.put("ssl.truststore.type", "PEM");
            props.put("ssl.truststore.location", trustedCa.toString());
        }
        return props;
    }

    /**
     * enable.idempotence: as asked; by default unset (kafka-clients' own default: idempotent unless
     * acks is not "all"), except on a broker before 0.11 with acks=all, where that default fails
     * every record (UnsupportedVersionException): there it is off, as legacy-kafka and librdkafka
     * are by their own defaults.
     */
    static Boolean idempotence(BenchmarkOptions options) {
        Boolean setting = options.idempotenceSetting();
        if (setting == null && !options.brokerSupportsIdempotence() && options.acks().equals("all")) {
            return Boolean.FALSE;
        }
        return setting;
    }
}
