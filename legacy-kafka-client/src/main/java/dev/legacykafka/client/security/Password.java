package dev.legacykafka.client.security;

import java.util.Objects;

/**
 * A secret (SASL password, keystore or key password). It prints as {@code [hidden]} so it never
 * reaches a log line, an exception message or a {@code toString()} by accident.
 */
public final class Password {

    private static final String HIDDEN = "[hidden]";

    private final String value;

    private Password(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Wraps a secret; null stays null so optional passwords can be passed through. */
    public static Password of(String value) {
        return value == null ? null : new Password(value);
    }

    /** The secret itself, for the code that has to use it. */
    public String value() {
        return value;
    }

    /** The secret as characters, as {@link java.security.KeyStore} wants it. */
    public char[] toCharArray() {
        return value.toCharArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Password p && p.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return HIDDEN;
    }
}
