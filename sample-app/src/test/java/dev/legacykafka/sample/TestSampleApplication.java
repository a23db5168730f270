package dev.legacykafka.sample;

import dev.legacykafka.test.BrokerSpec;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import dev.legacykafka.test.KafkaVersion;
import dev.legacykafka.test.security.BrokerSecurity;
import dev.legacykafka.test.security.ListenerSecurity;
import dev.legacykafka.test.security.SaslMechanism;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the sample on an embedded real broker, for a first look without a cluster:
 * {@code ./mvnw -B -pl sample-app -am -Psample package} (add {@code -Dsample.broker.version=0.10.2.2}
 * for the legacy path, {@code -Dsample.security=SASL_SSL} (or {@code SSL}, {@code SASL_PLAINTEXT}) for a
 * broker that wants TLS and SCRAM, PLAIN on 0.10). With {@code legacykafka.bootstrap-servers} or
 * {@code LEGACYKAFKA_BOOTSTRAP_SERVERS} set, no broker is started and the sample uses that cluster.
 */
public final class TestSampleApplication {

    static final String CLIENT_ID = "legacy-kafka-sample";
    /** The SASL user of a secured embedded broker. */
    static final String SASL_USER = "sample-app";
    /** Its password: a sample's, printed nowhere (the starter masks it in every actuator endpoint). */
    static final String SASL_PASSWORD = "sample-app-secret";

    private TestSampleApplication() {
    }

    public static void main(String[] args) {
        if (System.getProperty("legacykafka.bootstrap-servers") == null
                && System.getenv("LEGACYKAFKA_BOOTSTRAP_SERVERS") == null) {
            String version = System.getProperty("sample.broker.version", "4.4.0");
            String security = System.getProperty("sample.security", "PLAINTEXT");
            ListenerSecurity listener = ListenerSecurity.parse(security);
            KafkaBroker broker = startEmbeddedBroker(version, listener);
            connectionProperties(broker, listener).forEach(System::setProperty);
            System.out.println("Embedded Kafka " + version + " (" + listener + ") at " + broker.bootstrapServers(listener)
                    + "; open http://localhost:8080/ for the live meters");
            prepareSampleTraffic();
            runClosingBeforeTheBroker(args);
            return;
        }
        SpringApplication.run(SampleApplication.class, args);
    }

    /**
     * Runs the sample so that at exit (Ctrl-C, SIGTERM) it closes before the embedded broker is
     * stopped: its own shutdown hook would race the fixture's, which kills the broker, and the
     * producer would then wait out its close timeout for acknowledgements that cannot come.
     */
    static ConfigurableApplicationContext runClosingBeforeTheBroker(String... args) {
        SpringApplication application = new SpringApplication(SampleApplication.class);
        application.setRegisterShutdownHook(false);
        // Spring Boot's hook would otherwise still run to stop logging, racing the close's last log lines.
        application.setDefaultProperties(Map.of("logging.register-shutdown-hook", "false"));
        ConfigurableApplicationContext context = application.run(args);
        KafkaBrokers.closeAtExitBeforeBrokers(context);
        return context;
    }

    /** Starts a PLAINTEXT broker with the sample's topics and quota and points the sample at it. */
    static KafkaBroker startEmbeddedBroker(String version) {
        KafkaBroker broker = startEmbeddedBroker(version, ListenerSecurity.PLAINTEXT);
        System.setProperty("legacykafka.bootstrap-servers", broker.bootstrapServers());
        prepareSampleTraffic();
        return broker;
    }

    /**
     * Starts a broker whose sample listener speaks {@code listener} (SCRAM-SHA-512 for SASL, PLAIN
     * before 2.0), with the sample's topics and quota.
     */
    static KafkaBroker startEmbeddedBroker(String version, ListenerSecurity listener) {
        BrokerSpec spec = BrokerSpec.of(version);
        boolean scram = KafkaVersion.parse(version).atLeast("2.0");
        SaslMechanism mechanism = scram ? SaslMechanism.SCRAM_SHA_512 : SaslMechanism.PLAIN;
        if (listener != ListenerSecurity.PLAINTEXT) {
            BrokerSecurity security = BrokerSecurity.of(listener);
            if (listener.usesSasl()) {
                security = security.withSaslMechanisms(mechanism);
                if (!scram) {
                    security = security.withPlainUser(SASL_USER, SASL_PASSWORD);
                }
            }
            spec = spec.withSecurity(security);
        }
        KafkaBroker broker = KafkaBrokers.shared(spec);
        if (listener.usesSasl() && scram) {
            broker.createScramUser(mechanism, SASL_USER, SASL_PASSWORD);
        }
        prepareTopicsAndQuota(broker);
        return broker;
    }

    /**
     * The {@code legacykafka.*} properties that reach a broker's {@code listener}: bootstrap
     * servers, protocol, the CA as trusted certificates, SASL credentials.
     */
    static Map<String, String> connectionProperties(KafkaBroker broker, ListenerSecurity listener) {
        SaslMechanism mechanism = broker.security().saslMechanisms().contains(SaslMechanism.SCRAM_SHA_512)
                ? SaslMechanism.SCRAM_SHA_512 : SaslMechanism.PLAIN;
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("legacykafka.bootstrap-servers", broker.bootstrapServers(listener));
        properties.put("legacykafka.security.protocol", listener.name());
        if (listener.usesTls()) {
            properties.put("legacykafka.security.ssl.trust-certificates",
                    broker.certificates().ca().certificatePem().toUri().toString());
        }
        if (listener.usesSasl()) {
            properties.put("legacykafka.security.sasl.mechanism", mechanism.mechanismName());
            properties.put("legacykafka.security.sasl.username", SASL_USER);
            properties.put("legacykafka.security.sasl.password", SASL_PASSWORD);
        }
        return properties;
    }

    /** Topics and a small quota, so throttle time and record errors show on the dashboard. */
    private static void prepareTopicsAndQuota(KafkaBroker broker) {
        broker.createTopic("sample-events", 3, Map.of());
        KafkaVersion kafka = broker.version();
        if (kafka.atLeast("2.4")) {
            // Keyless records to a compacted topic come back as record_errors from Produce v8 on.
            broker.createTopic("sample-compacted", 1, Map.of("cleanup.policy", "compact"));
            System.setProperty("sample.compacted-topic", "sample-compacted");
        }
        if (kafka.supportsClientQuotas()) {
            // Below the traffic generator's ~50 KB/s, so the broker throttles and the throttle meter moves.
            broker.setClientQuota(CLIENT_ID, 16 * 1024);
        }
    }

    private static void prepareSampleTraffic() {
        System.setProperty("sample.traffic-enabled", "true");
    }
}
