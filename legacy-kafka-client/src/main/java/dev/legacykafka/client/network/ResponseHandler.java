package dev.legacykafka.client.network;

import dev.legacykafka.client.errors.LegacyKafkaException;
import java.nio.ByteBuffer;

/**
 * Receives the outcome of one request, on the network thread. Exactly one of the two methods
 * is called, exactly once.
 */
public interface ResponseHandler {

    /**
     * The broker answered. {@code response} is the frame without its size prefix: the response
     * header (whose correlation id the network client already matched) and the body. It is
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
