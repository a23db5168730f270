package dev.legacykafka.client.network;

/** A request queued for writing or waiting for its response. */
final class InFlightRequest {

    final int correlationId;
    final short apiKey;
    final short apiVersion;
    final boolean expectResponse;
    final ResponseHandler handler;
    final long deadlineMs;
    final long createdMs;
    final java.nio.ByteBuffer frame;
    /** A bare SASL token (after SaslHandshake v0): no header, answered by a bare token. */
    final boolean raw;
    /** A broker may skip this request without a word (Kafka 0.9 and ApiVersions): a later answer may come first. */
    boolean skippable;

    InFlightRequest(int correlationId, short apiKey, short apiVersion, boolean expectResponse,
                    ResponseHandler handler, java.nio.ByteBuffer frame, long createdMs, long deadlineMs, boolean raw) {
        this.raw = raw;
        this.correlationId = correlationId;
        this.apiKey = apiKey;
        this.apiVersion = apiVersion;
        this.expectResponse = expectResponse;
        this.handler = handler;
        this.frame = frame;
        this.createdMs = createdMs;
        this.deadlineMs = deadlineMs;
    }

    @Override
    public String toString() {
        if (raw) {
            return "raw SASL token";
        }
        return "request(api " + apiKey + " v" + apiVersion + ", correlation " + correlationId + ")";
    }
}
