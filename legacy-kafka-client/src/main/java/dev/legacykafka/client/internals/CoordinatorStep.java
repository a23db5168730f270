package dev.legacykafka.client.internals;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.Request;
import dev.legacykafka.client.protocol.ResponseFrame;
import dev.legacykafka.client.protocol.ResponseReader;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * One request to a transaction or group coordinator, which {@link CoordinatorChannel} sends and
 * retries until it succeeds or fails for good; {@link #result} completes then.
 */
abstract class CoordinatorStep {

    final CompletableFuture<Void> result = new CompletableFuture<>();
    /** A retried step waits for the backoff. Network thread only. */
    long notBeforeMs;

    abstract ApiKey api();

    /** Whose coordinator answers this: the transaction's (null) or a consumer group's. */
    String groupKey() {
        return null;
    }

    /**
     * The version to send to this broker.
     *
     * @throws dev.legacykafka.client.errors.LegacyKafkaException if the broker cannot take the request
     */
    abstract short version(BrokerVersions versions);

    abstract Request request(short version);

    /** Handles the response; returns the error to act on, or NONE. */
    abstract ErrorCode handle(ByteBuffer payload, short version, int correlationId);

    static <T> T read(ByteBuffer payload, ApiKey api, short version, ResponseReader<T> reader) {
        return ResponseFrame.read(payload, api, version, ResponseFrame.peekCorrelationId(payload), reader);
    }
}
