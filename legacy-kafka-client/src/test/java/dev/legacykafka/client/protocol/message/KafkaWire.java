package dev.legacykafka.client.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.Request;
import dev.legacykafka.client.protocol.RequestFrame;
import dev.legacykafka.client.protocol.RequestHeader;
import dev.legacykafka.client.protocol.ResponseFrame;
import dev.legacykafka.client.protocol.ResponseReader;
import dev.legacykafka.client.protocol.types.ProtocolWriter;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestAndSize;

/** Moves bytes between our codecs and kafka-clients' generated ones, checking framing on the way. */
final class KafkaWire {

    static final int CORRELATION_ID = 0x0BADCAFE;
    static final String CLIENT_ID = "legacy-kafka-test";
    private static final HexFormat HEX = HexFormat.of();

    private KafkaWire() {
    }

    /**
     * Frames our request and has kafka-clients parse it as a broker would: header with
     * {@code RequestHeader.parse}, body with {@code AbstractRequest.parseRequest}. Checks the size
     * prefix, the header fields and that kafka-clients consumed every byte.
     */
    static ApiMessage parseWithKafka(Request request, short version) {
        ByteBuffer frame = RequestFrame.encode(new RequestHeader(request.apiKey(), version, CORRELATION_ID, CLIENT_ID),
                request);
        assertThat(frame.limit()).as("frame allocated at its exact size").isEqualTo(frame.capacity());
        assertThat(frame.getInt()).as("size prefix").isEqualTo(frame.remaining());
        org.apache.kafka.common.requests.RequestHeader header =
                org.apache.kafka.common.requests.RequestHeader.parse(frame);
        assertThat(header.apiKey().id).isEqualTo(request.apiKey().id());
        assertThat(header.apiVersion()).isEqualTo(version);
        assertThat(header.correlationId()).isEqualTo(CORRELATION_ID);
        assertThat(header.clientId()).isEqualTo(CLIENT_ID);
        RequestAndSize parsed = AbstractRequest.parseRequest(header.apiKey(), version, new ByteBufferAccessor(frame));
        assertThat(frame.remaining()).as("%s v%d fully read by kafka-clients", request.apiKey(), version).isZero();
        return parsed.request.data();
    }

    /** Our encoding of a request body, as hex. */
    static String ourBody(Request request, short version) {
        ProtocolWriter out = new ProtocolWriter(0);
        request.writeTo(out, version);
        assertThat(request.sizeInBytes(version)).isEqualTo(out.size());
        return hex(out.toByteBuffer());
    }

    /** kafka-clients' encoding of a message body, as hex. */
    static String kafkaBody(ApiMessage data, short version) {
        return hex(MessageUtil.toByteBufferAccessor(data, version).buffer());
    }

    /** kafka-clients' encoding of a message body. */
    static byte[] kafkaBytes(ApiMessage data, short version) {
        ByteBuffer buffer = MessageUtil.toByteBufferAccessor(data, version).buffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /**
     * Serializes kafka-clients response data at {@code version} behind the response header
     * kafka-clients uses for it, in a size-prefixed frame, then reads the frame with our codecs.
     */
    static <T> T readWithOurs(ApiMessage data, short version, ResponseReader<T> reader) {
        ApiKey api = ApiKey.forId(data.apiKey());
        ByteBuffer frame = kafkaResponseFrame(data, version);
        return ResponseFrame.read(ResponseFrame.payload(frame), api, version, CORRELATION_ID, reader);
    }

    /** A response frame as a kafka broker would send it: size, header, body. */
    static ByteBuffer kafkaResponseFrame(ApiMessage data, short version) {
        short headerVersion = ApiKeys.forId(data.apiKey()).responseHeaderVersion(version);
        ByteBuffer header = MessageUtil.toByteBufferAccessor(new ResponseHeaderData().setCorrelationId(CORRELATION_ID),
                headerVersion).buffer();
        ByteBuffer body = MessageUtil.toByteBufferAccessor(data, version).buffer();
        ByteBuffer frame = ByteBuffer.allocate(4 + header.remaining() + body.remaining());
        frame.putInt(header.remaining() + body.remaining()).put(header).put(body);
        return frame.flip();
    }

    static String hex(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return HEX.formatHex(bytes);
    }

    static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }

    static Uuid kafka(UUID id) {
        return id == null ? Uuid.ZERO_UUID : new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    static UUID ours(Uuid id) {
        return new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }
}
