package dev.legacykafka.client.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.errors.ProducerClosedException;
import dev.legacykafka.client.errors.TimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** close(timeout) against a broker that never answers: it returns in time and every send completes. */
class CloseTimeoutTest {

    private static final String TOPIC = "silent";

    @Test
    void closeReturnsWithinItsTimeoutWhileTheBrokerNeverAnswers() {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 2));
            SendLedger ledger = new SendLedger();
            // Long request and delivery timeouts: only close can end these sends in time.
            LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker)
                    .requestTimeoutMs(20_000).deliveryTimeoutMs(60_000).build());
            ledger.send(producer, TOPIC, 0);
            assertThat(ledger.awaitAll(2_000)).isTrue();
            broker.faults().unresponsive(true);
            for (int i = 0; i < 20; i++) {
                ledger.send(producer, TOPIC, i % 2);
            }
            long start = System.nanoTime();
            producer.close(Duration.ofMillis(1_000));
            long closeMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(closeMs).as("close(1 s) took").isLessThanOrEqualTo(2_000);
            assertThat(ledger.awaitAll(500)).as("every send completed soon after close").isTrue();
            assertThat(ledger.all().subList(1, 21)).allSatisfy(s -> {
                assertThat(s.failure()).as(s.toString()).isInstanceOfAny(ProducerClosedException.class, TimeoutException.class);
                assertThat(s.failure().getMessage()).as(s.toString()).isNotBlank();
            });
            DeliveryInvariants.assertHold(broker, ledger);
        }
    }
}
