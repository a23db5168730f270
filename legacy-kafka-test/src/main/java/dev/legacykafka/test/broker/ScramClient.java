package dev.legacykafka.test.broker;

import dev.legacykafka.test.security.SaslMechanism;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of one SCRAM-SHA-256/512 exchange (RFC 5802, RFC 7677), without channel
 * binding: client-first, then client-final computed from the server's salt and iteration count,
 * then a check of the server's signature.
 */
final class ScramClient {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String GS2_HEADER = "n,,";

    private final String hmac;
    private final String digest;
    private final String user;
    private final byte[] password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    /**
     * @param mechanism SCRAM-SHA-256 or SCRAM-SHA-512
     * @param user the user name
     * @param password the password (used as UTF-8; no SASLprep, which ASCII passwords do not need)
     * @param clientNonce printable characters without {@code ,}; see {@link #randomNonce()}
     */
    ScramClient(SaslMechanism mechanism, String user, String password, String clientNonce) {
        switch (mechanism) {
            case SCRAM_SHA_256 -> {
                hmac = "HmacSHA256";
                digest = "SHA-256";
            }
            case SCRAM_SHA_512 -> {
                hmac = "HmacSHA512";
                digest = "SHA-512";
            }
            default -> throw new IllegalArgumentException(mechanism + " is not a SCRAM mechanism");
        }
        this.user = user;
        this.password = password.getBytes(StandardCharsets.UTF_8);
        this.clientNonce = clientNonce;
    }

    static String randomNonce() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code n,,n=<user>,r=<client nonce>}. */
    String clientFirstMessage() {
        clientFirstBare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
        return GS2_HEADER + clientFirstBare;
    }

    /**
     * The proof for the server's challenge.
     *
     * @param serverFirst {@code r=<nonce>,s=<salt>,i=<iterations>}
     * @throws IllegalArgumentException if the challenge is malformed or does not extend our nonce
     */
    String clientFinalMessage(String serverFirst) {
        Map<Character, String> fields = parse(serverFirst);
        if (fields.containsKey('e')) {
            throw new IllegalArgumentException("Server refused: " + fields.get('e'));
        }
        String nonce = fields.get('r');
        String salt = fields.get('s');
        String iterations = fields.get('i');
        if (nonce == null || salt == null || iterations == null || !nonce.startsWith(clientNonce)) {
            throw new IllegalArgumentException("Malformed server-first message: " + serverFirst);
        }
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(GS2_HEADER.getBytes(StandardCharsets.US_ASCII))
                + ",r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        try {
            byte[] saltedPassword = hi(Base64.getDecoder().decode(salt), Integer.parseInt(iterations));
            byte[] clientKey = hmac(saltedPassword, "Client Key");
            byte[] storedKey = MessageDigest.getInstance(digest).digest(clientKey);
            byte[] clientSignature = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
            }
            expectedServerSignature = hmac(hmac(saltedPassword, "Server Key"), authMessage);
            return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK lacks " + hmac + " or " + digest, e);
        }
    }

    /**
     * True if the server's final message carries the signature only a server knowing the
     * credentials can compute; false for an error ({@code e=...}) or a wrong signature.
     */
    boolean acceptsServerFinal(String serverFinal) {
        String verifier = parse(serverFinal).get('v');
        return verifier != null && expectedServerSignature != null
                && MessageDigest.isEqual(Base64.getDecoder().decode(verifier), expectedServerSignature);
    }

    /** PBKDF2 with the mechanism's HMAC, one block: Hi() of RFC 5802. */
    private byte[] hi(byte[] salt, int iterations) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(hmac);
        mac.init(new SecretKeySpec(password, hmac));
        mac.update(salt);
        byte[] u = mac.doFinal(ByteBuffer.allocate(4).putInt(1).array());
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(hmac);
        mac.init(new SecretKeySpec(key, hmac));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<Character, String> parse(String message) {
        Map<Character, String> fields = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                fields.putIfAbsent(part.charAt(0), part.substring(2));
            }
        }
        return fields;
    }
}
