package dev.legacykafka.client.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.BrokerStatus;
import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.SendResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A broker is treated as Kafka 0.8/0.9 (no ApiVersions, fallback Produce version) only on proof:
 * skipping ApiVersions while answering the Metadata v0 behind it proves 0.9; silence alone, as from
 * a starting or paused modern broker, proves nothing and must never downgrade it.
 */
class OldBrokerDetectionTest {

    private static final String TOPIC = "detect";

    @Test
    void aBrokerThatSkipsApiVersionsButAnswersTheNextRequestIsTakenForKafka09() {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1));
            broker.faults().skipApiVersions(true);
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker)
                    .brokerVersionFallback("0.9.0").requestTimeoutMs(2_000).build())) {
                long start = System.nanoTime();
                List<BrokerStatus> statuses = producer.probeBrokers(Duration.ofSeconds(5));
                long tookMs = (System.nanoTime() - start) / 1_000_000;
                assertThat(statuses).singleElement().satisfies(status -> {
                    assertThat(status.reachable()).as(status.toString()).isTrue();
                    assertThat(status.apiVersionsKnown()).isFalse();
                    assertThat(status.produceVersion()).isEqualTo(1);
                });
                // The check follows the unanswered ApiVersions after 1 s (half the 2 s request timeout at most).
                assertThat(tookMs).as("probe time in ms").isLessThan(2_000);
            }
        }
    }

    @Test
    void aSilentBrokerIsNotTakenForAnOldOneAndIsUsedFullyOnceItAnswers() throws Exception {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1));
            broker.faults().unresponsive(true);
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker)
                    .deliveryTimeoutMs(10_000).build())) {
                List<BrokerStatus> statuses = producer.probeBrokers(Duration.ofMillis(1_500));
                assertThat(statuses).singleElement().satisfies(status -> {
                    assertThat(status.reachable()).as(status.toString()).isFalse();
                    assertThat(status.problem()).contains("did not answer ApiVersions");
                });
                broker.faults().unresponsive(false);
                SendResult result = producer.send(new ProducerRecord(TOPIC, 0, new byte[] {1}, new byte[] {2}, null, null))
                        .get();
                assertThat(result.produceVersion()).as("the broker's own Produce version, not the fallback").isGreaterThanOrEqualTo(3);
            }
            assertThat(broker.log(TOPIC, 0)).hasSize(1);
        }
    }
}
