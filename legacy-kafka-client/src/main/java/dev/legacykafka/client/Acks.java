package dev.legacykafka.client;

import dev.legacykafka.client.errors.ConfigException;

/** How many acknowledgements the partition leader waits for before answering a Produce request. */
public enum Acks {
    /** The broker sends no response at all; sends complete when written, without an offset. */
    NONE((short) 0),
    /** The leader answers once it has written the records. */
    LEADER((short) 1),
    /** The leader answers once every in-sync replica has the records. */
    ALL((short) -1);

    private final short wireValue;

    Acks(short wireValue) {
        this.wireValue = wireValue;
    }

    /** The value of the Produce request's acks field. */
    public short wireValue() {
        return wireValue;
    }

    /**
     * Parses {@code 0}, {@code 1}, {@code -1} or {@code all}, as kafka-clients and lua-resty-kafka
     * ({@code required_acks}) spell them.
     *
     * @throws ConfigException naming the setting for anything else
     */
    public static Acks parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "0", "none" -> NONE;
            case "1", "leader" -> LEADER;
            case "-1", "all" -> ALL;
            default -> throw new ConfigException("acks", value, "allowed values are 0, 1, -1 or all");
        };
    }
}
