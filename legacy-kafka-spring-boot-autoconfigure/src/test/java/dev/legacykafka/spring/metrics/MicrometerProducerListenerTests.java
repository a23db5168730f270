package dev.legacykafka.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.RecordError;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerProducerListenerTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final MicrometerProducerListener listener = new MicrometerProducerListener(registry, "app-1");

    @Test
    void throttleTimeIsATimerPerBrokerThatCountsZeros() {
        listener.onThrottle("b1:9092", 0);
        listener.onThrottle("b1:9092", 250);
        listener.onThrottle("b2:9092", 0);
        Timer b1 = registry.get(MicrometerProducerListener.THROTTLE_TIME).tag("client.id", "app-1")
                .tag("broker", "b1:9092").timer();
        assertThat(b1.count()).isEqualTo(2);
        assertThat(b1.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
        assertThat(b1.max(TimeUnit.MILLISECONDS)).isEqualTo(250);
        assertThat(registry.get(MicrometerProducerListener.THROTTLE_TIME).tag("broker", "b2:9092").timer().count())
                .isEqualTo(1);
    }

    @Test
    void recordErrorsCountEveryEntryByTopicAndError() {
        listener.onRecordError(new RecordError("orders", 0, 3, "INVALID_RECORD", "null key"));
        listener.onRecordError(new RecordError("orders", 1, 0, "INVALID_RECORD", null));
        listener.onRecordError(new RecordError("orders", 1, 0, "INVALID_TIMESTAMP", null));
        assertThat(registry.get(MicrometerProducerListener.RECORD_ERRORS).tag("client.id", "app-1")
                .tag("topic", "orders").tag("error", "INVALID_RECORD").counter().count()).isEqualTo(2);
        assertThat(registry.get(MicrometerProducerListener.RECORD_ERRORS).tag("error", "INVALID_TIMESTAMP").counter()
                .count()).isEqualTo(1);
    }

    @Test
    void acknowledgedBatchesCountRecordsAndSummarizeBytes() {
        listener.onBatchAcknowledged("orders", 0, 10, 1200);
        listener.onBatchAcknowledged("orders", 1, 5, 800);
        assertThat(registry.get(MicrometerProducerListener.RECORDS_SENT).tag("topic", "orders").counter().count())
                .isEqualTo(15);
        DistributionSummary batches = registry.get(MicrometerProducerListener.BATCH_SIZE).tag("topic", "orders")
                .summary();
        assertThat(batches.count()).isEqualTo(2);
        assertThat(batches.totalAmount()).isEqualTo(2000);
        assertThat(batches.getId().getBaseUnit()).isEqualTo("bytes");
    }

    @Test
    void failedRecordsCountByError() {
        listener.onRecordsFailed("orders", 3, "MESSAGE_TOO_LARGE");
        listener.onRecordsFailed("orders", 1, "TimeoutException");
        assertThat(registry.get(MicrometerProducerListener.SEND_ERRORS).tag("error", "MESSAGE_TOO_LARGE").counter()
                .count()).isEqualTo(3);
        assertThat(registry.get(MicrometerProducerListener.SEND_ERRORS).tag("error", "TimeoutException").counter()
                .count()).isEqualTo(1);
    }

    @Test
    void retriedBatchesCountByTopicAndError() {
        listener.onBatchRetried("orders", 0, 12, 1, "NOT_LEADER_OR_FOLLOWER");
        listener.onBatchRetried("orders", 1, 3, 2, "NOT_LEADER_OR_FOLLOWER");
        listener.onBatchRetried("audit", 0, 5, 1, "NetworkException");
        assertThat(registry.get(MicrometerProducerListener.RETRIES).tag("topic", "orders")
                .tag("error", "NOT_LEADER_OR_FOLLOWER").counter().count()).isEqualTo(2);
        assertThat(registry.get(MicrometerProducerListener.RETRIES).tag("topic", "audit")
                .tag("error", "NetworkException").counter().count()).isEqualTo(1);
    }

    @Test
    void requestLatencyIsATimerPerBroker() {
        listener.onProduceRequestCompleted("b1:9092", 9, TimeUnit.MILLISECONDS.toNanos(12));
        Timer latency = registry.get(MicrometerProducerListener.REQUEST_LATENCY).tag("broker", "b1:9092").timer();
        assertThat(latency.count()).isEqualTo(1);
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(12);
    }

    @Test
    void produceVersionIsAGaugePerBrokerThatFollowsReselection() {
        listener.onProduceVersionSelected("b1:9092", 2, 1);
        listener.onProduceVersionSelected("b2:9092", 9, 2);
        listener.onProduceVersionSelected("b1:9092", 3, 2);
        assertThat(registry.get(MicrometerProducerListener.PRODUCE_VERSION).tag("client.id", "app-1")
                .tag("broker", "b1:9092").gauge().value()).isEqualTo(3);
        assertThat(registry.get(MicrometerProducerListener.PRODUCE_VERSION).tag("broker", "b2:9092").gauge().value())
                .isEqualTo(9);
    }
}
