package dev.legacykafka.client.network;

import dev.legacykafka.client.errors.LegacyKafkaException;
import java.nio.ByteBuffer;

/**
 * Receives the outcome of one request, on the network thread. Exactly one of the two methods
 * is called, exactly once.
 */
public interface ResponseHandler {

    /**
     * The broker answered. {@code response} starts right after the correlation id (so a
     * flexible response's header tagged fields come first) and ends with the frame; it is
     * {@code null} for a request that expects no response (Produce with acks=0), which
     * completes once it is written to the socket.
     *
     * @throws dev.legacykafka.client.errors.ProtocolException if the response does not parse;
     *         the connection is then closed and this handler's {@link #onFailure} is called
     */
    void onResponse(ByteBuffer response, long nowMs);

    /** The request failed: connection lost, request timeout, or a response that did not parse. */
    void onFailure(LegacyKafkaException cause, long nowMs);
}
