package dev.legacykafka.test.security;

import java.nio.file.Path;

/**
 * A private key and its certificate chain (the certificate, then the CA that signed it), in every
 * form a Kafka broker or client might want it.
 *
 * @param subject the certificate's distinguished name
 * @param keystorePkcs12 a PKCS12 keystore holding the key and chain under one alias
 * @param keystoreJks the same as a JKS keystore
 * @param keystorePassword the password of both keystores, and of the key inside them
 *     ({@code ssl.keystore.password} and {@code ssl.key.password})
 * @param certificateChainPem the certificate and its CA certificate, in PEM
 * @param privateKeyPem the private key as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----})
 * @param encryptedPrivateKeyPem the private key as encrypted PKCS#8 PEM
 *     ({@code -----BEGIN ENCRYPTED PRIVATE KEY-----}) with PBES2: PBKDF2 with HMAC-SHA256 and
 *     AES-256-CBC, as {@code openssl pkcs8 -topk8} writes it; librdkafka reads it, kafka-clients on
 *     JDK 17 does not (no "PBES2" {@code SecretKeyFactory})
 * @param legacyEncryptedPrivateKeyPem the private key as encrypted PKCS#8 PEM with the PKCS#12
 *     scheme PBE-SHA1-3DES, which kafka-clients and OpenSSL read
 * @param encryptedPrivateKeyPassword the password of both encrypted PEM files
 */
public record KeyMaterial(String subject, Path keystorePkcs12, Path keystoreJks, String keystorePassword,
        Path certificateChainPem, Path privateKeyPem, Path encryptedPrivateKeyPem, Path legacyEncryptedPrivateKeyPem,
        String encryptedPrivateKeyPassword) {
}
