package dev.legacykafka.benchmarks;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Apache kafka-clients' producer with the settings legacy-kafka gets ({@link KafkaClientsSettings}),
 * byte arrays in and out. It takes only JDK types and the shared {@link ProducerDriver} and
 * {@link Measurement}, so {@link IsolatedKafkaClients} can load the same class bytes against
 * kafka-clients 3.9.1 for brokers before 2.1; hence public.
 */
public final class KafkaClientsDriver implements ProducerDriver {

    private final String name;
    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Metric requestTotal;
    private Measurement measurement;
    /** Shared by every untimed record of a phase, so untimed sends allocate no callback. */
    private Callback untimed;

    /**
     * @param name     the row label
     * @param settings producer settings without serializers (byte arrays are set here)
     * @param topic    where every record goes
     */
    public KafkaClientsDriver(String name, Properties settings, String topic) {
        this.name = name;
        this.topic = topic;
        // Instances, not class names: kafka-clients looks a name up in the thread's context class loader,
        // which in the isolated line is the harness' (4.x) one.
        this.producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
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
