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

    InFlightRequest(int correlationId, short apiKey, short apiVersion, boolean expectResponse,
                    ResponseHandler handler, java.nio.ByteBuffer frame, long createdMs, long deadlineMs) {
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
        return "request(api " + apiKey + " v" + apiVersion + ", correlation " + correlationId + ")";
    }
}
