package dev.legacykafka.client.network;

import dev.legacykafka.client.errors.ProtocolException;

/**
 * A broker answered a later request on the connection while this one was still unanswered: it
 * skipped it, as Kafka 0.9 does with ApiVersions. See {@link NetworkClient#sendSkippableHandshake}.
 */
public final class SkippedRequestException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    SkippedRequestException(String message) {
        super(message);
    }
}
