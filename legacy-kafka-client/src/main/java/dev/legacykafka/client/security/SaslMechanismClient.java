package dev.legacykafka.client.security;

import dev.legacykafka.client.errors.AuthenticationException;

/**
 * The client side of one SASL exchange: the first token, then an answer to each server token
 * until the mechanism is complete. One instance per connection attempt; not thread-safe.
 */
public interface SaslMechanismClient {

    /** A client for the mechanism and credentials of {@code settings}. */
    static SaslMechanismClient create(SaslSettings settings) {
        return switch (settings.mechanism()) {
            case PLAIN -> new PlainSaslClient(settings.username(), settings.password());
            case SCRAM_SHA_256, SCRAM_SHA_512 -> new ScramSaslClient(ScramSaslClient.Algorithm.of(settings.mechanism()),
                    settings.username(), settings.password());
        };
    }

    /** The token that opens the exchange. */
    byte[] initialResponse();

    /**
     * Answers a token of the server.
     *
     * @return the next token to send, or null when the exchange is complete
     * @throws AuthenticationException if the server's token is malformed, reports an error, or
     *                                 fails to prove it knows the password (SCRAM)
     */
    byte[] evaluate(byte[] serverToken);

    /** Whether the exchange has completed successfully. */
    boolean isComplete();
}
