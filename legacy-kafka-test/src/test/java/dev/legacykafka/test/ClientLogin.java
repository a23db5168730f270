package dev.legacykafka.test;

import dev.legacykafka.test.security.CertificateAuthority;
import dev.legacykafka.test.security.KeyMaterial;
import dev.legacykafka.test.security.ListenerSecurity;
import dev.legacykafka.test.security.SaslMechanism;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * What a test client brings to a secured listener (protocol, trusted CA, client certificate and its
 * file format, SASL login, host name check), rendered as kcat (librdkafka) settings or as
 * kafka-clients properties.
 */
record ClientLogin(ListenerSecurity protocol, CertificateAuthority trust, KeyMaterial certificate, KeyFormat format,
        SaslMechanism mechanism, String user, String password, boolean hostNameCheck) {

    /**
     * How the client certificate reaches the client: kafka-clients takes every format but
     * ENCRYPTED_PEM (PBES2, which it cannot decrypt on JDK 17); librdkafka always gets PEM files,
     * the key unencrypted unless the format names an encrypted one.
     */
    enum KeyFormat { PKCS12, JKS, PEM, ENCRYPTED_PEM, LEGACY_ENCRYPTED_PEM }

    /** A client of the given protocol trusting the given CA (ignored without TLS), checking host names. */
    static ClientLogin of(ListenerSecurity protocol, CertificateAuthority trust) {
        return new ClientLogin(protocol, trust, null, KeyFormat.PKCS12, null, null, null, true);
    }

    ClientLogin withCertificate(KeyMaterial key, KeyFormat keyFormat) {
        return new ClientLogin(protocol, trust, key, keyFormat, mechanism, user, password, hostNameCheck);
    }

    ClientLogin withSasl(SaslMechanism saslMechanism, String saslUser, String saslPassword) {
        return new ClientLogin(protocol, trust, certificate, format, saslMechanism, saslUser, saslPassword,
                hostNameCheck);
    }

    ClientLogin withoutHostNameCheck() {
        return new ClientLogin(protocol, trust, certificate, format, mechanism, user, password, false);
    }

    /** librdkafka settings for kcat's {@code -X}. */
    Map<String, String> librdkafka() {
        Map<String, String> x = new LinkedHashMap<>();
        x.put("security.protocol", protocol.name().toLowerCase(Locale.ROOT));
        if (protocol.usesTls()) {
            x.put("ssl.ca.location", trust.certificatePem().toString());
            x.put("ssl.endpoint.identification.algorithm", hostNameCheck ? "https" : "none");
            if (certificate != null) {
                x.put("ssl.certificate.location", certificate.certificateChainPem().toString());
                if (format == KeyFormat.ENCRYPTED_PEM || format == KeyFormat.LEGACY_ENCRYPTED_PEM) {
                    x.put("ssl.key.location", (format == KeyFormat.ENCRYPTED_PEM ? certificate.encryptedPrivateKeyPem()
                            : certificate.legacyEncryptedPrivateKeyPem()).toString());
                    x.put("ssl.key.password", certificate.encryptedPrivateKeyPassword());
                } else {
                    x.put("ssl.key.location", certificate.privateKeyPem().toString());
                }
            }
        }
        if (mechanism != null) {
            x.put("sasl.mechanisms", mechanism.mechanismName());
            x.put("sasl.username", user);
            x.put("sasl.password", password);
        }
        return x;
    }

    /** kafka-clients properties for this login on the given bootstrap address. */
    Properties kafkaClients(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("security.protocol", protocol.name());
        if (protocol.usesTls()) {
            switch (format) {
                case JKS -> {
                    p.put("ssl.truststore.type", "JKS");
                    p.put("ssl.truststore.location", trust.truststoreJks().toString());
                    p.put("ssl.truststore.password", trust.truststorePassword());
                }
                case PEM, ENCRYPTED_PEM, LEGACY_ENCRYPTED_PEM -> {
                    p.put("ssl.truststore.type", "PEM");
                    p.put("ssl.truststore.certificates", read(trust.certificatePem()));
                }
                default -> {
                    p.put("ssl.truststore.type", "PKCS12");
                    p.put("ssl.truststore.location", trust.truststorePkcs12().toString());
                    p.put("ssl.truststore.password", trust.truststorePassword());
                }
            }
            p.put("ssl.endpoint.identification.algorithm", hostNameCheck ? "https" : "");
            if (certificate != null) {
                switch (format) {
                    case PKCS12, JKS -> {
                        p.put("ssl.keystore.type", format.name());
                        p.put("ssl.keystore.location", (format == KeyFormat.JKS ? certificate.keystoreJks()
                                : certificate.keystorePkcs12()).toString());
                        p.put("ssl.keystore.password", certificate.keystorePassword());
                        p.put("ssl.key.password", certificate.keystorePassword());
                    }
                    case PEM -> {
                        p.put("ssl.keystore.type", "PEM");
                        p.put("ssl.keystore.certificate.chain", read(certificate.certificateChainPem()));
                        p.put("ssl.keystore.key", read(certificate.privateKeyPem()));
                    }
                    case ENCRYPTED_PEM, LEGACY_ENCRYPTED_PEM -> {
                        p.put("ssl.keystore.type", "PEM");
                        p.put("ssl.keystore.certificate.chain", read(certificate.certificateChainPem()));
                        p.put("ssl.keystore.key", read(format == KeyFormat.ENCRYPTED_PEM
                                ? certificate.encryptedPrivateKeyPem() : certificate.legacyEncryptedPrivateKeyPem()));
                        p.put("ssl.key.password", certificate.encryptedPrivateKeyPassword());
                    }
                }
            }
        }
        if (mechanism != null) {
            String module = mechanism == SaslMechanism.PLAIN ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule";
            p.put("sasl.mechanism", mechanism.mechanismName());
            p.put("sasl.jaas.config", module + " required username=\"" + user + "\" password=\"" + password + "\";");
        }
        return p;
    }

    @Override
    public String toString() {
        return protocol + (certificate == null ? "" : " cert " + certificate.subject() + " as " + format)
                + (mechanism == null ? "" : " " + mechanism + " " + user + "/" + password)
                + (protocol.usesTls() ? " trusting " + trust.subject() + (hostNameCheck ? "" : " without host check")
                        : "");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
