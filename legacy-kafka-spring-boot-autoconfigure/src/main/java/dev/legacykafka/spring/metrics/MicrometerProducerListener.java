package dev.legacykafka.spring.metrics;

import dev.legacykafka.client.ProducerListener;
import dev.legacykafka.client.RecordError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records what brokers answer a producer as {@code legacykafka.producer.*} meters, all tagged
 * {@code client.id}:
 *
 * <ul>
 * <li>{@value #THROTTLE_TIME} (timer, tag {@code broker}): every throttle_time_ms a broker returns, zeros included</li>
 * <li>{@value #RECORD_ERRORS} (counter, tags {@code topic}, {@code error}): every record_errors entry (Produce v8+)</li>
 * <li>{@value #RECORDS_SENT} (counter, tag {@code topic}): records acknowledged</li>
 * <li>{@value #SEND_ERRORS} (counter, tags {@code topic}, {@code error}): records that failed for good</li>
 * <li>{@value #REQUEST_LATENCY} (timer, tag {@code broker}): Produce request to response</li>
 * <li>{@value #BATCH_SIZE} (distribution summary in bytes, tag {@code topic}): acknowledged batches as sent</li>
 * <li>{@value #PRODUCE_VERSION} (gauge, tag {@code broker}): the Produce version used with each broker</li>
 * </ul>
 *
 * <p>Callbacks run on the producer's network thread, so meters are looked up once and cached.
 */
public final class MicrometerProducerListener implements ProducerListener {

    /** Timer of broker throttle times. */
    public static final String THROTTLE_TIME = "legacykafka.producer.throttle.time";

    /** Counter of record_errors entries. */
    public static final String RECORD_ERRORS = "legacykafka.producer.record.errors";

    /** Counter of acknowledged records. */
    public static final String RECORDS_SENT = "legacykafka.producer.records.sent";

    /** Counter of records that failed for good. */
    public static final String SEND_ERRORS = "legacykafka.producer.send.errors";
    public static final String RETRIES = "legacykafka.producer.retries";

    /** Timer of Produce request latency. */
    public static final String REQUEST_LATENCY = "legacykafka.producer.request.latency";

    /** Distribution summary of acknowledged batch sizes in bytes. */
    public static final String BATCH_SIZE = "legacykafka.producer.batch.size";

    /** Gauge of the Produce version used with each broker. */
    public static final String PRODUCE_VERSION = "legacykafka.producer.produce.version";

    /** Tag of every meter: the producer's client id. */
    public static final String CLIENT_ID_TAG = "client.id";

    /** Tag of every meter of a named producer ({@code legacykafka.producers.<name>}): its name. */
    public static final String PRODUCER_TAG = "producer";

    private final MeterRegistry registry;

    private final Tags clientTags;

    private final Map<String, Timer> throttleTimers = new ConcurrentHashMap<>();

    private final Map<String, Timer> latencyTimers = new ConcurrentHashMap<>();

    private final Map<String, Counter> recordsSent = new ConcurrentHashMap<>();

    private final Map<String, DistributionSummary> batchSizes = new ConcurrentHashMap<>();

    private final Map<String, Counter> recordErrors = new ConcurrentHashMap<>();

    private final Map<String, Counter> sendErrors = new ConcurrentHashMap<>();
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> produceVersions = new ConcurrentHashMap<>();

    /**
     * @param registry where the meters go
     * @param clientId the producer's client id, for the {@code client.id} tag
     */
    public MicrometerProducerListener(MeterRegistry registry, String clientId) {
        this(registry, clientId, Tags.empty());
    }

    /**
     * @param registry  where the meters go
     * @param clientId  the producer's client id, for the {@code client.id} tag
     * @param extraTags tags every meter carries besides {@code client.id} (a named producer's {@value #PRODUCER_TAG})
     */
    public MicrometerProducerListener(MeterRegistry registry, String clientId, Iterable<Tag> extraTags) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clientTags = Tags.of(CLIENT_ID_TAG, Objects.requireNonNull(clientId, "clientId")).and(extraTags);
    }

    @Override
    public void onThrottle(String broker, int throttleTimeMs) {
        throttleTimers.computeIfAbsent(broker, b -> Timer.builder(THROTTLE_TIME)
                        .description("Time brokers throttled Produce requests (throttle_time_ms), zeros included")
                        .tags(clientTags).tag("broker", b).register(registry))
                .record(throttleTimeMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onRecordError(RecordError error) {
        recordErrors.computeIfAbsent(error.topic() + '\0' + error.error(), k -> Counter.builder(RECORD_ERRORS)
                        .description("Records a broker named in record_errors when rejecting their batch (Produce v8+)")
                        .tags(clientTags).tag("topic", error.topic()).tag("error", error.error()).register(registry))
                .increment();
    }

    @Override
    public void onBatchAcknowledged(String topic, int partition, int records, int sizeInBytes) {
        recordsSent.computeIfAbsent(topic, t -> Counter.builder(RECORDS_SENT)
                        .description("Records acknowledged by brokers")
                        .tags(clientTags).tag("topic", t).register(registry))
                .increment(records);
        batchSizes.computeIfAbsent(topic, t -> DistributionSummary.builder(BATCH_SIZE)
                        .description("Size of acknowledged record batches as sent").baseUnit("bytes")
                        .tags(clientTags).tag("topic", t).register(registry))
                .record(sizeInBytes);
    }

    @Override
    public void onRecordsFailed(String topic, int records, String error) {
        sendErrors.computeIfAbsent(topic + '\0' + error, k -> Counter.builder(SEND_ERRORS)
                        .description("Records that failed for good, after any retries")
                        .tags(clientTags).tag("topic", topic).tag("error", error).register(registry))
                .increment(records);
    }

    @Override
    public void onBatchRetried(String topic, int partition, int records, int attempt, String error) {
        retries.computeIfAbsent(topic + '\0' + error, k -> Counter.builder(RETRIES)
                        .description("Batches sent again after a retriable failure")
                        .tags(clientTags).tag("topic", topic).tag("error", error).register(registry))
                .increment();
    }

    @Override
    public void onProduceRequestCompleted(String broker, int produceVersion, long latencyNanos) {
        latencyTimers.computeIfAbsent(broker, b -> Timer.builder(REQUEST_LATENCY)
                        .description("Time from a Produce request being queued to its response")
                        .tags(clientTags).tag("broker", b).register(registry))
                .record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void onProduceVersionSelected(String broker, int produceVersion, int magic) {
        produceVersions.computeIfAbsent(broker, b -> {
            AtomicInteger version = new AtomicInteger(produceVersion);
            Gauge.builder(PRODUCE_VERSION, version, AtomicInteger::get)
                    .description("ProduceRequest version used with the broker (0-2 MessageSet, 3+ RecordBatch)")
                    .tags(clientTags).tag("broker", b).strongReference(true).register(registry);
            return version;
        }).set(produceVersion);
    }
}
