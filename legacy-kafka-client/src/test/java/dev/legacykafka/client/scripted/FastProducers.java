package dev.legacykafka.client.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;

/** Producer settings that make fault tests fast: short timeouts and backoffs, small batches so several are in flight. */
final class FastProducers {

    static final int REQUEST_TIMEOUT_MS = 500;
    static final long DELIVERY_TIMEOUT_MS = 3_000;

    private FastProducers() {
    }

    /** Idempotent by default (acks=all), 500 ms request timeout, 3 s delivery timeout, ~4 records per batch. */
    static ProducerConfig.Builder config(ScriptedBroker broker) {
        return ProducerConfig.builder()
                .bootstrapServers(broker.bootstrapServers())
                .clientId("scripted-test")
                .lingerMs(2)
                .batchSize(160)
                .requestTimeoutMs(REQUEST_TIMEOUT_MS)
                .deliveryTimeoutMs(DELIVERY_TIMEOUT_MS)
                .retryBackoffMs(10)
                .retryBackoffMaxMs(50)
                .maxBlockMs(2_000)
                .connectTimeoutMs(1_000);
    }

    /**
     * Sends one record to the partition and waits for it: until a partition's first batch of a
     * producer id and epoch is acknowledged the producer keeps one batch of it in flight (a broker
     * without state for the producer takes any sequence), so tests that need several in flight
     * start with this.
     */
    static void warmUp(LegacyKafkaProducer producer, SendLedger ledger, String topic, int partition) {
        SendLedger.Sent first = ledger.send(producer, topic, partition);
        assertThat(ledger.awaitAll(DELIVERY_TIMEOUT_MS + 1_000)).as("the warm-up record completed").isTrue();
        assertThat(first.succeeded()).as(first.toString()).isTrue();
    }
}
