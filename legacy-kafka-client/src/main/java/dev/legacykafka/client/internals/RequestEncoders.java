package dev.legacykafka.client.internals;

import dev.legacykafka.client.network.FrameEncoder;
import dev.legacykafka.client.protocol.Request;
import dev.legacykafka.client.protocol.RequestFrame;
import dev.legacykafka.client.protocol.RequestHeader;

/** Frame encoders for the producer's own requests: the request's API, a version and the client id in the header. */
final class RequestEncoders {

    private RequestEncoders() {
    }

    /** Encodes {@code request} at {@code version} once the network client picks the correlation id. */
    static FrameEncoder of(Request request, short version, String clientId) {
        return correlationId -> RequestFrame.encode(new RequestHeader(request.apiKey(), version, correlationId, clientId),
                request);
    }
}
