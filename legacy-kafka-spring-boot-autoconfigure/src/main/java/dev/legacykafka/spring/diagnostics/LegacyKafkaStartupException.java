package dev.legacykafka.spring.diagnostics;

import dev.legacykafka.client.BrokerStatus;
import java.util.List;

/**
 * With {@code legacykafka.startup.fail-fast=true}, the startup probe found brokers that cannot be
 * reached or used; startup stops.
 */
public class LegacyKafkaStartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<BrokerStatus> problems;

    /**
     * @param message  what went wrong
     * @param problems the brokers that could not be reached or used
     */
    public LegacyKafkaStartupException(String message, List<BrokerStatus> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** The brokers that could not be reached or used, with why. */
    public List<BrokerStatus> getProblems() {
        return problems;
    }
}
