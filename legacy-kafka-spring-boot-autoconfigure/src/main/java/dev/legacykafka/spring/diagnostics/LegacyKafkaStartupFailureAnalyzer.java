package dev.legacykafka.spring.diagnostics;

import dev.legacykafka.client.BrokerStatus;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@link LegacyKafkaStartupException}: which brokers failed the startup probe and why. */
class LegacyKafkaStartupFailureAnalyzer extends AbstractFailureAnalyzer<LegacyKafkaStartupException> {

    /** What to check when brokers refuse authentication. */
    static final String SECURITY_CHECK = "check that legacykafka.security.protocol is the protocol of the brokers' "
            + "listener; for SASL, legacykafka.security.sasl.username and password, and a mechanism the listener "
            + "enables (sasl.enabled.mechanisms; SCRAM users exist per mechanism); for TLS, that the trust material "
            + "(legacykafka.security.ssl.bundle, trust-store-location or trust-certificates) holds the CA of the "
            + "brokers' certificates, that those certificates name the host connected to, and a client certificate "
            + "where the brokers require one.";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LegacyKafkaStartupException cause) {
        StringBuilder description = new StringBuilder(cause.getMessage());
        for (BrokerStatus status : cause.getProblems()) {
            description.append(String.format("%n    - %s", BrokerStatusDescriptions.describe(status)));
        }
        boolean refused = cause.getProblems().stream().anyMatch(BrokerStatusDescriptions::authenticationFailed);
        String action = refused ? "The brokers refused the producer's authentication: " + SECURITY_CHECK
                : "Check legacykafka.bootstrap-servers, that the brokers are running and reachable from here, "
                + "and legacykafka.api-version; or set legacykafka.startup.fail-fast=false to start without them "
                + "(sends then wait for the brokers up to max-block and delivery-timeout).";
        return new FailureAnalysis(description.toString(), action, cause);
    }
}
