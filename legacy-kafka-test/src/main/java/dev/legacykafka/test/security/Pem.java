package dev.legacykafka.test.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

/** PEM text (RFC 7468) of certificates and PKCS#8 private keys, plain or password-encrypted. */
final class Pem {

    /** PBES2 (PKCS#5 v2.1) with PBKDF2-HMAC-SHA256 and AES-256-CBC, what {@code openssl pkcs8 -topk8} writes. */
    static final String PBES2_ALGORITHM = "PBEWithHmacSHA256AndAES_256";
    /** PKCS#12 PBE with SHA-1 and three-key triple DES (OID 1.2.840.113549.1.12.1.3), the older scheme. */
    static final String LEGACY_ALGORITHM = "PBEWithSHA1AndDESede";
    static final int ITERATIONS = 10_000;

    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
    private static final SecureRandom RANDOM = new SecureRandom();

    private Pem() {
    }

    static String certificates(X509Certificate... chain) {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : chain) {
            try {
                text.append(block("CERTIFICATE", certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("Cannot encode " + certificate.getSubjectX500Principal(), e);
            }
        }
        return text.toString();
    }

    /** The key's PKCS#8 encoding as {@code PRIVATE KEY}. */
    static String privateKey(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    /**
     * The key's PKCS#8 encoding encrypted as {@code ENCRYPTED PRIVATE KEY}.
     *
     * @param algorithm {@link #PBES2_ALGORITHM} or {@link #LEGACY_ALGORITHM}
     */
    static String encryptedPrivateKey(PrivateKey key, String password, String algorithm) {
        try {
            return block("ENCRYPTED PRIVATE KEY", encrypt(key.getEncoded(), password, algorithm));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot encrypt a private key with " + algorithm, e);
        }
    }

    /** DER of an EncryptedPrivateKeyInfo (RFC 5208) of the given password-based scheme. */
    static byte[] encrypt(byte[] pkcs8, String password, String algorithm) throws GeneralSecurityException,
            IOException {
        boolean pbes2 = algorithm.equals(PBES2_ALGORITHM);
        byte[] salt = new byte[pbes2 ? 16 : 8];
        RANDOM.nextBytes(salt);
        PBEParameterSpec parameters;
        if (pbes2) {
            byte[] iv = new byte[16];
            RANDOM.nextBytes(iv);
            parameters = new PBEParameterSpec(salt, ITERATIONS, new IvParameterSpec(iv));
        } else {
            parameters = new PBEParameterSpec(salt, ITERATIONS);
        }
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.ENCRYPT_MODE, secretKey(password, algorithm), parameters);
        byte[] encrypted = cipher.doFinal(pkcs8);
        AlgorithmParameters written = cipher.getParameters();
        if (pbes2) {
            // The cipher's parameters carry its own name, for which JDK 17 knows no OID; the same
            // encoding read as "PBES2" parameters is written with the PBES2 OID (1.2.840.113549.1.5.13).
            written = AlgorithmParameters.getInstance("PBES2");
            written.init(cipher.getParameters().getEncoded());
        }
        return new EncryptedPrivateKeyInfo(written, encrypted).getEncoded();
    }

    /**
     * Decrypts what {@link #encrypt} wrote, with the JDK alone; used to prove the encoding round-trips.
     *
     * @return the PKCS#8 encoding of the key
     */
    static byte[] decrypt(byte[] encryptedPrivateKeyInfo, String password, String algorithm)
            throws GeneralSecurityException, IOException {
        EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(encryptedPrivateKeyInfo);
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.DECRYPT_MODE, secretKey(password, algorithm), info.getAlgParameters());
        return info.getKeySpec(cipher).getEncoded();
    }

    private static SecretKey secretKey(String password, String algorithm) throws GeneralSecurityException {
        return SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password.toCharArray()));
    }

    /** The DER bytes of the first PEM block with the given label. */
    static byte[] decode(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end, from + 1);
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("No " + label + " block in PEM text");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    private static String block(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + new String(BASE64.encode(der), StandardCharsets.US_ASCII)
                + "\n-----END " + label + "-----\n";
    }
}
