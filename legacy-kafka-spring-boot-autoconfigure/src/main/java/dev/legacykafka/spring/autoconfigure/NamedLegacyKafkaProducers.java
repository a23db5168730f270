package dev.legacykafka.spring.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The named producers of {@code legacykafka.producers.<name>.*}, each bound over the top-level
 * {@code legacykafka.*} values, so that a value a producer sets wins and one it leaves out comes
 * from the top level (or the default).
 *
 * <p>Every check that involves more than one producer happens here, before any bean exists: a name
 * that cannot be a bean name or qualifier, two producers with the same transactional ids, more than
 * one producer marked {@code primary}.
 */
public final class NamedLegacyKafkaProducers {

    /** Prefix of the named producers' properties. */
    public static final String PREFIX = "legacykafka.producers";

    /** Bean name of this object, registered with the named producers' beans. */
    public static final String BEAN_NAME = "legacyKafkaNamedProducers";

    /** A Java identifier without '$': a bean name prefix and a qualifier that read well in code. */
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final Map<String, LegacyKafkaProperties> producers;

    private final @Nullable String primary;

    private NamedLegacyKafkaProducers(Map<String, LegacyKafkaProperties> producers, @Nullable String primary) {
        this.producers = Collections.unmodifiableMap(producers);
        this.primary = primary;
    }

    /** Whether the environment defines at least one named producer. */
    public static boolean configured(Environment environment) {
        return !names(Binder.get(environment)).isEmpty();
    }

    /**
     * Binds every named producer.
     *
     * @throws InvalidLegacyKafkaPropertyException for an invalid name, clashing transactional ids or
     *                                             several primary producers
     */
    public static NamedLegacyKafkaProducers bind(Environment environment) {
        Binder binder = Binder.get(environment);
        Map<String, LegacyKafkaProperties> producers = new LinkedHashMap<>();
        List<String> primaries = new ArrayList<>();
        for (String name : names(binder)) {
            String prefix = prefix(name);
            if (!VALID_NAME.matcher(name).matches()) {
                throw new InvalidLegacyKafkaPropertyException(PREFIX + "." + name, name, "a producer name must be a "
                        + "letter followed by letters, digits or '_' (it prefixes the producer's bean names and is its "
                        + "@Qualifier), for example 'legacyCluster'");
            }
            // The top level first, then this producer's own values over it.
            LegacyKafkaProperties properties = binder.bind("legacykafka", LegacyKafkaProperties.class)
                    .orElseGet(LegacyKafkaProperties::new);
            binder.bind(prefix, Bindable.ofInstance(properties));
            if (!binder.bind(prefix + ".client-id", String.class).isBound()) {
                // One client id for several producers would merge their meters and their broker quotas.
                String top = properties.getClientId();
                properties.setClientId(StringUtils.hasText(top) ? top + "-" + name : name);
            }
            producers.put(name, properties);
            if (binder.bind(prefix + ".primary", Boolean.class).orElse(false)) {
                primaries.add(name);
            }
        }
        if (primaries.size() > 1) {
            throw new InvalidLegacyKafkaPropertyException(prefix(primaries.get(1)) + ".primary", "true",
                    "only one named producer can be primary, and " + prefix(primaries.get(0)) + ".primary is true too");
        }
        checkTransactionalIds(binder, producers);
        return new NamedLegacyKafkaProducers(producers, primaries.isEmpty() ? null : primaries.get(0));
    }

    private static Set<String> names(Binder binder) {
        // Bound as a map of maps: only the keys matter here, and nothing fails on a value.
        return binder.bind(PREFIX, Bindable.mapOf(String.class, Object.class)).orElseGet(Map::of).keySet();
    }

    /** Two producers with the same transactional id fence each other, so ids must not overlap. */
    private static void checkTransactionalIds(Binder binder, Map<String, LegacyKafkaProperties> producers) {
        Map<String, String> owners = new LinkedHashMap<>(); // transactional id (or prefix + "*") to its property
        for (Map.Entry<String, LegacyKafkaProperties> entry : producers.entrySet()) {
            LegacyKafkaProperties properties = entry.getValue();
            String prefixProperty = prefix(entry.getKey()) + ".transaction-id-prefix";
            String idProperty = prefix(entry.getKey()) + ".transactional-id";
            List<String> ids = new ArrayList<>();
            String property;
            String value;
            if (StringUtils.hasLength(properties.getTransactionIdPrefix())) {
                property = prefixProperty;
                value = properties.getTransactionIdPrefix();
                for (int i = 0; i < Math.max(1, properties.getTransaction().getMaxProducers()); i++) {
                    ids.add(value + i);
                }
            } else if (StringUtils.hasLength(properties.getTransactionalId())) {
                property = idProperty;
                value = properties.getTransactionalId();
                ids.add(value);
            } else {
                continue;
            }
            for (String id : ids) {
                String other = owners.putIfAbsent(id, property);
                if (other != null) {
                    String inherited = binder.bind(property, String.class).isBound() ? ""
                            : " (inherited from " + property.replaceFirst("^" + Pattern.quote(prefix(entry.getKey())),
                                    "legacykafka") + ")";
                    throw new InvalidLegacyKafkaPropertyException(property, value + inherited, "transactional id '"
                            + id + "' is also used by " + other + ": producers with the same transactional id fence "
                            + "each other, give each named producer its own transaction-id-prefix or transactional-id");
                }
            }
        }
    }

    private static String prefix(String name) {
        return PREFIX + "." + name;
    }

    /** The producer names in the order of the configuration. */
    public Set<String> names() {
        return producers.keySet();
    }

    /** The bound properties of a named producer: its own values over the top level's. */
    public LegacyKafkaProperties properties(String name) {
        LegacyKafkaProperties properties = producers.get(name);
        if (properties == null) {
            throw new IllegalArgumentException("No named legacy-kafka producer '" + name + "'; there are " + names());
        }
        return properties;
    }

    /** The producer marked {@code primary}, if any. */
    public @Nullable String primary() {
        return primary;
    }

    /** Bean name of a named producer's {@code LegacyKafkaProducer}. */
    public static String producerBeanName(String name) {
        return name + "LegacyKafkaProducer";
    }

    /** Bean name of a named producer's {@code LegacyKafkaTemplate}. */
    public static String templateBeanName(String name) {
        return name + "LegacyKafkaTemplate";
    }

    /** Bean name of a named producer's {@code LegacyKafkaTransactionManager}, when it has transactions. */
    public static String transactionManagerBeanName(String name) {
        return name + "LegacyKafkaTransactionManager";
    }

    /** Bean name of a named producer's {@code TransactionalProducerPool}, when it has transactions. */
    public static String transactionalProducerPoolBeanName(String name) {
        return name + "LegacyKafkaTransactionalProducerPool";
    }

    /** Bean name of a named producer's startup diagnostics. */
    public static String startupDiagnosticsBeanName(String name) {
        return name + "LegacyKafkaStartupDiagnostics";
    }

    /** Bean name of what closes a named producer. */
    static String closerBeanName(String name) {
        return name + "LegacyKafkaProducerCloser";
    }
}
