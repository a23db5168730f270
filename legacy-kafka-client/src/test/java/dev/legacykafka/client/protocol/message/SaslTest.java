package dev.legacykafka.client.protocol.message;

import static dev.legacykafka.client.protocol.message.KafkaWire.kafkaBody;
import static dev.legacykafka.client.protocol.message.KafkaWire.ourBody;
import static dev.legacykafka.client.protocol.message.KafkaWire.parseWithKafka;
import static dev.legacykafka.client.protocol.message.KafkaWire.readWithOurs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslAuthenticateResponseData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.message.SaslHandshakeResponseData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SaslTest {

    private static final byte[] TOKEN = "\0alice\0secret".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1})
    void handshake(short version) {
        SaslHandshakeRequest ours = new SaslHandshakeRequest("SCRAM-SHA-512");
        SaslHandshakeRequestData expected = new SaslHandshakeRequestData().setMechanism("SCRAM-SHA-512");
        assertThat(parseWithKafka(ours, version)).isEqualTo(expected);
        assertThat(ourBody(ours, version)).isEqualTo(kafkaBody(expected, version));

        SaslHandshakeResponseData data = new SaslHandshakeResponseData()
                .setErrorCode(ErrorCode.UNSUPPORTED_SASL_MECHANISM.code()).setMechanisms(List.of("PLAIN", "GSSAPI"));
        assertThat(readWithOurs(data, version, SaslHandshakeResponse::read))
                .isEqualTo(new SaslHandshakeResponse((short) 33, List.of("PLAIN", "GSSAPI")));
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2})
    void authenticate(short version) {
        SaslAuthenticateRequest ours = new SaslAuthenticateRequest(TOKEN);
        SaslAuthenticateRequestData expected = new SaslAuthenticateRequestData().setAuthBytes(TOKEN);
        assertThat(parseWithKafka(ours, version)).isEqualTo(expected);
        assertThat(ourBody(ours, version)).isEqualTo(kafkaBody(expected, version));

        SaslAuthenticateResponseData data = new SaslAuthenticateResponseData()
                .setErrorCode(ErrorCode.SASL_AUTHENTICATION_FAILED.code()).setErrorMessage("bad password")
                .setAuthBytes(new byte[] {1, 2, 3});
        if (version >= 1) {
            data.setSessionLifetimeMs(3_600_000L);
        }
        SaslAuthenticateResponse response = readWithOurs(data, version, SaslAuthenticateResponse::read);
        assertThat(response).isEqualTo(new SaslAuthenticateResponse((short) 58, "bad password", new byte[] {1, 2, 3},
                version >= 1 ? 3_600_000L : 0L));
        assertThat(response.authBytes()).containsExactly(1, 2, 3);
    }

    @Test
    void tokensNeverShowInToString() {
        assertThat(new SaslAuthenticateRequest(TOKEN).toString()).doesNotContain("secret").contains("13 bytes");
        assertThat(new SaslAuthenticateResponse((short) 0, null, TOKEN, 0L).toString()).doesNotContain("secret");
        assertThat(new SaslAuthenticateRequest(TOKEN)).isEqualTo(new SaslAuthenticateRequest(TOKEN.clone()))
                .hasSameHashCodeAs(new SaslAuthenticateRequest(TOKEN.clone()));
    }
}
