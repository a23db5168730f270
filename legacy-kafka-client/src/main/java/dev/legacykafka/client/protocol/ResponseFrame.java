package dev.legacykafka.client.protocol;

import dev.legacykafka.client.errors.ProtocolException;
import dev.legacykafka.client.protocol.types.ProtocolReader;
import java.nio.ByteBuffer;

/**
 * Decodes a response as it comes off the wire: {@code size:int32}, the {@link ResponseHeader}, the
 * body — and nothing after it. A response that is short, long, or answers another request fails
 * with a {@link ProtocolException}: the connection it came from is out of step and must be closed.
 */
public final class ResponseFrame {

    private ResponseFrame() {
    }

    /**
     * Checks a complete frame's size prefix and returns what follows it.
     *
     * @param frame size prefix and payload, from its position to its limit
     * @return the payload (header and body) as a slice
     */
    public static ByteBuffer payload(ByteBuffer frame) {
        ProtocolReader in = new ProtocolReader(frame.duplicate());
        int size = in.readInt32("response size");
        if (size != in.remaining()) {
            throw new ProtocolException("Response frame declares " + size + " bytes but " + in.remaining()
                    + " follow its size prefix");
        }
        return frame.slice(frame.position() + 4, size);
    }

    /**
     * The correlation id at the start of a payload, without consuming it: it is the first field of
     * every response header version, and it tells which in-flight request (so which API and version)
     * the payload answers.
     *
     * @param payload header and body, from its position
     */
    public static int peekCorrelationId(ByteBuffer payload) {
        if (payload.remaining() < 4) {
            throw new ProtocolException("Cannot read response header correlation_id: needs 4 bytes but only "
                    + payload.remaining() + " remain");
        }
        return payload.getInt(payload.position());
    }

    /**
     * Reads a payload to its last byte: the header, which must echo {@code expectedCorrelationId},
     * then the body.
     *
     * @param payload               header and body (no size prefix), from its position to its limit
     * @param api                   the API of the request this answers
     * @param version               the version of that request
     * @param expectedCorrelationId the request's correlation id
     * @param body                  reads the body, such as {@code ProduceResponse::read}
     * @param <T>                   the response type
     * @return the response body
     */
    public static <T> T read(ByteBuffer payload, ApiKey api, short version, int expectedCorrelationId,
            ResponseReader<T> body) {
        ProtocolReader in = new ProtocolReader(payload);
        String what = api.describe(version) + " response";
        ResponseHeader header;
        try {
            header = ResponseHeader.read(in, api, version);
        } catch (ProtocolException e) {
            throw named(what, e);
        }
        if (header.correlationId() != expectedCorrelationId) {
            throw new ProtocolException(what + " has correlation id " + header.correlationId() + " but "
                    + expectedCorrelationId + " was expected");
        }
        T response;
        try {
            response = body.read(in, version);
        } catch (ProtocolException e) {
            throw named(what, e);
        }
        in.ensureFullyRead(what);
        return response;
    }

    /** Field-level messages name the field; this adds which API and version the frame was read as. */
    private static ProtocolException named(String what, ProtocolException e) {
        return new ProtocolException(what + ": " + e.getMessage(), e);
    }
}
