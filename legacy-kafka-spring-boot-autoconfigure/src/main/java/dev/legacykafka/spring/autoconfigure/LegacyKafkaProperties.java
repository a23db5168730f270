package dev.legacykafka.spring.autoconfigure;

import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.PartitionerType;
import dev.legacykafka.client.security.SecurityProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the legacy-kafka producer, under {@code legacykafka}.
 *
 * <p>Producer defaults are those of the client's {@code ProducerConfig.builder()}; values are
 * validated when the producer is built, and an invalid one stops startup with a failure analysis
 * naming the property.
 */
@ConfigurationProperties("legacykafka")
public class LegacyKafkaProperties {

    /**
     * Comma-separated list of host:port pairs of the brokers to bootstrap from. A service
     * connection (for example a Testcontainers Kafka container) takes precedence.
     */
    private List<String> bootstrapServers = new ArrayList<>(List.of("localhost:9092"));

    /**
     * Client id sent with every request; brokers use it for quotas and logs, and it tags every
     * legacykafka.producer meter. Generated when not set.
     */
    private @Nullable String clientId;

    /**
     * ProduceRequest version: "auto" for the highest version both the client and each broker
     * support, or 0 to 13 to pin one. Versions 0 to 2 carry the legacy MessageSet format (no
     * headers, idempotence or transactions); 3 and later carry RecordBatch and need brokers 0.11+.
     */
    private String apiVersion = "auto";

    /**
     * Transactional id: one transactional producer with this id makes the template transactional
     * (LegacyKafkaTemplate.executeInTransaction); the producer bean stays non-transactional. Needs
     * brokers 0.11+ and Produce v3+ (api-version auto or 3..13); a newer producer with the same id
     * fences an older one. A pool of one producer: transactions run one after another. Not together
     * with transaction-id-prefix.
     */
    private @Nullable String transactionalId;

    /**
     * Prefix of the transactional ids of a pool of transactional producers (ids prefix0, prefix1,
     * ... up to transaction.max-producers), so that transactions of several threads run at once.
     * Ids are reused, so a restarted instance fences its own older producers. Needs brokers 0.11+.
     * Not together with transactional-id.
     */
    private @Nullable String transactionIdPrefix;

    private final Transaction transaction = new Transaction();

    /**
     * Version assumed for brokers that do not answer ApiVersions: 0.8.x (Produce v0) or 0.9.x
     * (Produce v1). Brokers 0.10 and later answer ApiVersions and ignore this.
     */
    private String brokerVersionFallback = "0.8.2";

    /**
     * Maximum age of cluster metadata before it is refreshed even without a leadership change.
     */
    private Duration metadataMaxAge = Duration.ofMinutes(5);

    private final Producer producer = new Producer();

    private final Security security = new Security();

    private final Template template = new Template();

    private final Metrics metrics = new Metrics();

    private final Startup startup = new Startup();

    private final Health health = new Health();

    public List<String> getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(List<String> bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public @Nullable String getClientId() {
        return clientId;
    }

    public void setClientId(@Nullable String clientId) {
        this.clientId = clientId;
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public @Nullable String getTransactionalId() {
        return transactionalId;
    }

    public void setTransactionalId(@Nullable String transactionalId) {
        this.transactionalId = transactionalId;
    }

    public @Nullable String getTransactionIdPrefix() {
        return transactionIdPrefix;
    }

    public void setTransactionIdPrefix(@Nullable String transactionIdPrefix) {
        this.transactionIdPrefix = transactionIdPrefix;
    }

    public Transaction getTransaction() {
        return transaction;
    }

    /** Pool of transactional producers. */
    public static class Transaction {

        /**
         * Most transactional producers of the pool, busy and idle together (with
         * transaction-id-prefix): a transaction that finds them all busy waits up to
         * producer.max-block.
         */
        private int maxProducers = 5;

        public int getMaxProducers() {
            return maxProducers;
        }

        public void setMaxProducers(int maxProducers) {
            this.maxProducers = maxProducers;
        }
    }

    public String getBrokerVersionFallback() {
        return brokerVersionFallback;
    }

    public void setBrokerVersionFallback(String brokerVersionFallback) {
        this.brokerVersionFallback = brokerVersionFallback;
    }

    public Duration getMetadataMaxAge() {
        return metadataMaxAge;
    }

    public void setMetadataMaxAge(Duration metadataMaxAge) {
        this.metadataMaxAge = metadataMaxAge;
    }

    public Producer getProducer() {
        return producer;
    }

    public Security getSecurity() {
        return security;
    }

    public Template getTemplate() {
        return template;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    public Startup getStartup() {
        return startup;
    }

    public Health getHealth() {
        return health;
    }

    /** How records become bytes: the built-in serializers of key and value. */
    public enum SerializerType {

        /** UTF-8 bytes of a String. */
        STRING,

        /** byte[] as is. */
        BYTE_ARRAY,

        /** JSON through the application's Jackson 3 JsonMapper, or a default one when it has none. */
        JSON
    }

    /** Producer settings: batching, acknowledgements, timeouts and retries. */
    public static class Producer {

        /**
         * Acknowledgements the partition leader waits for: "all" (or -1) for every in-sync
         * replica, 1 for the leader alone, 0 for none (no response, no offset).
         */
        private String acks = "all";

        /**
         * Whether the producer is idempotent (no duplicates on retries, up to max-in-flight batches per
         * partition in order). Unset: on where acks=all allows it and the broker supports it (0.11+,
         * Produce v3+), off with an INFO line where not; with acks=1 sequence numbers still keep
         * pipelined batches in order. true: required (needs acks=all); false: off, and one batch in
         * flight per partition.
         */
        private @Nullable Boolean idempotence;

        /** How long the transaction coordinator lets a transaction stay open before aborting it. */
        private Duration transactionTimeout = Duration.ofMinutes(1);

        /** Time to wait for more records to fill a batch before sending it. */
        private Duration linger = Duration.ofMillis(5);

        /** Maximum size of one partition's batch. */
        private DataSize batchSize = DataSize.ofKilobytes(16);

        /** Memory for records waiting to be sent; a send blocks when it is full. */
        private DataSize bufferMemory = DataSize.ofMegabytes(32);

        /** Maximum time a send may block waiting for metadata or buffer memory. */
        private Duration maxBlock = Duration.ofSeconds(60);

        /** Compression codec of record batches; snappy, lz4 and zstd need their libraries. */
        private CompressionType compression = CompressionType.NONE;

        /** Number of times a batch is sent again after a retriable error. */
        private int retries = Integer.MAX_VALUE;

        /** Time to wait before the first retry of a failed batch. */
        private Duration retryBackoff = Duration.ofMillis(100);

        /** Maximum time between retries as the back-off grows. */
        private Duration retryBackoffMax = Duration.ofSeconds(1);

        /** Time the broker may take to acknowledge a Produce request before it is retried. */
        private Duration requestTimeout = Duration.ofSeconds(30);

        /** Upper bound on the time between a send and its outcome, retries included. */
        private Duration deliveryTimeout = Duration.ofSeconds(120);

        /** Maximum number of unacknowledged Produce requests per broker connection. */
        private int maxInFlight = 5;

        /** Maximum size of one Produce request, and so of one record. */
        private DataSize maxRequestSize = DataSize.ofMegabytes(1);

        /**
         * How records without an explicit partition get one: "default" (murmur2 of the key, as
         * kafka-clients), "crc32" (as lua-resty-kafka) or "round-robin".
         */
        private PartitionerType partitioner = PartitionerType.DEFAULT;

        /** Maximum time to open a TCP connection to a broker. */
        private Duration connectTimeout = Duration.ofSeconds(10);

        /**
         * Maximum time the application's shutdown waits for buffered records to be sent; records
         * still without an outcome then fail with ProducerClosedException.
         */
        private Duration closeTimeout = Duration.ofSeconds(10);

        /** Serializer of record keys. */
        private SerializerType keySerializer = SerializerType.STRING;

        /** Serializer of record values. */
        private SerializerType valueSerializer = SerializerType.STRING;

        public String getAcks() {
            return acks;
        }

        public void setAcks(String acks) {
            this.acks = acks;
        }

        public @Nullable Boolean getIdempotence() {
            return idempotence;
        }

        public void setIdempotence(@Nullable Boolean idempotence) {
            this.idempotence = idempotence;
        }

        public Duration getTransactionTimeout() {
            return transactionTimeout;
        }

        public void setTransactionTimeout(Duration transactionTimeout) {
            this.transactionTimeout = transactionTimeout;
        }

        public Duration getLinger() {
            return linger;
        }

        public void setLinger(Duration linger) {
            this.linger = linger;
        }

        public DataSize getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(DataSize batchSize) {
            this.batchSize = batchSize;
        }

        public DataSize getBufferMemory() {
            return bufferMemory;
        }

        public void setBufferMemory(DataSize bufferMemory) {
            this.bufferMemory = bufferMemory;
        }

        public Duration getMaxBlock() {
            return maxBlock;
        }

        public void setMaxBlock(Duration maxBlock) {
            this.maxBlock = maxBlock;
        }

        public CompressionType getCompression() {
            return compression;
        }

        public void setCompression(CompressionType compression) {
            this.compression = compression;
        }

        public int getRetries() {
            return retries;
        }

        public void setRetries(int retries) {
            this.retries = retries;
        }

        public Duration getRetryBackoff() {
            return retryBackoff;
        }

        public void setRetryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
        }

        public Duration getRetryBackoffMax() {
            return retryBackoffMax;
        }

        public void setRetryBackoffMax(Duration retryBackoffMax) {
            this.retryBackoffMax = retryBackoffMax;
        }

        public Duration getRequestTimeout() {
            return requestTimeout;
        }

        public void setRequestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
        }

        public Duration getDeliveryTimeout() {
            return deliveryTimeout;
        }

        public void setDeliveryTimeout(Duration deliveryTimeout) {
            this.deliveryTimeout = deliveryTimeout;
        }

        public int getMaxInFlight() {
            return maxInFlight;
        }

        public void setMaxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
        }

        public DataSize getMaxRequestSize() {
            return maxRequestSize;
        }

        public void setMaxRequestSize(DataSize maxRequestSize) {
            this.maxRequestSize = maxRequestSize;
        }

        public PartitionerType getPartitioner() {
            return partitioner;
        }

        public void setPartitioner(PartitionerType partitioner) {
            this.partitioner = partitioner;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getCloseTimeout() {
            return closeTimeout;
        }

        public void setCloseTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
        }

        public SerializerType getKeySerializer() {
            return keySerializer;
        }

        public void setKeySerializer(SerializerType keySerializer) {
            this.keySerializer = keySerializer;
        }

        public SerializerType getValueSerializer() {
            return valueSerializer;
        }

        public void setValueSerializer(SerializerType valueSerializer) {
            this.valueSerializer = valueSerializer;
        }
    }

    /**
     * Connection security: the protocol of the brokers' listener, its TLS settings and SASL
     * credentials. Every ssl.* setting needs protocol SSL or SASL_SSL, every sasl.* setting
     * SASL_PLAINTEXT or SASL_SSL: a setting the protocol would ignore stops startup.
     */
    public static class Security {

        /**
         * Protocol of the brokers' listener: PLAINTEXT, SSL (TLS), SASL_PLAINTEXT (SASL
         * authentication without TLS) or SASL_SSL (SASL authentication over TLS). A service
         * connection supplies its own.
         */
        private SecurityProtocol protocol = SecurityProtocol.PLAINTEXT;

        private final Ssl ssl = new Ssl();

        private final Sasl sasl = new Sasl();

        public SecurityProtocol getProtocol() {
            return protocol;
        }

        public void setProtocol(SecurityProtocol protocol) {
            this.protocol = protocol;
        }

        public Ssl getSsl() {
            return ssl;
        }

        public Sasl getSasl() {
            return sasl;
        }

        @Override
        public String toString() {
            return "Security[protocol=" + protocol + ", ssl=" + ssl + ", sasl=" + sasl + "]";
        }
    }

    /**
     * TLS settings, used with protocol SSL or SASL_SSL. Trust and key material comes either from a
     * Spring Boot SSL bundle or from the file settings, not both. Without any, the JDK's default
     * trust store is used and no client certificate is presented.
     */
    public static class Ssl {

        /**
         * Name of the Spring Boot SSL bundle (spring.ssl.bundle.jks.* or spring.ssl.bundle.pem.*)
         * holding the trust and key material; its enabled protocols and ciphers apply too. Cannot
         * be combined with the store, certificate and key file settings.
         */
        private @Nullable String bundle;

        /**
         * Trust store (JKS or PKCS12) with the certificates of the CAs that signed the brokers'
         * certificates. Must be a file on the file system; use an SSL bundle for a store inside
         * the application's jar.
         */
        private @Nullable Resource trustStoreLocation;

        /** Type of the trust store: PKCS12 or JKS. Unset: the JDK's default type (PKCS12). */
        private @Nullable String trustStoreType;

        /** Password of the trust store. Never logged or shown. */
        private @Nullable String trustStorePassword;

        /**
         * PEM file with the certificates of the CAs that signed the brokers' certificates, instead
         * of a trust store. Must be a file on the file system.
         */
        private @Nullable Resource trustCertificates;

        /**
         * Key store (JKS or PKCS12) with the client certificate and its private key, for brokers
         * that require TLS client authentication (ssl.client.auth=required). Must be a file on
         * the file system.
         */
        private @Nullable Resource keyStoreLocation;

        /** Type of the key store: PKCS12 or JKS. Unset: the JDK's default type (PKCS12). */
        private @Nullable String keyStoreType;

        /** Password of the key store. Never logged or shown. */
        private @Nullable String keyStorePassword;

        /**
         * Password of the private key in the key store, when it differs from the store's password.
         * Never logged or shown.
         */
        private @Nullable String keyPassword;

        /**
         * PEM file with the client certificate chain, instead of a key store; needs private-key.
         * Must be a file on the file system.
         */
        private @Nullable Resource certificate;

        /**
         * PEM file with the PKCS#8 private key of the client certificate ("BEGIN PRIVATE KEY", or
         * "BEGIN ENCRYPTED PRIVATE KEY" with private-key-password); needs certificate.
         */
        private @Nullable Resource privateKey;

        /** Password of an encrypted private-key PEM file. Never logged or shown. */
        private @Nullable String privateKeyPassword;

        /**
         * Whether the brokers' certificates must name the host the producer connects to. Turning
         * it off allows man-in-the-middle attacks; it is logged at WARN.
         */
        private boolean hostnameVerification = true;

        /**
         * Comma-separated list of TLS protocol versions to enable, for example TLSv1.3,TLSv1.2.
         * Unset: the JDK's defaults, or the SSL bundle's enabled protocols.
         */
        private List<String> protocols = new ArrayList<>();

        /**
         * Comma-separated list of cipher suites to enable. Unset: the JDK's defaults, or the SSL
         * bundle's ciphers.
         */
        private List<String> cipherSuites = new ArrayList<>();

        public @Nullable String getBundle() {
            return bundle;
        }

        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle;
        }

        public @Nullable Resource getTrustStoreLocation() {
            return trustStoreLocation;
        }

        public void setTrustStoreLocation(@Nullable Resource trustStoreLocation) {
            this.trustStoreLocation = trustStoreLocation;
        }

        public @Nullable String getTrustStoreType() {
            return trustStoreType;
        }

        public void setTrustStoreType(@Nullable String trustStoreType) {
            this.trustStoreType = trustStoreType;
        }

        public @Nullable String getTrustStorePassword() {
            return trustStorePassword;
        }

        public void setTrustStorePassword(@Nullable String trustStorePassword) {
            this.trustStorePassword = trustStorePassword;
        }

        public @Nullable Resource getTrustCertificates() {
            return trustCertificates;
        }

        public void setTrustCertificates(@Nullable Resource trustCertificates) {
            this.trustCertificates = trustCertificates;
        }

        public @Nullable Resource getKeyStoreLocation() {
            return keyStoreLocation;
        }

        public void setKeyStoreLocation(@Nullable Resource keyStoreLocation) {
            this.keyStoreLocation = keyStoreLocation;
        }

        public @Nullable String getKeyStoreType() {
            return keyStoreType;
        }

        public void setKeyStoreType(@Nullable String keyStoreType) {
            this.keyStoreType = keyStoreType;
        }

        public @Nullable String getKeyStorePassword() {
            return keyStorePassword;
        }

        public void setKeyStorePassword(@Nullable String keyStorePassword) {
            this.keyStorePassword = keyStorePassword;
        }

        public @Nullable String getKeyPassword() {
            return keyPassword;
        }

        public void setKeyPassword(@Nullable String keyPassword) {
            this.keyPassword = keyPassword;
        }

        public @Nullable Resource getCertificate() {
            return certificate;
        }

        public void setCertificate(@Nullable Resource certificate) {
            this.certificate = certificate;
        }

        public @Nullable Resource getPrivateKey() {
            return privateKey;
        }

        public void setPrivateKey(@Nullable Resource privateKey) {
            this.privateKey = privateKey;
        }

        public @Nullable String getPrivateKeyPassword() {
            return privateKeyPassword;
        }

        public void setPrivateKeyPassword(@Nullable String privateKeyPassword) {
            this.privateKeyPassword = privateKeyPassword;
        }

        public boolean isHostnameVerification() {
            return hostnameVerification;
        }

        public void setHostnameVerification(boolean hostnameVerification) {
            this.hostnameVerification = hostnameVerification;
        }

        public List<String> getProtocols() {
            return protocols;
        }

        public void setProtocols(List<String> protocols) {
            this.protocols = protocols;
        }

        public List<String> getCipherSuites() {
            return cipherSuites;
        }

        public void setCipherSuites(List<String> cipherSuites) {
            this.cipherSuites = cipherSuites;
        }

        @Override
        public String toString() {
            // Passwords are secrets: only say whether one is set.
            return "Ssl[bundle=" + bundle + ", trustStoreLocation=" + trustStoreLocation + ", trustStoreType="
                    + trustStoreType + ", trustStorePassword=" + mask(trustStorePassword) + ", trustCertificates="
                    + trustCertificates + ", keyStoreLocation=" + keyStoreLocation + ", keyStoreType=" + keyStoreType
                    + ", keyStorePassword=" + mask(keyStorePassword) + ", keyPassword=" + mask(keyPassword)
                    + ", certificate=" + certificate + ", privateKey=" + privateKey + ", privateKeyPassword="
                    + mask(privateKeyPassword) + ", hostnameVerification=" + hostnameVerification + ", protocols="
                    + protocols + ", cipherSuites=" + cipherSuites + "]";
        }
    }

    /** SASL authentication, used with protocol SASL_PLAINTEXT or SASL_SSL. */
    public static class Sasl {

        /**
         * SASL mechanism enabled on the brokers' listener: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.
         * PLAIN sends the password as it is: use it with SASL_SSL only.
         */
        private @Nullable String mechanism;

        /** SASL user name. */
        private @Nullable String username;

        /** SASL password. Never logged or shown. */
        private @Nullable String password;

        public @Nullable String getMechanism() {
            return mechanism;
        }

        public void setMechanism(@Nullable String mechanism) {
            this.mechanism = mechanism;
        }

        public @Nullable String getUsername() {
            return username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        @Override
        public String toString() {
            // The password is a secret: only say whether one is set.
            return "Sasl[mechanism=" + mechanism + ", username=" + username + ", password=" + mask(password) + "]";
        }
    }

    private static String mask(@Nullable String secret) {
        return secret == null ? "null" : "******";
    }

    /** LegacyKafkaTemplate settings. */
    public static class Template {

        /** Topic of the template's sendDefault methods. */
        private @Nullable String defaultTopic;

        /**
         * Whether a transactional template may send outside a transaction: each such send then goes
         * through the non-transactional producer bean, in no transaction. Without it such a send
         * fails with an IllegalStateException.
         */
        private boolean allowNonTransactional;

        public boolean isAllowNonTransactional() {
            return allowNonTransactional;
        }

        public void setAllowNonTransactional(boolean allowNonTransactional) {
            this.allowNonTransactional = allowNonTransactional;
        }

        public @Nullable String getDefaultTopic() {
            return defaultTopic;
        }

        public void setDefaultTopic(@Nullable String defaultTopic) {
            this.defaultTopic = defaultTopic;
        }

        /**
         * Whether to log failed sends at ERROR (topic, partition, key length and cause, never the
         * value), at most 10 a minute with a count of those left out.
         */
        private boolean logFailedSends = true;

        /**
         * Whether to wrap each send in a Micrometer Observation and, with a tracer, write the trace
         * context into record headers (Produce v3+). Replaces the plain send timer, under the same name.
         */
        private boolean observationEnabled;

        public boolean isLogFailedSends() {
            return logFailedSends;
        }

        public void setLogFailedSends(boolean logFailedSends) {
            this.logFailedSends = logFailedSends;
        }

        public boolean isObservationEnabled() {
            return observationEnabled;
        }

        public void setObservationEnabled(boolean observationEnabled) {
            this.observationEnabled = observationEnabled;
        }
    }

    /** Micrometer meters. */
    public static class Metrics {

        /** Whether to publish legacykafka.producer.* meters when a MeterRegistry is present. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** Broker diagnostics run once the application context has started. */
    public static class Startup {

        /**
         * Whether to probe the brokers at startup and log, per broker, the Produce version and
         * record format it gets.
         */
        private boolean diagnostics = true;

        /** Maximum time the startup probe may take. */
        private Duration timeout = Duration.ofSeconds(5);

        /**
         * Whether startup fails when a broker cannot be reached or cannot be used, instead of
         * logging a warning and starting anyway.
         */
        private boolean failFast = false;

        public boolean isDiagnostics() {
            return diagnostics;
        }

        public void setDiagnostics(boolean diagnostics) {
            this.diagnostics = diagnostics;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public boolean isFailFast() {
            return failFast;
        }

        public void setFailFast(boolean failFast) {
            this.failFast = failFast;
        }
    }

    /** Actuator health check, switched by management.health.legacykafka.enabled. */
    public static class Health {

        /** Maximum time one health check may spend probing the brokers. */
        private Duration timeout = Duration.ofSeconds(3);

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }
}
