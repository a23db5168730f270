package dev.legacykafka.test.security;

import java.nio.file.Path;

/**
 * A certificate authority of {@link TestCertificates}, as a client or broker trusts it.
 *
 * @param subject the CA's distinguished name
 * @param certificatePem the CA certificate in PEM ({@code ssl.ca.location} of librdkafka,
 *     {@code ssl.truststore.type=PEM} of kafka-clients)
 * @param truststorePkcs12 a PKCS12 truststore holding only the CA certificate
 * @param truststoreJks the same as a JKS truststore
 * @param truststorePassword the password of both truststores
 */
public record CertificateAuthority(String subject, Path certificatePem, Path truststorePkcs12, Path truststoreJks,
        String truststorePassword) {
}
