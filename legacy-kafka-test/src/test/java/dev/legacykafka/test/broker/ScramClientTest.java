package dev.legacykafka.test.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.test.security.SaslMechanism;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.sasl.SaslException;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.ScramCredentialCallback;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.common.security.scram.internals.ScramSaslServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScramClientTest {

    @Test
    void reproducesTheExchangeOfRfc7677() {
        ScramClient client = new ScramClient(SaslMechanism.SCRAM_SHA_256, "user", "pencil", "rOprNGfwEbeRWgbNEkqO");
        assertThat(client.clientFirstMessage()).isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        String serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
        assertThat(client.clientFinalMessage(serverFirst)).isEqualTo(
                "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        assertThat(client.acceptsServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")).isTrue();
        assertThat(client.acceptsServerFinal("v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")).isFalse();
        assertThat(client.acceptsServerFinal("e=invalid-proof")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(names = {"SCRAM_SHA_256", "SCRAM_SHA_512"})
    void logsIntoKafkasOwnScramServer(SaslMechanism mechanism) throws Exception {
        ScramSaslServer server = kafkaServer(mechanism, "bob", "bob-secret");
        ScramClient client = new ScramClient(mechanism, "bob", "bob-secret", ScramClient.randomNonce());
        String serverFirst = text(server.evaluateResponse(bytes(client.clientFirstMessage())));
        String serverFinal = text(server.evaluateResponse(bytes(client.clientFinalMessage(serverFirst))));
        assertThat(server.isComplete()).isTrue();
        assertThat(server.getAuthorizationID()).isEqualTo("bob");
        assertThat(client.acceptsServerFinal(serverFinal)).isTrue();
    }

    @Test
    void aWrongPasswordIsRefusedByKafkasServer() throws Exception {
        ScramSaslServer server = kafkaServer(SaslMechanism.SCRAM_SHA_512, "bob", "bob-secret");
        ScramClient client = new ScramClient(SaslMechanism.SCRAM_SHA_512, "bob", "wrong", ScramClient.randomNonce());
        String serverFirst = text(server.evaluateResponse(bytes(client.clientFirstMessage())));
        assertThatThrownBy(() -> server.evaluateResponse(bytes(client.clientFinalMessage(serverFirst))))
                .isInstanceOf(SaslException.class);
    }

    @Test
    void userNamesAreEscapedAndForeignNoncesRejected() {
        ScramClient client = new ScramClient(SaslMechanism.SCRAM_SHA_256, "a=b,c", "p", "nonce");
        assertThat(client.clientFirstMessage()).isEqualTo("n,,n=a=3Db=2Cc,r=nonce");
        assertThatThrownBy(() -> client.clientFinalMessage("r=other,s=c2FsdA==,i=4096"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScramClient(SaslMechanism.PLAIN, "a", "b", "n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void authenticateVersionIsOneWhereTheBrokerHasIt() {
        assertThat(ScramProbe.chooseAuthenticateVersion(new short[] {0, 2})).isEqualTo((short) 1);
        assertThat(ScramProbe.chooseAuthenticateVersion(new short[] {0, 0})).isEqualTo((short) 0);
        assertThatThrownBy(() -> ScramProbe.chooseAuthenticateVersion(new short[] {2, 2}))
                .isInstanceOf(IllegalStateException.class);
    }

    /** Kafka's SCRAM server with one user, whose credential Kafka's own formatter derives. */
    private static ScramSaslServer kafkaServer(SaslMechanism mechanism, String user, String password)
            throws Exception {
        ScramMechanism kafkaMechanism = ScramMechanism.forMechanismName(mechanism.mechanismName());
        ScramCredential credential = new ScramFormatter(kafkaMechanism).generateCredential(password, 4096);
        return new ScramSaslServer(kafkaMechanism, Map.of(), callbacks -> {
            String name = null;
            for (Callback callback : callbacks) {
                if (callback instanceof NameCallback nameCallback) {
                    name = nameCallback.getDefaultName();
                } else if (callback instanceof ScramCredentialCallback credentialCallback) {
                    credentialCallback.scramCredential(user.equals(name) ? credential : null);
                }
            }
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
