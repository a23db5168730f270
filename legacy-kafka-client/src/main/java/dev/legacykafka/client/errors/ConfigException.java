package dev.legacykafka.client.errors;

/** A producer setting is missing or has a value that is not allowed; the message names the setting. */
public class ConfigException extends LegacyKafkaException {

    private static final long serialVersionUID = 1L;

    private final String setting;

    public ConfigException(String setting, Object value, String allowed) {
        super("Invalid value " + value + " for setting '" + setting + "': " + allowed);
        this.setting = setting;
    }

    /** As above, with the exception that made the value unusable (an unreadable file, a wrong format). */
    public ConfigException(String setting, Object value, String allowed, Throwable cause) {
        super("Invalid value " + value + " for setting '" + setting + "': " + allowed, cause);
        this.setting = setting;
    }

    /** The name of the offending setting. */
    public String setting() {
        return setting;
    }
}
