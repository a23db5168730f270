package dev.legacykafka.client.scripted;

import java.nio.ByteBuffer;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Reads requests and writes responses with kafka-clients' generated messages, so the scripted
 * broker shares no code with the producer under test.
 */
final class WireCodec {

    /** A parsed request: its header and its body. */
    record ParsedRequest(RequestHeader header, AbstractRequest body) {
        ApiKeys api() {
            return header.apiKey();
        }

        short version() {
            return header.apiVersion();
        }
    }

    private WireCodec() {
    }

    /** Parses a request frame (without its size prefix); the whole frame must be consumed. */
    static ParsedRequest parse(ByteBuffer frame) {
        RequestHeader header = RequestHeader.parse(frame);
        AbstractRequest body = AbstractRequest.parseRequest(header.apiKey(), header.apiVersion(),
                new ByteBufferAccessor(frame)).request;
        if (frame.hasRemaining()) {
            throw new IllegalStateException(header.apiKey() + " v" + header.apiVersion() + " request has "
                    + frame.remaining() + " trailing bytes");
        }
        return new ParsedRequest(header, body);
    }

    /** A size-prefixed response frame: the response header kafka-clients uses for {@code api} v{@code version}, then the body. */
    static ByteBuffer responseFrame(ApiKeys api, short version, int correlationId, ApiMessage body) {
        ByteBuffer header = MessageUtil.toByteBufferAccessor(new ResponseHeaderData().setCorrelationId(correlationId),
                api.responseHeaderVersion(version)).buffer();
        ByteBuffer payload = MessageUtil.toByteBufferAccessor(body, version).buffer();
        ByteBuffer frame = ByteBuffer.allocate(4 + header.remaining() + payload.remaining());
        frame.putInt(header.remaining() + payload.remaining()).put(header).put(payload);
        return frame.flip();
    }
}
