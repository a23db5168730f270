package dev.legacykafka.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.errors.TimeoutException;
import dev.legacykafka.spring.LegacyKafkaRecord;
import dev.legacykafka.spring.SendInstrumentation;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendTimerInstrumentationTests {

    private final MockClock clock = new MockClock();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

    private final SendTimerInstrumentation timer = new SendTimerInstrumentation(registry);

    @Test
    void timesFromSendToAcknowledgementPerTopicAndOutcome() {
        SendInstrumentation.Send ok = timer.start(LegacyKafkaRecord.of("orders", "k", "v"), "app-1");
        clock.add(Duration.ofMillis(40));
        ok.success(new SendResult("orders", 0, 1, -1, -1, 0, 9));
        SendInstrumentation.Send failed = timer.start(LegacyKafkaRecord.of("orders", "k", "v"), "app-1");
        clock.add(Duration.ofMillis(7));
        failed.failure(new TimeoutException("expired", true));

        Timer success = registry.get(SendTimerInstrumentation.SEND).tags("client.id", "app-1", "topic", "orders",
                "outcome", "success", "error", "none").timer();
        assertThat(success.count()).isEqualTo(1);
        assertThat(success.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
        Timer failure = registry.get(SendTimerInstrumentation.SEND).tags("client.id", "app-1", "topic", "orders",
                "outcome", "failure", "error", "TimeoutException").timer();
        assertThat(failure.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(7);
    }
}
