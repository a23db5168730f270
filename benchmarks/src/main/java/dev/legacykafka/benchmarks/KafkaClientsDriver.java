package dev.legacykafka.benchmarks;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Apache kafka-clients' producer with the settings legacy-kafka gets, byte arrays in and out. */
final class KafkaClientsDriver implements ProducerDriver {

    private final String name;
    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Metric requestTotal;
    private Measurement measurement;
    /** Shared by every untimed record of a phase, so untimed sends allocate no callback. */
    private Callback untimed;

    /** @param trustedCa the CA certificate (PEM) of a TLS listener, or null for PLAINTEXT */
    KafkaClientsDriver(String name, BenchmarkOptions options, String bootstrapServers, String topic, int maxInFlight,
                       String clientId, java.nio.file.Path trustedCa) {
        this.name = name;
        this.topic = topic;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, options.acks());
        props.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(options.lingerMs()));
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(options.batchSize()));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(options.bufferMemory()));
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, Integer.toString(maxInFlight));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, options.compression());
        // --idempotence on/off is applied to every client alike; by default kafka-clients keeps its own
        // default (idempotent, unless acks is not "all": then it quietly turns idempotence off).
        Boolean idempotence = options.idempotenceSetting();
        if (idempotence != null) {
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotence.toString());
        }
        if (trustedCa != null) {
            props.put("security.protocol", "SSL");
            props.put("ssl.truststore.type", "PEM");
            props.put("ssl.truststore.location", trustedCa.toString());
        }
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
        this.requestTotal = findMetric(producer.metrics(), "producer-metrics", "request-total");
    }

    private static Metric findMetric(Map<MetricName, ? extends Metric> metrics, String group, String name) {
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            if (entry.getKey().group().equals(group) && entry.getKey().name().equals(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void begin(Measurement m) {
        this.measurement = m;
        this.untimed = (metadata, error) -> m.completed(error);
    }

    @Override
    public void send(byte[] key, byte[] value, boolean timed) {
        if (timed) {
            Measurement m = measurement;
            long sendNanos = System.nanoTime();
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                m.latency(sendNanos);
                m.completed(error);
            });
        } else {
            producer.send(new ProducerRecord<>(topic, key, value), untimed);
        }
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public long produceRequests() {
        return requestTotal == null ? -1 : (long) ((Number) requestTotal.metricValue()).doubleValue();
    }

    @Override
    public String networkThreadName() {
        return "kafka-producer-network-thread";
    }

    @Override
    public void close() {
        producer.close();
    }
}
