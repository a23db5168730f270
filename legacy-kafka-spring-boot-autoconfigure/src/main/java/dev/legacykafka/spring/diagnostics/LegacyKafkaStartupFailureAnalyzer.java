package dev.legacykafka.spring.diagnostics;

import dev.legacykafka.client.BrokerStatus;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@link LegacyKafkaStartupException}: which brokers failed the startup probe and why. */
class LegacyKafkaStartupFailureAnalyzer extends AbstractFailureAnalyzer<LegacyKafkaStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LegacyKafkaStartupException cause) {
        StringBuilder description = new StringBuilder(cause.getMessage());
        for (BrokerStatus status : cause.getProblems()) {
            description.append(String.format("%n    - %s", BrokerStatusDescriptions.describe(status)));
        }
        String action = "Check legacykafka.bootstrap-servers, that the brokers are running and reachable from here, "
                + "and legacykafka.api-version; or set legacykafka.startup.fail-fast=false to start without them "
                + "(sends then wait for the brokers up to max-block and delivery-timeout).";
        return new FailureAnalysis(description.toString(), action, cause);
    }
}
