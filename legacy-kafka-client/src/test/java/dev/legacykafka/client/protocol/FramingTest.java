package dev.legacykafka.client.protocol;

import dev.legacykafka.client.errors.ProtocolException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.protocol.message.ApiVersionsRequest;
import dev.legacykafka.client.protocol.message.ApiVersionsResponse;
import dev.legacykafka.client.protocol.message.EndTxnResponse;
import dev.legacykafka.client.protocol.message.MetadataRequest;
import dev.legacykafka.client.protocol.message.SaslHandshakeRequest;
import dev.legacykafka.client.protocol.types.ProtocolReader;
import dev.legacykafka.client.protocol.types.ProtocolWriter;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Request headers and frames, response headers and frames. */
class FramingTest {

    private static final HexFormat HEX = HexFormat.of();

    private static String hex(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return HEX.formatHex(bytes);
    }

    private static final Request EMPTY_BODY_API_VERSIONS = new ApiVersionsRequest("legacy-kafka", "0.1.0");

    @Test
    void apiVersionsV0FrameIsByteExact() {
        ByteBuffer frame = RequestFrame.encode(new RequestHeader(ApiKey.API_VERSIONS, (short) 0, 1, "x"),
                EMPTY_BODY_API_VERSIONS);
        assertThat(hex(frame)).isEqualTo("0000000b" + "0012" + "0000" + "00000001" + "0001" + "78");
        assertThat(frame.position()).isZero();
        assertThat(frame.limit()).isEqualTo(frame.capacity());
    }

    @Test
    void apiVersionsV3UsesHeaderV2WithANonCompactClientId() {
        ByteBuffer frame = RequestFrame.encode(new RequestHeader(ApiKey.API_VERSIONS, (short) 3, 7, "x"),
                new ApiVersionsRequest("lk", "1"));
        assertThat(hex(frame)).isEqualTo("00000012" + "0012" + "0003" + "00000007" + "0001" + "78" + "00"
                + "03" + "6c6b" + "02" + "31" + "00");
    }

    @Test
    void nullClientIdIsMinusOne() {
        RequestHeader header = new RequestHeader(ApiKey.SASL_HANDSHAKE, (short) 1, 2, null);
        ByteBuffer frame = RequestFrame.encode(header, new SaslHandshakeRequest("PLAIN"));
        assertThat(hex(frame)).isEqualTo("00000011" + "0011" + "0001" + "00000002" + "ffff" + "0005" + "504c41494e");
        assertThat(header.sizeInBytes()).isEqualTo(10);
    }

    @ParameterizedTest
    @EnumSource(ApiKey.class)
    void kafkaClientsParsesOurRequestHeaderAtEveryVersion(ApiKey api) {
        for (short v = api.minVersion(); v <= api.maxVersion(); v++) {
            RequestHeader ours = new RequestHeader(api, v, 0x01020304 + v, "client-é");
            ProtocolWriter out = new ProtocolWriter(0);
            ours.writeTo(out);
            ByteBuffer bytes = out.toByteBuffer();
            assertThat(bytes.remaining()).isEqualTo(ours.sizeInBytes());
            org.apache.kafka.common.requests.RequestHeader theirs =
                    org.apache.kafka.common.requests.RequestHeader.parse(bytes);
            assertThat(bytes.remaining()).as("%s v%d header fully read", api, v).isZero();
            assertThat(theirs.apiKey().id).isEqualTo(api.id());
            assertThat(theirs.apiVersion()).isEqualTo(v);
            assertThat(theirs.headerVersion()).isEqualTo(ours.headerVersion());
            assertThat(theirs.correlationId()).isEqualTo(ours.correlationId());
            assertThat(theirs.clientId()).isEqualTo("client-é");
        }
    }

    @Test
    void headerRefusesVersionsWeDoNotImplement() {
        assertThatThrownBy(() -> new RequestHeader(ApiKey.API_VERSIONS, (short) 5, 1, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ApiVersions v5");
    }

    @Test
    void frameIntoAPooledBufferAtItsPosition() {
        RequestHeader header = new RequestHeader(ApiKey.METADATA, (short) 1, 9, "c");
        Request body = MetadataRequest.allTopics();
        int size = RequestFrame.sizeInBytes(header, body);
        ByteBuffer pooled = ByteBuffer.allocate(size + 3);
        pooled.position(3);
        RequestFrame.encodeInto(header, body, pooled);
        assertThat(pooled.position()).isEqualTo(size + 3);
        assertThat(pooled.getInt(3)).isEqualTo(size - 4);
        assertThat(hex(pooled.flip().position(3))).isEqualTo(hex(RequestFrame.encode(header, body)));
    }

    @Test
    void headerAndBodyMustBeTheSameApi() {
        RequestHeader header = new RequestHeader(ApiKey.METADATA, (short) 1, 9, "c");
        assertThatThrownBy(() -> RequestFrame.encode(header, EMPTY_BODY_API_VERSIONS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("METADATA");
    }

    @Test
    void responseHeaderV0AndV1() {
        assertThat(ResponseHeader.read(new ProtocolReader(ByteBuffer.wrap(HEX.parseHex("0000002a"))), (short) 0))
                .isEqualTo(new ResponseHeader(42));
        ProtocolReader v1 = new ProtocolReader(ByteBuffer.wrap(HEX.parseHex("0000002a" + "01" + "0502" + "abcd")));
        assertThat(ResponseHeader.read(v1, (short) 1)).isEqualTo(new ResponseHeader(42));
        v1.ensureFullyRead("header");
        assertThatThrownBy(() -> ResponseHeader.read(new ProtocolReader(ByteBuffer.wrap(HEX.parseHex("0000"))),
                (short) 0)).isInstanceOf(ProtocolException.class).hasMessageContaining("correlation_id");
    }

    @Test
    void apiVersionsResponseHeaderIsV0EvenForFlexibleVersions() {
        // v3 body: error 0, one api key (18, 0..4), throttle 0, no tags. No tag byte after the correlation id.
        ByteBuffer payload = ByteBuffer.wrap(HEX.parseHex("00000005" + "0000" + "02" + "0012" + "0000" + "0004" + "00"
                + "00000000" + "00"));
        ApiVersionsResponse response = ResponseFrame.read(payload, ApiKey.API_VERSIONS, (short) 3, 5,
                ApiVersionsResponse::read);
        assertThat(response.apiKeys()).containsExactly(new ApiVersionsResponse.ApiVersion((short) 18, (short) 0,
                (short) 4));
    }

    @Test
    void sizePrefixMustMatchTheFrame() {
        ByteBuffer frame = ByteBuffer.wrap(HEX.parseHex("00000004" + "0000002a"));
        assertThat(hex(ResponseFrame.payload(frame))).isEqualTo("0000002a");
        assertThat(frame.position()).isZero();
        assertThatThrownBy(() -> ResponseFrame.payload(ByteBuffer.wrap(HEX.parseHex("00000005" + "0000002a"))))
                .isInstanceOf(ProtocolException.class).hasMessage("Response frame declares 5 bytes but 4 follow its size prefix");
        assertThatThrownBy(() -> ResponseFrame.payload(ByteBuffer.wrap(HEX.parseHex("0000"))))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("response size");
    }

    @Test
    void correlationIdIsPeekedAndChecked() {
        ByteBuffer payload = ByteBuffer.wrap(HEX.parseHex("00000009" + "00" + "00000000" + "0000"));
        assertThat(ResponseFrame.peekCorrelationId(payload)).isEqualTo(9);
        assertThat(payload.position()).isZero();
        assertThatThrownBy(() -> ResponseFrame.read(payload, ApiKey.END_TXN, (short) 3, 8, EndTxnResponse::read))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("EndTxn v3 response has correlation id 9 but 8 was expected");
        assertThatThrownBy(() -> ResponseFrame.peekCorrelationId(ByteBuffer.allocate(3)))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void truncatedAndOverlongBodiesFail() {
        // EndTxn v3 body: throttle int32, error int16, tags.
        String header = "00000009" + "00";
        EndTxnResponse ok = ResponseFrame.read(ByteBuffer.wrap(HEX.parseHex(header + "00000064" + "0030" + "00")),
                ApiKey.END_TXN, (short) 3, 9, EndTxnResponse::read);
        assertThat(ok).isEqualTo(new EndTxnResponse(100, (short) 48, -1L, (short) -1));

        assertThatThrownBy(() -> ResponseFrame.read(ByteBuffer.wrap(HEX.parseHex(header + "00000064" + "00")),
                ApiKey.END_TXN, (short) 3, 9, EndTxnResponse::read))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("EndTxnResponse error_code");
        assertThatThrownBy(() -> ResponseFrame.read(ByteBuffer.wrap(HEX.parseHex(header + "00000064" + "0030" + "00"
                + "ff")), ApiKey.END_TXN, (short) 3, 9, EndTxnResponse::read))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("EndTxn v3 response has 1 unexpected trailing bytes after offset 12");
    }
}
