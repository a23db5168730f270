package dev.legacykafka.benchmarks;

import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerListener;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.SendCallback;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * legacy-kafka's producer. Outcomes are counted through its {@link ProducerListener} (one call per
 * batch), so untimed records are sent with no callback; timed records get a {@link SendCallback},
 * as an application that wants each record's outcome would write (and as the kafka-clients driver
 * passes its {@code Callback}).
 */
final class LegacyKafkaDriver implements ProducerDriver, ProducerListener {

    private final String topic;
    private final LegacyKafkaProducer producer;
    private final AtomicLong requests = new AtomicLong();
    private volatile Measurement measurement;

    /** @param trustedCa the CA certificate (PEM) of a TLS listener, or null for PLAINTEXT */
    LegacyKafkaDriver(BenchmarkOptions options, String bootstrapServers, String topic, String clientId,
                      java.nio.file.Path trustedCa) {
        this.topic = topic;
        ProducerConfig.Builder builder = ProducerConfig.builder();
        if (trustedCa != null) {
            builder.securityProtocol(dev.legacykafka.client.security.SecurityProtocol.SSL)
                    .tls(dev.legacykafka.client.security.TlsSettings.builder().trustCertificates(trustedCa).build());
        }
        ProducerConfig config = builder
                .bootstrapServers(bootstrapServers)
                .clientId(clientId)
                .acks(options.acks())
                .lingerMs(options.lingerMs())
                .batchSize(options.batchSize())
                .bufferMemory(options.bufferMemory())
                .maxInFlightRequestsPerConnection(options.maxInFlight())
                .compression(CompressionType.valueOf(options.compression().toUpperCase(Locale.ROOT)))
                // null = its own default: idempotent with acks=all; with acks=1 still a producer id and
                // sequence numbers so that several batches of a partition can be in flight in order.
                .idempotence(options.idempotenceSetting())
                .build();
        this.producer = new LegacyKafkaProducer(config, this);
    }

    @Override
    public String name() {
        return "legacy-kafka";
    }

    @Override
    public void begin(Measurement m) {
        this.measurement = m;
    }

    @Override
    public void send(byte[] key, byte[] value, boolean timed) {
        if (timed) {
            Measurement m = measurement;
            long sendNanos = System.nanoTime();
            producer.send(ProducerRecord.of(topic, key, value), (result, error) -> m.latency(sendNanos));
        } else {
            producer.send(ProducerRecord.of(topic, key, value), null);
        }
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public long produceRequests() {
        return requests.get();
    }

    @Override
    public String networkThreadName() {
        return "legacy-kafka-network-thread";
    }

    @Override
    public void close() {
        producer.close();
    }

    // ProducerListener: runs on the producer's network thread.

    @Override
    public void onBatchAcknowledged(String topic, int partition, int records, int sizeInBytes) {
        measurement.acknowledged(records);
    }

    @Override
    public void onRecordsFailed(String topic, int records, String error) {
        measurement.failed(records, new IllegalStateException(records + " record(s) of " + topic + " failed: " + error));
    }

    @Override
    public void onProduceRequestCompleted(String broker, int produceVersion, long latencyNanos) {
        requests.incrementAndGet();
    }
}
