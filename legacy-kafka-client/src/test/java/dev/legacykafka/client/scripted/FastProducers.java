package dev.legacykafka.client.scripted;

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
}
