package dev.legacykafka.client.errors;

/**
 * The broker did not accept the client: a TLS handshake failed (untrusted or mismatching
 * certificate, no client certificate where one is required) or SASL authentication was refused
 * (wrong user name or password, mechanism not enabled). Not retriable: every pending send fails
 * with it, and the producer tries again only after a reconnect backoff. Messages never contain
 * passwords.
 */
public class AuthenticationException extends LegacyKafkaException {

    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
