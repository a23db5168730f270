package dev.legacykafka.client.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads X.509 certificates and PKCS#8 private keys from PEM files, with the JDK alone.
 * PKCS#1 keys ({@code BEGIN RSA PRIVATE KEY}) and SEC1 keys ({@code BEGIN EC PRIVATE KEY}) are
 * refused with a message saying how to convert them.
 */
final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");
    private static final String PBES2_OID = "1.2.840.113549.1.5.13";
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "DSA", "RSASSA-PSS"};

    private PemFiles() {
    }

    /** Every {@code CERTIFICATE} block of the file, in order. */
    static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks(file)) {
            if (block.type.equals("CERTIFICATE")) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der)));
            }
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no -----BEGIN CERTIFICATE----- block in " + file);
        }
        return certificates;
    }

    /**
     * The file's private key: {@code PRIVATE KEY}, or {@code ENCRYPTED PRIVATE KEY} decrypted with {@code password}.
     */
    static PrivateKey privateKey(Path file, Password password) throws IOException, GeneralSecurityException {
        for (Block block : blocks(file)) {
            switch (block.type) {
                case "PRIVATE KEY":
                    return decodeKey(block.der);
                case "ENCRYPTED PRIVATE KEY":
                    if (password == null) {
                        throw new GeneralSecurityException("the key in " + file + " is encrypted and no key password is set");
                    }
                    return decodeKey(decrypt(block.der, password));
                case "RSA PRIVATE KEY":
                case "EC PRIVATE KEY":
                    throw new GeneralSecurityException("the key in " + file + " is in the " + block.type + " format; "
                            + "convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem)");
                default:
                    // Certificates may share the file; go on.
            }
        }
        throw new GeneralSecurityException("no -----BEGIN PRIVATE KEY----- block in " + file);
    }

    private static byte[] decrypt(byte[] der, Password password) throws IOException, GeneralSecurityException {
        EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
        String algorithm = info.getAlgName();
        if (algorithm.equals("PBES2") || algorithm.equals(PBES2_OID)) {
            // PBES2 keys name the real scheme (e.g. PBEWithHmacSHA256AndAES_256) in their parameters.
            algorithm = info.getAlgParameters().toString();
        }
        SecretKeyFactory factory;
        try {
            factory = SecretKeyFactory.getInstance(algorithm);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new GeneralSecurityException("the key is encrypted with " + algorithm + ", which this JDK cannot decrypt; "
                    + "re-encrypt it (openssl pkcs8 -topk8 -v2 aes-256-cbc) or store it unencrypted", e);
        }
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password.toCharArray())),
                info.getAlgParameters());
        return info.getKeySpec(cipher).getEncoded();
    }

    private static PrivateKey decodeKey(byte[] pkcs8) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException notThisOne) {
                // PKCS#8 names its algorithm by OID; trying the usual ones is simpler than an OID table.
            }
        }
        throw new GeneralSecurityException("the private key is not an RSA, EC, EdDSA or DSA key the JDK can read");
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
        }
        return blocks;
    }
}
