package dev.legacykafka.spring.autoconfigure;

/**
 * A {@code legacykafka.*} property asks for a feature this version of legacy-kafka does not have
 * (transactions, idempotence, TLS or SASL). Startup stops rather than running without it.
 */
public class UnsupportedLegacyKafkaFeatureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;

    private final String value;

    private final String feature;

    private final String action;

    /**
     * @param property the full property name
     * @param value    the value as the user sees it; never a secret
     * @param feature  what is missing and when it arrives
     * @param action   what the user can do today
     */
    public UnsupportedLegacyKafkaFeatureException(String property, String value, String feature, String action) {
        super("Property '" + property + "' is set to '" + value + "', but " + feature);
        this.property = property;
        this.value = value;
        this.feature = feature;
        this.action = action;
    }

    /** The full property name. */
    public String getProperty() {
        return property;
    }

    /** The value that asks for the feature. */
    public String getValue() {
        return value;
    }

    /** What is missing, and when it arrives. */
    public String getFeature() {
        return feature;
    }

    /** What the user can do today. */
    public String getAction() {
        return action;
    }
}
