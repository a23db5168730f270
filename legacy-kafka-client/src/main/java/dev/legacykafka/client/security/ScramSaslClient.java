package dev.legacykafka.client.security;

import dev.legacykafka.client.errors.AuthenticationException;
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
 * SCRAM-SHA-256/512 (RFC 5802, RFC 7677) without channel binding, as Kafka brokers speak it:
 * client-first, server-first (nonce, salt, iterations), client-final with the proof, and
 * server-final whose signature shows the broker knows the password too.
 */
final class ScramSaslClient implements SaslMechanismClient {

    /** Kafka brokers refuse fewer iterations; a server asking for fewer is not to be trusted. */
    static final int MIN_ITERATIONS = 4096;

    /** The hash of a SCRAM mechanism. */
    enum Algorithm {
        SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256"),
        SHA_512("SCRAM-SHA-512", "SHA-512", "HmacSHA512");

        final String mechanism;
        final String digest;
        final String hmac;

        Algorithm(String mechanism, String digest, String hmac) {
            this.mechanism = mechanism;
            this.digest = digest;
            this.hmac = hmac;
        }

        static Algorithm of(SaslMechanism mechanism) {
            return mechanism == SaslMechanism.SCRAM_SHA_256 ? SHA_256 : SHA_512;
        }
    }

    private enum Step { START, SENT_CLIENT_FIRST, SENT_CLIENT_FINAL, COMPLETE }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String GS2_HEADER = "n,,";

    private final Algorithm algorithm;
    private final String username;
    private final Password password;
    private final String clientNonce;
    private Step step = Step.START;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    ScramSaslClient(Algorithm algorithm, String username, Password password) {
        this(algorithm, username, password, newNonce());
    }

    /** With a given nonce, for test vectors. */
    ScramSaslClient(Algorithm algorithm, String username, Password password, String clientNonce) {
        this.algorithm = algorithm;
        this.username = username;
        this.password = password;
        this.clientNonce = clientNonce;
    }

    @Override
    public byte[] initialResponse() {
        clientFirstBare = "n=" + escapeUsername(username) + ",r=" + clientNonce;
        step = Step.SENT_CLIENT_FIRST;
        return (GS2_HEADER + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] evaluate(byte[] serverToken) {
        String message = new String(serverToken, StandardCharsets.UTF_8);
        switch (step) {
            case SENT_CLIENT_FIRST:
                return clientFinal(message);
            case SENT_CLIENT_FINAL:
                verifyServerFinal(message);
                step = Step.COMPLETE;
                return null;
            default:
                throw new AuthenticationException(algorithm.mechanism + ": unexpected token from the broker");
        }
    }

    @Override
    public boolean isComplete() {
        return step == Step.COMPLETE;
    }

    private byte[] clientFinal(String serverFirst) {
        Map<String, String> attributes = attributes(serverFirst);
        failIfError(attributes);
        String nonce = attributes.get("r");
        String salt = attributes.get("s");
        String iterationText = attributes.get("i");
        if (nonce == null || salt == null || iterationText == null) {
            throw new AuthenticationException(algorithm.mechanism + ": the broker's first message lacks nonce, salt or "
                    + "iteration count");
        }
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new AuthenticationException(algorithm.mechanism + ": the broker's nonce does not extend ours");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(iterationText);
        } catch (NumberFormatException e) {
            throw new AuthenticationException(algorithm.mechanism + ": iteration count '" + iterationText + "' is not a number");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new AuthenticationException(algorithm.mechanism + ": the broker asks for " + iterations
                    + " iterations, fewer than the minimum of " + MIN_ITERATIONS);
        }
        byte[] saltBytes;
        try {
            saltBytes = Base64.getDecoder().decode(salt);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException(algorithm.mechanism + ": the broker's salt is not base64");
        }
        String clientFinalWithoutProof = "c=" + Base64.getEncoder().encodeToString(
                GS2_HEADER.getBytes(StandardCharsets.UTF_8)) + ",r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof;
        try {
            byte[] saltedPassword = hi(password.value().getBytes(StandardCharsets.UTF_8), saltBytes, iterations);
            byte[] clientKey = hmac(saltedPassword, "Client Key");
            byte[] storedKey = MessageDigest.getInstance(algorithm.digest).digest(clientKey);
            byte[] clientSignature = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
            }
            expectedServerSignature = hmac(hmac(saltedPassword, "Server Key"), authMessage);
            step = Step.SENT_CLIENT_FINAL;
            return (clientFinalWithoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new AuthenticationException(algorithm.mechanism + " is not available in this JDK: " + e.getMessage(), e);
        }
    }

    private void verifyServerFinal(String serverFinal) {
        Map<String, String> attributes = attributes(serverFinal);
        failIfError(attributes);
        String verifier = attributes.get("v");
        byte[] signature;
        try {
            signature = verifier == null ? null : Base64.getDecoder().decode(verifier);
        } catch (IllegalArgumentException e) {
            signature = null;
        }
        if (signature == null || !MessageDigest.isEqual(signature, expectedServerSignature)) {
            // The broker accepted our proof without knowing the password: it is not the broker we think.
            throw new AuthenticationException(algorithm.mechanism + ": the broker's final signature is wrong; it does not "
                    + "hold this user's credentials");
        }
    }

    private void failIfError(Map<String, String> attributes) {
        String error = attributes.get("e");
        if (error != null) {
            throw new AuthenticationException(algorithm.mechanism + " authentication failed: the broker says " + error);
        }
    }

    /** Hi() of RFC 5802: PBKDF2 with the mechanism's HMAC and one block. */
    private byte[] hi(byte[] secret, byte[] salt, int iterations) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm.hmac);
        mac.init(new SecretKeySpec(secret, algorithm.hmac));
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
        return hmac(key, message.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] hmac(byte[] key, byte[] message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm.hmac);
        mac.init(new SecretKeySpec(key, algorithm.hmac));
        return mac.doFinal(message);
    }

    private Map<String, String> attributes(String message) {
        Map<String, String> attributes = new HashMap<>();
        for (String part : message.split(",")) {
            int eq = part.indexOf('=');
            if (eq != 1) {
                throw new AuthenticationException(algorithm.mechanism + ": malformed message from the broker");
            }
            attributes.putIfAbsent(part.substring(0, 1), part.substring(2));
        }
        return attributes;
    }

    /** RFC 5802 saslname: {@code =} and {@code ,} are escaped. */
    static String escapeUsername(String username) {
        return username.replace("=", "=3D").replace(",", "=2C");
    }

    private static String newNonce() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace(',', '_');
    }
}
