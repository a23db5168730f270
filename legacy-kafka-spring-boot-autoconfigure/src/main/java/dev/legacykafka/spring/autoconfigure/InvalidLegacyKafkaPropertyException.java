package dev.legacykafka.spring.autoconfigure;

/**
 * A {@code legacykafka.*} property has a value that is not allowed. Startup stops with a failure
 * analysis naming the property, the value and what is allowed.
 */
public class InvalidLegacyKafkaPropertyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;

    private final String value;

    private final String allowed;

    /**
     * @param property the full property name, e.g. {@code legacykafka.api-version}
     * @param value    the value as the user sees it; never a secret
     * @param allowed  what is allowed instead
     */
    public InvalidLegacyKafkaPropertyException(String property, String value, String allowed) {
        this(property, value, allowed, null);
    }

    public InvalidLegacyKafkaPropertyException(String property, String value, String allowed, Throwable cause) {
        super("Invalid value '" + value + "' for property '" + property + "': " + allowed, cause);
        this.property = property;
        this.value = value;
        this.allowed = allowed;
    }

    /** The full property name. */
    public String getProperty() {
        return property;
    }

    /** The rejected value. */
    public String getValue() {
        return value;
    }

    /** What the property accepts. */
    public String getAllowed() {
        return allowed;
    }
}
