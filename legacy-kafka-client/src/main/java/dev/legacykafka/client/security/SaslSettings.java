package dev.legacykafka.client.security;

import dev.legacykafka.client.errors.ConfigException;
import java.util.Objects;

/**
 * SASL credentials: mechanism, user name and password. {@link #toString()} never shows the password.
 *
 * <pre>{@code
 * SaslSettings sasl = SaslSettings.of(SaslMechanism.SCRAM_SHA_512, "alice", "alice-secret");
 * }</pre>
 */
public final class SaslSettings {

    private final SaslMechanism mechanism;
    private final String username;
    private final Password password;

    private SaslSettings(SaslMechanism mechanism, String username, Password password) {
        this.mechanism = mechanism;
        this.username = username;
        this.password = password;
    }

    /**
     * Credentials for one mechanism.
     *
     * @throws ConfigException naming {@code security.sasl.username} or {@code security.sasl.password} if missing
     */
    public static SaslSettings of(SaslMechanism mechanism, String username, Password password) {
        Objects.requireNonNull(mechanism, "mechanism");
        if (username == null || username.isEmpty()) {
            throw new ConfigException("security.sasl.username", "(empty)", "SASL " + mechanism + " needs a user name");
        }
        if (password == null) {
            throw new ConfigException("security.sasl.password", "(unset)", "SASL " + mechanism + " needs a password");
        }
        if (mechanism == SaslMechanism.PLAIN && (username.indexOf('\0') >= 0 || password.value().indexOf('\0') >= 0)) {
            // PLAIN separates the fields with NUL bytes; a NUL inside one would shift them.
            throw new ConfigException("security.sasl.username", "(contains a NUL character)",
                    "PLAIN user names and passwords cannot contain NUL characters");
        }
        return new SaslSettings(mechanism, username, password);
    }

    /** Credentials for one mechanism, the password given as a string. */
    public static SaslSettings of(SaslMechanism mechanism, String username, String password) {
        return of(mechanism, username, Password.of(password));
    }

    public SaslMechanism mechanism() {
        return mechanism;
    }

    public String username() {
        return username;
    }

    public Password password() {
        return password;
    }

    @Override
    public String toString() {
        return "SaslSettings[mechanism=" + mechanism + ", username=" + username + ", password=" + password + "]";
    }
}
