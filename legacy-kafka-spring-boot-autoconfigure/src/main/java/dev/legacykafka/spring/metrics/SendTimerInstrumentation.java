package dev.legacykafka.spring.metrics;

import dev.legacykafka.client.SendResult;
import dev.legacykafka.spring.LegacyKafkaRecord;
import dev.legacykafka.spring.SendInstrumentation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every send of a template, from the call to {@code send} to the broker's acknowledgement
 * or the failure, as the timer {@value #SEND} with tags {@code client.id}, {@code topic},
 * {@code outcome} ({@code success} or {@code failure}) and {@code error} (the exception's simple
 * class name, {@code none} on success): the same name and tags an Observation of the send gives
 * when {@code legacykafka.template.observation-enabled} is set instead.
 */
public final class SendTimerInstrumentation implements SendInstrumentation {

    /** Timer of sends, call to acknowledgement. */
    public static final String SEND = "legacykafka.template.send";

    /** Tag: {@value #SUCCESS} or {@value #FAILURE}. */
    public static final String OUTCOME_TAG = "outcome";

    /** Tag: the failure's exception class simple name, or {@value #NO_ERROR}. */
    public static final String ERROR_TAG = "error";

    /** Tag of the record's topic. */
    public static final String TOPIC_TAG = "topic";

    /** Outcome of an acknowledged send. */
    public static final String SUCCESS = "success";

    /** Outcome of a failed send. */
    public static final String FAILURE = "failure";

    /** Error tag value of an acknowledged send. */
    public static final String NO_ERROR = "none";

    private final MeterRegistry registry;

    private final Iterable<Tag> extraTags;

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /** @param registry where the timer goes */
    public SendTimerInstrumentation(MeterRegistry registry) {
        this(registry, Tags.empty());
    }

    /**
     * @param registry  where the timer goes
     * @param extraTags tags every timer carries besides the four above (a named producer's {@code producer} tag)
     */
    public SendTimerInstrumentation(MeterRegistry registry, Iterable<Tag> extraTags) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.extraTags = Objects.requireNonNull(extraTags, "extraTags");
    }

    /** The same timer with more tags, in the same registry. */
    public SendTimerInstrumentation withTags(Iterable<Tag> tags) {
        return new SendTimerInstrumentation(registry, Tags.of(extraTags).and(tags));
    }

    @Override
    public Send start(LegacyKafkaRecord<?, ?> record, String clientId) {
        long startNanos = registry.config().clock().monotonicTime();
        return new Send() {
            @Override
            public void success(SendResult result) {
                record(clientId, record.topic(), SUCCESS, NO_ERROR, startNanos);
            }

            @Override
            public void failure(Throwable exception) {
                record(clientId, record.topic(), FAILURE, exception.getClass().getSimpleName(), startNanos);
            }
        };
    }

    private void record(String clientId, String topic, String outcome, String error, long startNanos) {
        long elapsed = registry.config().clock().monotonicTime() - startNanos;
        timers.computeIfAbsent(clientId + '\0' + topic + '\0' + outcome + '\0' + error, k -> Timer.builder(SEND)
                        .description("Sends from the call to the broker's acknowledgement or the failure")
                        .tag(MicrometerProducerListener.CLIENT_ID_TAG, clientId).tag(TOPIC_TAG, topic)
                        .tag(OUTCOME_TAG, outcome).tag(ERROR_TAG, error).tags(extraTags).register(registry))
                .record(elapsed, TimeUnit.NANOSECONDS);
    }
}
