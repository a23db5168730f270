package dev.legacykafka.spring.autoconfigure;

import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.errors.ConfigException;
import dev.legacykafka.spring.autoconfigure.LegacyKafkaProperties.Producer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Builds the client's {@link ProducerConfig} from {@code legacykafka.*} properties and the
 * connection details, and turns every rejected value into an exception that names the
 * {@code legacykafka.*} property rather than the client's setting.
 */
final class ProducerConfigFactory {

    private final LegacyKafkaProperties properties;

    private final LegacyKafkaConnectionDetails connectionDetails;

    /** The value of each client setting as the user wrote it, for error messages; secrets masked. */
    private final Map<String, String> shownValues = new HashMap<>();

    ProducerConfigFactory(LegacyKafkaProperties properties, LegacyKafkaConnectionDetails connectionDetails) {
        this.properties = properties;
        this.connectionDetails = connectionDetails;
    }

    /**
     * Validates and builds the config of the non-transactional producer (the producer bean): the
     * transactional id of {@code legacykafka.transactional-id} or the prefix goes only to the
     * pool's producers, see {@link #create(List, String, String)}.
     *
     * @throws InvalidLegacyKafkaPropertyException naming the first invalid property
     */
    ProducerConfig create(List<LegacyKafkaProducerConfigCustomizer> customizers) {
        return create(customizers, null, null);
    }

    /**
     * Validates and builds the config of a pooled transactional producer: the properties' config
     * with the given transactional id and client id.
     *
     * @throws InvalidLegacyKafkaPropertyException naming the first invalid property
     */
    ProducerConfig create(List<LegacyKafkaProducerConfigCustomizer> customizers, @Nullable String transactionalId,
                          @Nullable String clientId) {
        ProducerConfig.Builder builder = ProducerConfig.builder();
        try {
            apply(builder);
            customizers.forEach(customizer -> customizer.customize(builder));
            if (transactionalId != null) {
                shownValues.put("transactional-id", transactionalId);
                builder.transactionalId(transactionalId);
                millis("transaction-timeout", properties.getProducer().getTransactionTimeout(),
                        ms -> builder.transactionTimeoutMs(toInt("transaction-timeout", ms, "ms")));
            }
            if (clientId != null) {
                builder.clientId(clientId);
            }
            return builder.build();
        } catch (ConfigException ex) {
            String property = ClientSettingNames.propertyFor(ex.setting());
            // Secrets are never in shownValues: a password shows as ****** or not at all.
            String value = shownValues.getOrDefault(ex.setting(), "?");
            throw new InvalidLegacyKafkaPropertyException(property, value, allowedPart(ex), ex);
        }
    }

    private void apply(ProducerConfig.Builder builder) {
        if (StringUtils.hasLength(properties.getTransactionalId()) && StringUtils.hasLength(properties.getTransactionIdPrefix())) {
            throw new InvalidLegacyKafkaPropertyException("legacykafka.transactional-id", properties.getTransactionalId(),
                    "not together with legacykafka.transaction-id-prefix (" + properties.getTransactionIdPrefix()
                            + "): set one of the two (the prefix for a pool of transactional producers)");
        }
        if (properties.getTransaction().getMaxProducers() < 1) {
            throw new InvalidLegacyKafkaPropertyException("legacykafka.transaction.max-producers",
                    Integer.toString(properties.getTransaction().getMaxProducers()), "must be at least 1");
        }
        List<String> servers = connectionDetails.getBootstrapServers();
        shownValues.put("bootstrap-servers", String.join(",", servers));
        builder.bootstrapServers(servers);
        if (StringUtils.hasText(properties.getClientId())) {
            shownValues.put("client-id", properties.getClientId());
            builder.clientId(properties.getClientId());
        }
        shownValues.put("api-version", properties.getApiVersion());
        builder.apiVersion(properties.getApiVersion());
        shownValues.put("broker-version-fallback", properties.getBrokerVersionFallback());
        builder.brokerVersionFallback(properties.getBrokerVersionFallback());
        millis("metadata-max-age", properties.getMetadataMaxAge(), builder::metadataMaxAgeMs);

        Producer producer = properties.getProducer();
        shownValues.put("acks", producer.getAcks());
        builder.acks(producer.getAcks());
        millis("linger", producer.getLinger(), builder::lingerMs);
        bytes("batch-size", producer.getBatchSize(), size -> builder.batchSize(toInt("batch-size", size, "B")));
        bytes("buffer-memory", producer.getBufferMemory(), builder::bufferMemory);
        millis("max-block", producer.getMaxBlock(), builder::maxBlockMs);
        millis("request-timeout", producer.getRequestTimeout(),
                ms -> builder.requestTimeoutMs(toInt("request-timeout", ms, "ms")));
        millis("delivery-timeout", producer.getDeliveryTimeout(), builder::deliveryTimeoutMs);
        shownValues.put("retries", Integer.toString(producer.getRetries()));
        builder.retries(producer.getRetries());
        millis("retry-backoff", producer.getRetryBackoff(), builder::retryBackoffMs);
        millis("retry-backoff-max", producer.getRetryBackoffMax(), builder::retryBackoffMaxMs);
        shownValues.put("max-in-flight", Integer.toString(producer.getMaxInFlight()));
        builder.maxInFlightRequestsPerConnection(producer.getMaxInFlight());
        bytes("max-request-size", producer.getMaxRequestSize(),
                size -> builder.maxRequestSize(toInt("max-request-size", size, "B")));
        shownValues.put("compression", String.valueOf(producer.getCompression()).toLowerCase(java.util.Locale.ROOT));
        builder.compression(required("compression", producer.getCompression()));
        builder.partitioner(required("partitioner", producer.getPartitioner()));
        millis("connect-timeout", producer.getConnectTimeout(), builder::connectTimeoutMs);
        if (producer.getIdempotence() != null) {
            shownValues.put("idempotence", producer.getIdempotence().toString());
            builder.idempotence(producer.getIdempotence());
        }
        // No transactional id here, not even legacykafka.transactional-id: only the pool's producers
        // carry one (create with a transactionalId), since two producers with one id fence each other.
        new SecuritySettingsFactory(properties.getSecurity(), connectionDetails, shownValues).apply(builder);
    }

    private void millis(String setting, Duration value, LongConsumer target) {
        required(setting, value);
        shownValues.put(setting, value.toMillis() + "ms");
        target.accept(value.toMillis());
    }

    private void bytes(String setting, DataSize value, LongConsumer target) {
        required(setting, value);
        shownValues.put(setting, value.toBytes() + "B");
        target.accept(value.toBytes());
    }

    private static <T> T required(String setting, T value) {
        if (value == null) {
            throw new InvalidLegacyKafkaPropertyException(ClientSettingNames.propertyFor(setting), "", "a value is required");
        }
        return value;
    }

    private static int toInt(String setting, long value, String unit) {
        if (value > Integer.MAX_VALUE) {
            throw new InvalidLegacyKafkaPropertyException(ClientSettingNames.propertyFor(setting), value + unit,
                    "must be at most " + Integer.MAX_VALUE + unit);
        }
        // Negative values pass through so that the client names its own lower bound.
        return (int) Math.max(value, Integer.MIN_VALUE);
    }

    /** The "what is allowed" part of the client's message: {@code Invalid value X for setting 's': allowed}. */
    private static String allowedPart(ConfigException ex) {
        String message = ex.getMessage();
        String marker = "for setting '" + ex.setting() + "': ";
        int at = message == null ? -1 : message.indexOf(marker);
        return at < 0 ? String.valueOf(message) : message.substring(at + marker.length());
    }
}
