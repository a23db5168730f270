package dev.legacykafka.client.security;

import dev.legacykafka.client.errors.AuthenticationException;
import java.nio.charset.StandardCharsets;

/** RFC 4616 PLAIN: one token {@code NUL user NUL password}; the server answers with an empty token or refuses. */
final class PlainSaslClient implements SaslMechanismClient {

    private final String username;
    private final Password password;
    private boolean sent;
    private boolean complete;

    PlainSaslClient(String username, Password password) {
        this.username = username;
        this.password = password;
    }

    @Override
    public byte[] initialResponse() {
        sent = true;
        // No authorization id: the broker authorizes the authenticated user.
        return ("\0" + username + "\0" + password.value()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] evaluate(byte[] serverToken) {
        if (!sent || complete) {
            throw new AuthenticationException("SASL PLAIN: unexpected token from the broker");
        }
        complete = true;
        return null;
    }

    @Override
    public boolean isComplete() {
        return complete;
    }
}
