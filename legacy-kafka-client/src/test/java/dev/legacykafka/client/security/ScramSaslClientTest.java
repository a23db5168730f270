package dev.legacykafka.client.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.errors.AuthenticationException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScramSaslClientTest {

    /** The exchange of RFC 7677 section 3 (SCRAM-SHA-256, user "user", password "pencil"). */
    private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private static ScramSaslClient rfcClient(String password) {
        return new ScramSaslClient(ScramSaslClient.Algorithm.SHA_256, "user", Password.of(password), CLIENT_NONCE);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void reproducesTheRfc7677Exchange() {
        ScramSaslClient client = rfcClient("pencil");

        assertThat(text(client.initialResponse())).isEqualTo("n,,n=user,r=" + CLIENT_NONCE);
        assertThat(text(client.evaluate(bytes(SERVER_FIRST)))).isEqualTo(CLIENT_FINAL);
        assertThat(client.isComplete()).isFalse();
        assertThat(client.evaluate(bytes(SERVER_FINAL))).isNull();
        assertThat(client.isComplete()).isTrue();
    }

    @Test
    void aWrongPasswordGivesAnotherProofAndTheServerSignatureNoLongerMatches() {
        ScramSaslClient client = rfcClient("crayon");
        client.initialResponse();

        assertThat(text(client.evaluate(bytes(SERVER_FIRST)))).isNotEqualTo(CLIENT_FINAL);
        assertThatThrownBy(() -> client.evaluate(bytes(SERVER_FINAL)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("final signature is wrong");
        assertThat(client.isComplete()).isFalse();
    }

    @Test
    void serverErrorIsReportedWithItsReason() {
        ScramSaslClient client = rfcClient("pencil");
        client.initialResponse();
        client.evaluate(bytes(SERVER_FIRST));

        assertThatThrownBy(() -> client.evaluate(bytes("e=invalid-proof")))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("the broker says invalid-proof")
                .hasMessageNotContaining("pencil");
    }

    @Test
    void refusesANonceThatDoesNotExtendOurs() {
        ScramSaslClient client = rfcClient("pencil");
        client.initialResponse();

        assertThatThrownBy(() -> client.evaluate(bytes("r=someoneElsesNonce,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("nonce");
        assertThatThrownBy(() -> rfcClient("pencil").evaluate(bytes("r=" + CLIENT_NONCE + ",s=AA==,i=4096")))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void refusesTooFewIterations() {
        ScramSaslClient client = rfcClient("pencil");
        client.initialResponse();

        assertThatThrownBy(() -> client.evaluate(bytes("r=" + CLIENT_NONCE + "xyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1024")))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("1024 iterations");
    }

    @Test
    void refusesMalformedServerMessages() {
        ScramSaslClient client = rfcClient("pencil");
        client.initialResponse();

        assertThatThrownBy(() -> client.evaluate(bytes("garbage"))).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void escapesCommaAndEqualsInUserNames() {
        ScramSaslClient client = new ScramSaslClient(ScramSaslClient.Algorithm.SHA_512, "a=b,c", Password.of("x"), "n0nce");

        assertThat(text(client.initialResponse())).isEqualTo("n,,n=a=3Db=2Cc,r=n0nce");
    }

    @Test
    void randomNoncesDifferAndContainNoComma() {
        String first = text(SaslMechanismClient.create(SaslSettings.of(SaslMechanism.SCRAM_SHA_512, "u", "p")).initialResponse());
        String second = text(SaslMechanismClient.create(SaslSettings.of(SaslMechanism.SCRAM_SHA_512, "u", "p")).initialResponse());

        assertThat(first).isNotEqualTo(second);
        assertThat(first.substring(first.indexOf("r=") + 2)).doesNotContain(",").hasSizeGreaterThanOrEqualTo(24);
    }

    @Test
    void plainSendsUserAndPasswordSeparatedByNul() {
        SaslMechanismClient plain = SaslMechanismClient.create(SaslSettings.of(SaslMechanism.PLAIN, "alice", "s3cret"));

        assertThat(plain.initialResponse()).isEqualTo(bytes("\0alice\0s3cret"));
        assertThat(plain.isComplete()).isFalse();
        assertThat(plain.evaluate(new byte[0])).isNull();
        assertThat(plain.isComplete()).isTrue();
        assertThatThrownBy(() -> plain.evaluate(new byte[0])).isInstanceOf(AuthenticationException.class);
    }
}
