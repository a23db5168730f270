package dev.legacykafka.spring.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import dev.legacykafka.client.errors.TimeoutException;
import dev.legacykafka.spring.LegacyKafkaRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;

class LoggingSendListenerTests {

    private final List<String> logged = new ArrayList<>();

    private final List<Throwable> causes = new ArrayList<>();

    private final AtomicLong now = new AtomicLong();

    private final Log log = mock(Log.class);

    private final LoggingSendListener listener;

    LoggingSendListenerTests() {
        given(log.isErrorEnabled()).willReturn(true);
        org.mockito.Mockito.doAnswer(invocation -> {
            logged.add(invocation.getArgument(0).toString());
            return null;
        }).when(log).error(any());
        org.mockito.Mockito.doAnswer(invocation -> {
            logged.add(invocation.getArgument(0).toString());
            causes.add(invocation.getArgument(1));
            return null;
        }).when(log).error(any(), any(Throwable.class));
        listener = new LoggingSendListener(3, Duration.ofSeconds(60), now::get, log);
    }

    @Test
    void logsTopicPartitionKeyLengthAndCauseButNeverTheValueOrKey() {
        TimeoutException cause = new TimeoutException("delivery timeout (120000 ms) expired", true);
        listener.onError(new LegacyKafkaRecord<>("orders", 2, "customer-42", "secret-card-number", null, null), cause);
        listener.onError(LegacyKafkaRecord.of("orders", null, "secret"), cause);

        assertThat(logged).hasSize(2);
        assertThat(logged.get(0)).contains("topic orders", "partition 2", "key 11 bytes as UTF-8",
                "delivery timeout (120000 ms) expired").doesNotContain("secret", "customer-42");
        assertThat(logged.get(1)).contains("partition chosen by the partitioner", "key null")
                .doesNotContain("secret");
        assertThat(causes).containsExactly(cause, cause);
    }

    @Test
    void logsAtMostABurstPerIntervalThenSaysHowManyItLeftOut() {
        for (int i = 0; i < 100; i++) {
            listener.onError(LegacyKafkaRecord.of("orders", new byte[] {1, 2}, "v"), new TimeoutException("down", true));
        }
        assertThat(logged).hasSize(3).allMatch(line -> line.contains("key 2 bytes"));

        now.addAndGet(Duration.ofSeconds(61).toNanos());
        listener.onError(LegacyKafkaRecord.of("orders", null, "v"), new TimeoutException("down", true));
        assertThat(logged).hasSize(5);
        assertThat(logged.get(3)).startsWith("97 more failed send(s) were not logged");
        assertThat(logged.get(4)).startsWith("Failed to send a record to topic orders");
    }

    @Test
    void countsTheLeftOutFailuresAtTheFirstAcknowledgementAfterTheInterval() {
        for (int i = 0; i < 10; i++) {
            listener.onError(LegacyKafkaRecord.of("orders", null, "v"), new TimeoutException("down", true));
        }
        listener.onSuccess(LegacyKafkaRecord.of("orders", null, "v"), null);
        assertThat(logged).hasSize(3);

        now.addAndGet(Duration.ofSeconds(61).toNanos());
        listener.onSuccess(LegacyKafkaRecord.of("orders", null, "v"), null);
        listener.onSuccess(LegacyKafkaRecord.of("orders", null, "v"), null);
        listener.close();
        assertThat(logged).hasSize(4);
        assertThat(logged.get(3)).startsWith("7 more failed send(s) were not logged")
                .endsWith("records are acknowledged again");

        // A fresh interval: a new burst is logged in full again.
        for (int i = 0; i < 3; i++) {
            listener.onError(LegacyKafkaRecord.of("orders", null, "v"), new TimeoutException("down", true));
        }
        assertThat(logged).hasSize(7);
    }

    @Test
    void countsTheLeftOutFailuresWhenClosed() {
        for (int i = 0; i < 5; i++) {
            listener.onError(LegacyKafkaRecord.of("orders", null, "v"), new TimeoutException("down", true));
        }
        listener.close();
        listener.close();
        assertThat(logged).hasSize(4);
        assertThat(logged.get(3)).startsWith("2 more failed send(s) were not logged")
                .endsWith("before the listener was closed");
    }

    @Test
    void describesKeysByLengthOrTypeOnly() {
        assertThat(LoggingSendListener.describeKey(null)).isEqualTo("null");
        assertThat(LoggingSendListener.describeKey(new byte[5])).isEqualTo("5 bytes");
        assertThat(LoggingSendListener.describeKey("é")).isEqualTo("2 bytes as UTF-8");
        assertThat(LoggingSendListener.describeKey(42L)).isEqualTo("of type java.lang.Long");
    }
}
