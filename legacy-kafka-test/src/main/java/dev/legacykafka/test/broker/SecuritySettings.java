package dev.legacykafka.test.broker;

import dev.legacykafka.test.security.BrokerSecurity;
import dev.legacykafka.test.security.CertificateAuthority;
import dev.legacykafka.test.security.KeyMaterial;
import dev.legacykafka.test.security.SaslMechanism;
import dev.legacykafka.test.security.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a broker with {@link BrokerSecurity} is configured with besides its listeners: TLS key and
 * trust material, SASL mechanisms, and a JAAS file, the one way to configure SASL on the broker that
 * every release from 0.10 to 4.x understands.
 */
final class SecuritySettings {

    private static final String PLAIN_LOGIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final String SCRAM_LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";

    private SecuritySettings() {
    }

    /**
     * Broker settings for the TLS and SASL listeners; empty without security.
     *
     * @param certificates the certificates, needed if a TLS listener is configured (else may be null)
     */
    static Map<String, String> brokerConfig(BrokerSecurity security, TestCertificates certificates) {
        Map<String, String> p = new LinkedHashMap<>();
        if (security.usesTls()) {
            KeyMaterial key = certificates.broker(security.brokerCertificate());
            CertificateAuthority trusted = certificates.ca();
            // PKCS12 from the JDK of this JVM, which every broker runs on (0.10.2 included).
            p.put("ssl.keystore.type", "PKCS12");
            p.put("ssl.keystore.location", key.keystorePkcs12().toString());
            p.put("ssl.keystore.password", key.keystorePassword());
            p.put("ssl.key.password", key.keystorePassword());
            p.put("ssl.truststore.type", "PKCS12");
            p.put("ssl.truststore.location", trusted.truststorePkcs12().toString());
            p.put("ssl.truststore.password", trusted.truststorePassword());
            p.put("ssl.client.auth", security.clientAuthRequired() ? "required" : "none");
        }
        if (security.usesSasl()) {
            p.put("sasl.enabled.mechanisms", security.saslMechanisms().stream().map(SaslMechanism::mechanismName)
                    .collect(Collectors.joining(",")));
        }
        return p;
    }

    /**
     * The JAAS file of a broker with SASL listeners: a {@code KafkaServer} section with a login
     * module per enabled mechanism family. PLAIN users are its {@code user_<name>} options; SCRAM
     * credentials live in ZooKeeper or the metadata log instead.
     */
    static String jaasFile(BrokerSecurity security) {
        StringBuilder text = new StringBuilder("KafkaServer {\n");
        if (security.saslMechanisms().contains(SaslMechanism.PLAIN)) {
            text.append("    ").append(PLAIN_LOGIN_MODULE).append(" required");
            security.plainUsers().forEach((user, password) -> text.append("\n        user_").append(user)
                    .append("=\"").append(quoted(password)).append('"'));
            text.append(";\n");
        }
        if (security.saslMechanisms().stream().anyMatch(SaslMechanism::isScram)) {
            text.append("    ").append(SCRAM_LOGIN_MODULE).append(" required;\n");
        }
        return text.append("};\n").toString();
    }

    /**
     * JVM options of a broker whose JAAS file is at the given path.
     *
     * @param zooKeeperMode true for brokers with ZooKeeper, whose ZooKeeper client would otherwise try
     *     SASL too as soon as a JAAS file is configured
     */
    static List<String> jvmOptions(Path jaasFile, boolean zooKeeperMode) {
        List<String> options = new ArrayList<>();
        options.add("-Djava.security.auth.login.config=" + jaasFile);
        if (zooKeeperMode) {
            options.add("-Dzookeeper.sasl.client=false");
        }
        return options;
    }

    /**
     * A TLS context that trusts whichever CA signed the broker's certificate and offers the trusted
     * client certificate, without host name checks: the fixture's own probes must get through to
     * every broker, including those set up for refusal tests.
     */
    static SSLContext probeContext(BrokerSecurity security, TestCertificates certificates) {
        try {
            CertificateAuthority issuer = certificates.issuerOf(security.brokerCertificate());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(issuer.truststorePkcs12(), issuer.truststorePassword()));
            KeyMaterial client = certificates.client();
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(client.keystorePkcs12(), client.keystorePassword()),
                    client.keystorePassword().toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build a TLS context from " + certificates, e);
        }
    }

    /** Escapes a value for a double-quoted JAAS option, which the JDK's parser unescapes. */
    static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static KeyStore load(Path file, String password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
