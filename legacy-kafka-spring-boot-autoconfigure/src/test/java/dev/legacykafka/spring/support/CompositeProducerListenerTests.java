package dev.legacykafka.spring.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.ProducerListener;
import dev.legacykafka.client.RecordError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeProducerListenerTests {

    private final List<String> heard = new ArrayList<>();

    @Test
    void everyCallbackReachesEveryDelegateInOrder() {
        CompositeProducerListener composite = new CompositeProducerListener(List.of(recorder("a"), recorder("b")));
        composite.onThrottle("b1", 5);
        composite.onRecordError(new RecordError("t", 0, 1, "INVALID_RECORD", null));
        composite.onBatchAcknowledged("t", 0, 3, 100);
        composite.onRecordsFailed("t", 2, "X");
        composite.onProduceRequestCompleted("b1", 9, 10);
        composite.onProduceVersionSelected("b1", 9, 2);
        assertThat(heard).containsExactly("a:throttle", "b:throttle", "a:recordError", "b:recordError", "a:acked",
                "b:acked", "a:failed", "b:failed", "a:completed", "b:completed", "a:version", "b:version");
    }

    @Test
    void aThrowingDelegateDoesNotSilenceTheOthers() {
        ProducerListener throwing = new ProducerListener() {
            @Override
            public void onThrottle(String broker, int throttleTimeMs) {
                throw new IllegalStateException("boom");
            }
        };
        new CompositeProducerListener(List.of(throwing, recorder("b"))).onThrottle("b1", 1);
        assertThat(heard).containsExactly("b:throttle");
    }

    private ProducerListener recorder(String name) {
        return new ProducerListener() {
            @Override
            public void onThrottle(String broker, int throttleTimeMs) {
                heard.add(name + ":throttle");
            }

            @Override
            public void onRecordError(RecordError error) {
                heard.add(name + ":recordError");
            }

            @Override
            public void onBatchAcknowledged(String topic, int partition, int records, int sizeInBytes) {
                heard.add(name + ":acked");
            }

            @Override
            public void onRecordsFailed(String topic, int records, String error) {
                heard.add(name + ":failed");
            }

            @Override
            public void onProduceRequestCompleted(String broker, int produceVersion, long latencyNanos) {
                heard.add(name + ":completed");
            }

            @Override
            public void onProduceVersionSelected(String broker, int produceVersion, int magic) {
                heard.add(name + ":version");
            }
        };
    }
}
