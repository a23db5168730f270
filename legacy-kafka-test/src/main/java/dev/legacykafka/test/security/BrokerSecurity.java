package dev.legacykafka.test.security;

import dev.legacykafka.test.KafkaVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The secured listeners a broker opens besides its PLAINTEXT one, and how they authenticate. A
 * value: it is part of {@link dev.legacykafka.test.BrokerSpec}, so secured and plain specs never
 * share a broker.
 *
 * <pre>{@code
 * BrokerSecurity security = BrokerSecurity.of(ListenerSecurity.SSL, ListenerSecurity.SASL_SSL)
 *         .withSaslMechanisms(SaslMechanism.PLAIN, SaslMechanism.SCRAM_SHA_256)
 *         .withPlainUser("alice", "alice-secret")
 *         .withClientAuthRequired(true);
 * KafkaBroker broker = KafkaBrokers.shared(BrokerSpec.of("2.8.2").withSecurity(security));
 * broker.createScramUser(SaslMechanism.SCRAM_SHA_256, "bob", "bob-secret");
 * String bootstrap = broker.bootstrapServers(ListenerSecurity.SASL_SSL);
 * }</pre>
 *
 * <p>The PLAINTEXT listener on {@code port()} always stays: brokers talk to themselves (controller,
 * inter-broker) and the fixture's tools and probes talk to them over it.
 *
 * @param listeners the extra listeners, each on a port of its own on 127.0.0.1; never PLAINTEXT
 * @param saslMechanisms mechanisms the SASL listeners accept
 * @param plainUsers users and passwords the PLAIN mechanism accepts (written to the broker's JAAS file)
 * @param clientAuthRequired whether the SSL listener demands a client certificate signed by
 *     {@link TestCertificates#ca()} ({@code ssl.client.auth=required}); SASL_SSL listeners
 *     authenticate with SASL instead and do not ask for one
 * @param brokerCertificate the certificate the TLS listeners present
 */
public record BrokerSecurity(Set<ListenerSecurity> listeners, Set<SaslMechanism> saslMechanisms,
        Map<String, String> plainUsers, boolean clientAuthRequired, BrokerCertificate brokerCertificate) {

    /** No listener but PLAINTEXT: the default of every spec. */
    public static final BrokerSecurity NONE = new BrokerSecurity(Set.of(), Set.of(), Map.of(), false,
            BrokerCertificate.TRUSTED);

    // The name becomes a JAAS option key (user_<name>), which takes no quoting.
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** Validates and freezes the components; sets keep their enum order, users are sorted. */
    public BrokerSecurity {
        listeners = frozen(Objects.requireNonNull(listeners, "listeners"), ListenerSecurity.class);
        if (listeners.contains(ListenerSecurity.PLAINTEXT)) {
            throw new IllegalArgumentException("PLAINTEXT is always open on port(); list only SSL, SASL_PLAINTEXT"
                    + " or SASL_SSL");
        }
        saslMechanisms = frozen(Objects.requireNonNull(saslMechanisms, "saslMechanisms"), SaslMechanism.class);
        Map<String, String> users = new TreeMap<>();
        Objects.requireNonNull(plainUsers, "plainUsers").forEach((user, password) -> {
            if (user == null || !USER_NAME.matcher(user).matches()) {
                throw new IllegalArgumentException("PLAIN user names may hold letters, digits, '.', '_' and '-' only: '"
                        + user + "'");
            }
            users.put(user, Objects.requireNonNull(password, "password of " + user));
        });
        plainUsers = Collections.unmodifiableMap(users);
        Objects.requireNonNull(brokerCertificate, "brokerCertificate");
    }

    /**
     * Security with the given extra listeners, no SASL mechanism yet, no client certificates, and the
     * trusted broker certificate.
     */
    public static BrokerSecurity of(ListenerSecurity... listeners) {
        return new BrokerSecurity(Set.copyOf(Arrays.asList(listeners)), Set.of(), Map.of(), false,
                BrokerCertificate.TRUSTED);
    }

    /** This security with the given SASL mechanisms instead of the current ones. */
    public BrokerSecurity withSaslMechanisms(SaslMechanism... mechanisms) {
        return new BrokerSecurity(listeners, Set.copyOf(Arrays.asList(mechanisms)), plainUsers, clientAuthRequired,
                brokerCertificate);
    }

    /** This security with one more PLAIN user (replacing an earlier password of the same user). */
    public BrokerSecurity withPlainUser(String user, String password) {
        Map<String, String> users = new TreeMap<>(plainUsers);
        users.put(user, password);
        return new BrokerSecurity(listeners, saslMechanisms, users, clientAuthRequired, brokerCertificate);
    }

    /** This security with client certificates required on the SSL listener, or not. */
    public BrokerSecurity withClientAuthRequired(boolean required) {
        return new BrokerSecurity(listeners, saslMechanisms, plainUsers, required, brokerCertificate);
    }

    /** This security with the TLS listeners presenting another certificate. */
    public BrokerSecurity withBrokerCertificate(BrokerCertificate certificate) {
        return new BrokerSecurity(listeners, saslMechanisms, plainUsers, clientAuthRequired, certificate);
    }

    /** True if any extra listener is configured. */
    public boolean isEnabled() {
        return !listeners.isEmpty();
    }

    /** True if an SSL or SASL_SSL listener is configured, so the broker needs its certificates. */
    public boolean usesTls() {
        return listeners.stream().anyMatch(ListenerSecurity::usesTls);
    }

    /** True if a SASL_PLAINTEXT or SASL_SSL listener is configured, so the broker needs a JAAS file. */
    public boolean usesSasl() {
        return listeners.stream().anyMatch(ListenerSecurity::usesSasl);
    }

    /**
     * Checks that the settings fit together and that the release supports them;
     * {@code BrokerSpec.withSecurity} calls it.
     *
     * @throws IllegalArgumentException naming what is missing or unsupported
     */
    public void checkSupportedBy(KafkaVersion version) {
        List<String> problems = new ArrayList<>();
        if (usesSasl() && saslMechanisms.isEmpty()) {
            problems.add("SASL listeners need at least one mechanism: withSaslMechanisms(...)");
        }
        if (!usesSasl() && !saslMechanisms.isEmpty()) {
            problems.add("SASL mechanisms " + saslMechanisms + " need a SASL_PLAINTEXT or SASL_SSL listener");
        }
        if (!plainUsers.isEmpty() && !saslMechanisms.contains(SaslMechanism.PLAIN)) {
            problems.add("PLAIN users need the PLAIN mechanism");
        }
        if (clientAuthRequired && !listeners.contains(ListenerSecurity.SSL)) {
            problems.add("client certificates are required on the SSL listener, which is not configured");
        }
        if (brokerCertificate != BrokerCertificate.TRUSTED && !usesTls()) {
            problems.add("broker certificate " + brokerCertificate + " needs an SSL or SASL_SSL listener");
        }
        if (isEnabled() && !version.supportsSecureListeners()) {
            problems.add("Kafka " + version + " is too old: this fixture secures brokers from 0.10.0 on");
        }
        if (saslMechanisms.stream().anyMatch(SaslMechanism::isScram) && !version.supportsScram()) {
            problems.add("Kafka " + version + " has no SCRAM; it came with 0.10.2");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Broker security " + this + " for Kafka " + version + ": "
                    + String.join("; ", problems));
        }
    }

    @Override
    public String toString() {
        if (!isEnabled()) {
            return "PLAINTEXT only";
        }
        StringBuilder text = new StringBuilder(listeners.toString());
        if (!saslMechanisms.isEmpty()) {
            text.append(" sasl=").append(saslMechanisms);
        }
        if (!plainUsers.isEmpty()) {
            text.append(" plainUsers=").append(plainUsers.keySet());
        }
        if (clientAuthRequired) {
            text.append(" clientAuth=required");
        }
        if (brokerCertificate != BrokerCertificate.TRUSTED) {
            text.append(" certificate=").append(brokerCertificate);
        }
        return text.toString();
    }

    private static <E extends Enum<E>> Set<E> frozen(Collection<E> values, Class<E> type) {
        EnumSet<E> set = EnumSet.noneOf(type);
        for (E value : values) {
            set.add(Objects.requireNonNull(value, type.getSimpleName()));
        }
        return Collections.unmodifiableSet(set);
    }
}
