package dev.legacykafka.client;

import dev.legacykafka.client.errors.ConfigException;
import dev.legacykafka.client.security.SaslSettings;
import dev.legacykafka.client.security.SecurityProtocol;
import dev.legacykafka.client.security.TlsSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Settings of a {@link LegacyKafkaProducer}, validated when built: an invalid value fails with a
 * {@link ConfigException} that names the setting, the value and what is allowed.
 *
 * <pre>{@code
 * ProducerConfig config = ProducerConfig.builder()
 *         .bootstrapServers("broker1:9092,broker2:9092")
 *         .apiVersion("auto")          // or 0..13 to pin the ProduceRequest version
 *         .acks("all")
 *         .lingerMs(5)
 *         .build();
 * }</pre>
 */
public final class ProducerConfig {

    /** The highest ProduceRequest version this client speaks. */
    public static final int MAX_PRODUCE_VERSION = 13;

    private static final AtomicInteger CLIENT_ID_SEQUENCE = new AtomicInteger();

    private final List<String> bootstrapServers;
    private final String clientId;
    private final Integer pinnedProduceVersion;
    private final String brokerVersionFallback;
    private final Acks acks;
    private final long lingerMs;
    private final int batchSize;
    private final long bufferMemory;
    private final long maxBlockMs;
    private final int requestTimeoutMs;
    private final long deliveryTimeoutMs;
    private final int retries;
    private final long retryBackoffMs;
    private final long retryBackoffMaxMs;
    private final int maxInFlightRequestsPerConnection;
    private final int maxRequestSize;
    private final CompressionType compression;
    private final PartitionerType partitioner;
    private final long metadataMaxAgeMs;
    private final long connectTimeoutMs;
    private final Boolean idempotence;
    private final String transactionalId;
    private final int transactionTimeoutMs;
    private final SecurityProtocol securityProtocol;
    private final TlsSettings tls;
    private final SaslSettings sasl;

    private ProducerConfig(Builder b) {
        this.bootstrapServers = List.copyOf(b.bootstrapServers);
        this.clientId = b.clientId != null ? b.clientId : "legacy-kafka-producer-" + CLIENT_ID_SEQUENCE.incrementAndGet();
        this.pinnedProduceVersion = b.pinnedProduceVersion;
        this.brokerVersionFallback = b.brokerVersionFallback;
        this.acks = b.acks;
        this.lingerMs = b.lingerMs;
        this.batchSize = b.batchSize;
        this.bufferMemory = b.bufferMemory;
        this.maxBlockMs = b.maxBlockMs;
        this.requestTimeoutMs = b.requestTimeoutMs;
        this.deliveryTimeoutMs = b.deliveryTimeoutMs;
        this.retries = b.retries;
        this.retryBackoffMs = b.retryBackoffMs;
        this.retryBackoffMaxMs = b.retryBackoffMaxMs;
        this.maxInFlightRequestsPerConnection = b.maxInFlightRequestsPerConnection;
        this.maxRequestSize = b.maxRequestSize;
        this.compression = b.compression;
        this.partitioner = b.partitioner;
        this.metadataMaxAgeMs = b.metadataMaxAgeMs;
        this.connectTimeoutMs = b.connectTimeoutMs;
        this.idempotence = b.idempotence;
        this.transactionalId = b.transactionalId;
        this.transactionTimeoutMs = b.transactionTimeoutMs;
        this.securityProtocol = b.securityProtocol;
        this.tls = b.securityProtocol.usesTls() ? (b.tls != null ? b.tls : TlsSettings.defaults()) : null;
        this.sasl = b.sasl;
    }

    /** A builder with kafka-clients-like defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Bootstrap brokers as {@code host:port}. */
    public List<String> bootstrapServers() {
        return bootstrapServers;
    }

    /** The client id sent in every request header. */
    public String clientId() {
        return clientId;
    }

    /** The pinned ProduceRequest version, or null for {@code auto} (the highest both sides support). */
    public Integer pinnedProduceVersion() {
        return pinnedProduceVersion;
    }

    /** The broker version assumed for brokers that do not answer ApiVersions (0.8.x, 0.9.x). */
    public String brokerVersionFallback() {
        return brokerVersionFallback;
    }

    public Acks acks() {
        return acks;
    }

    public long lingerMs() {
        return lingerMs;
    }

    public int batchSize() {
        return batchSize;
    }

    public long bufferMemory() {
        return bufferMemory;
    }

    public long maxBlockMs() {
        return maxBlockMs;
    }

    public int requestTimeoutMs() {
        return requestTimeoutMs;
    }

    public long deliveryTimeoutMs() {
        return deliveryTimeoutMs;
    }

    public int retries() {
        return retries;
    }

    public long retryBackoffMs() {
        return retryBackoffMs;
    }

    public long retryBackoffMaxMs() {
        return retryBackoffMaxMs;
    }

    public int maxInFlightRequestsPerConnection() {
        return maxInFlightRequestsPerConnection;
    }

    public int maxRequestSize() {
        return maxRequestSize;
    }

    public CompressionType compression() {
        return compression;
    }

    public PartitionerType partitioner() {
        return partitioner;
    }

    public long metadataMaxAgeMs() {
        return metadataMaxAgeMs;
    }

    public long connectTimeoutMs() {
        return connectTimeoutMs;
    }

    /** The transactional id, or null for a producer without transactions. */
    public String transactionalId() {
        return transactionalId;
    }

    /** How long the coordinator lets a transaction stay open before aborting it. */
    public int transactionTimeoutMs() {
        return transactionTimeoutMs;
    }

    /** How connections are secured; {@link SecurityProtocol#PLAINTEXT} by default. */
    public SecurityProtocol securityProtocol() {
        return securityProtocol;
    }

    /** TLS settings when the protocol uses TLS (defaults if none were given), otherwise null. */
    public TlsSettings tls() {
        return tls;
    }

    /** SASL credentials when the protocol uses SASL, otherwise null. */
    public SaslSettings sasl() {
        return sasl;
    }

    /** The idempotence setting as given: true, false, or null for the default. */
    public Boolean idempotence() {
        return idempotence;
    }

    /**
     * Whether the producer uses a producer id and sequence numbers with acks=1 too: not for
     * idempotence (an unclean leader change can still lose acknowledged records), but so the broker
     * keeps each partition's batches in order while several are in flight. Off with
     * {@code idempotence=false}, a single request in flight, no retries, or a pinned MessageSet version.
     */
    public boolean sequencedPipelining() {
        return acks == Acks.LEADER && !Boolean.FALSE.equals(idempotence) && retries > 0
                && maxInFlightRequestsPerConnection > 1 && (pinnedProduceVersion == null || pinnedProduceVersion >= 3);
    }

    /**
     * Whether the producer tries to be idempotent: when asked to, or by default when acks=all,
     * retries are on, at most 5 requests are in flight and the Produce version is not pinned below
     * v3. Brokers without idempotence (before 0.11, or spoken to in MessageSet) still get records,
     * without it: an explicit {@code idempotence=true} then fails those sends instead.
     */
    public boolean idempotenceWanted() {
        if (transactionalId != null) {
            return true;
        }
        if (idempotence != null) {
            return idempotence;
        }
        return acks == Acks.ALL && retries > 0 && maxInFlightRequestsPerConnection <= 5
                && (pinnedProduceVersion == null || pinnedProduceVersion >= 3);
    }

    @Override
    public String toString() {
        return "ProducerConfig[bootstrapServers=" + bootstrapServers + ", clientId=" + clientId
                + ", apiVersion=" + (pinnedProduceVersion == null ? "auto" : pinnedProduceVersion)
                + ", brokerVersionFallback=" + brokerVersionFallback + ", acks=" + acks
                + ", lingerMs=" + lingerMs + ", batchSize=" + batchSize + ", bufferMemory=" + bufferMemory
                + ", maxBlockMs=" + maxBlockMs + ", requestTimeoutMs=" + requestTimeoutMs
                + ", deliveryTimeoutMs=" + deliveryTimeoutMs + ", retries=" + retries
                + ", retryBackoffMs=" + retryBackoffMs + ", maxInFlight=" + maxInFlightRequestsPerConnection
                + ", maxRequestSize=" + maxRequestSize + ", compression=" + compression
                + ", partitioner=" + partitioner + ", metadataMaxAgeMs=" + metadataMaxAgeMs
                + ", idempotence=" + (idempotence == null ? "default" : idempotence)
                + ", transactionalId=" + transactionalId + ", securityProtocol=" + securityProtocol
                + (tls == null ? "" : ", tls=" + tls) + (sasl == null ? "" : ", sasl=" + sasl) + "]";
    }

    /** Builds a {@link ProducerConfig}; {@link #build()} validates every setting. */
    public static final class Builder {

        private final List<String> bootstrapServers = new ArrayList<>();
        private String clientId;
        private Integer pinnedProduceVersion;
        private String brokerVersionFallback = "0.8.2";
        private Acks acks = Acks.ALL;
        private long lingerMs = 5;
        private int batchSize = 16 * 1024;
        private long bufferMemory = 32L * 1024 * 1024;
        private long maxBlockMs = 60_000;
        private int requestTimeoutMs = 30_000;
        private long deliveryTimeoutMs = 120_000;
        private int retries = Integer.MAX_VALUE;
        private long retryBackoffMs = 100;
        private long retryBackoffMaxMs = 1_000;
        private int maxInFlightRequestsPerConnection = 5;
        private int maxRequestSize = 1024 * 1024;
        private CompressionType compression = CompressionType.NONE;
        private PartitionerType partitioner = PartitionerType.DEFAULT;
        private long metadataMaxAgeMs = 300_000;
        private long connectTimeoutMs = 10_000;
        private Boolean idempotence;
        private String transactionalId;
        private int transactionTimeoutMs = 60_000;
        private SecurityProtocol securityProtocol = SecurityProtocol.PLAINTEXT;
        private TlsSettings tls;
        private SaslSettings sasl;

        private Builder() {
        }

        /** How connections are secured (default PLAINTEXT); SSL and SASL_SSL use {@link #tls}, SASL_* need {@link #sasl}. */
        public Builder securityProtocol(SecurityProtocol securityProtocol) {
            this.securityProtocol = securityProtocol;
            return this;
        }

        /** TLS settings for SSL and SASL_SSL; without them the JDK's trust store and hostname verification apply. */
        public Builder tls(TlsSettings tls) {
            this.tls = tls;
            return this;
        }

        /** SASL credentials for SASL_PLAINTEXT and SASL_SSL. */
        public Builder sasl(SaslSettings sasl) {
            this.sasl = sasl;
            return this;
        }

        /** Makes the producer transactional (needs brokers 0.11+ and Produce v3+); null for none. */
        public Builder transactionalId(String transactionalId) {
            this.transactionalId = transactionalId;
            return this;
        }

        /** How long the coordinator lets a transaction stay open before aborting it (default 60 s). */
        public Builder transactionTimeoutMs(int transactionTimeoutMs) {
            this.transactionTimeoutMs = transactionTimeoutMs;
            return this;
        }

        /**
         * {@code true} to require idempotent writes (acks=all, Produce v3+ on 0.11+ brokers),
         * {@code false} to turn them off, {@code null} (default) for on where acks=all allows it.
         */
        public Builder idempotence(Boolean idempotence) {
            this.idempotence = idempotence;
            return this;
        }

        /** Comma-separated {@code host:port} list. */
        public Builder bootstrapServers(String servers) {
            bootstrapServers.clear();
            if (servers != null) {
                for (String s : servers.split(",")) {
                    if (!s.isBlank()) {
                        bootstrapServers.add(s.trim());
                    }
                }
            }
            return this;
        }

        /** {@code host:port} entries. */
        public Builder bootstrapServers(List<String> servers) {
            bootstrapServers.clear();
            bootstrapServers.addAll(servers);
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** {@code auto} (default) or a ProduceRequest version 0..13 to pin. */
        public Builder apiVersion(String apiVersion) {
            String v = apiVersion == null ? "auto" : apiVersion.trim().toLowerCase(Locale.ROOT);
            if (v.equals("auto")) {
                pinnedProduceVersion = null;
                return this;
            }
            try {
                pinnedProduceVersion = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new ConfigException("api-version", apiVersion, "allowed values are auto or 0.." + MAX_PRODUCE_VERSION);
            }
            return this;
        }

        /** Pins the ProduceRequest version (0..13). */
        public Builder apiVersion(int produceVersion) {
            pinnedProduceVersion = produceVersion;
            return this;
        }

        /** Version of brokers that drop ApiVersions: {@code 0.8.2} (default, Produce v0) or {@code 0.9.0} (Produce v1). */
        public Builder brokerVersionFallback(String version) {
            brokerVersionFallback = version;
            return this;
        }

        public Builder acks(Acks acks) {
            this.acks = acks;
            return this;
        }

        /** {@code 0}, {@code 1}, {@code -1} or {@code all}. */
        public Builder acks(String acks) {
            this.acks = Acks.parse(acks);
            return this;
        }

        public Builder lingerMs(long lingerMs) {
            this.lingerMs = lingerMs;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder bufferMemory(long bufferMemory) {
            this.bufferMemory = bufferMemory;
            return this;
        }

        public Builder maxBlockMs(long maxBlockMs) {
            this.maxBlockMs = maxBlockMs;
            return this;
        }

        public Builder requestTimeoutMs(int requestTimeoutMs) {
            this.requestTimeoutMs = requestTimeoutMs;
            return this;
        }

        public Builder deliveryTimeoutMs(long deliveryTimeoutMs) {
            this.deliveryTimeoutMs = deliveryTimeoutMs;
            return this;
        }

        public Builder retries(int retries) {
            this.retries = retries;
            return this;
        }

        public Builder retryBackoffMs(long retryBackoffMs) {
            this.retryBackoffMs = retryBackoffMs;
            return this;
        }

        public Builder retryBackoffMaxMs(long retryBackoffMaxMs) {
            this.retryBackoffMaxMs = retryBackoffMaxMs;
            return this;
        }

        public Builder maxInFlightRequestsPerConnection(int maxInFlight) {
            this.maxInFlightRequestsPerConnection = maxInFlight;
            return this;
        }

        public Builder maxRequestSize(int maxRequestSize) {
            this.maxRequestSize = maxRequestSize;
            return this;
        }

        public Builder compression(CompressionType compression) {
            this.compression = compression;
            return this;
        }

        public Builder partitioner(PartitionerType partitioner) {
            this.partitioner = partitioner;
            return this;
        }

        public Builder metadataMaxAgeMs(long metadataMaxAgeMs) {
            this.metadataMaxAgeMs = metadataMaxAgeMs;
            return this;
        }

        public Builder connectTimeoutMs(long connectTimeoutMs) {
            this.connectTimeoutMs = connectTimeoutMs;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws ConfigException naming the first invalid setting
         */
        public ProducerConfig build() {
            if (bootstrapServers.isEmpty()) {
                throw new ConfigException("bootstrap-servers", "(empty)", "at least one host:port is required");
            }
            for (String server : bootstrapServers) {
                parseHostPort(server);
            }
            if (clientId != null && clientId.length() > Short.MAX_VALUE) {
                throw new ConfigException("client-id", clientId.length() + " characters", "at most 32767 characters");
            }
            if (pinnedProduceVersion != null && (pinnedProduceVersion < 0 || pinnedProduceVersion > MAX_PRODUCE_VERSION)) {
                throw new ConfigException("api-version", pinnedProduceVersion, "allowed values are auto or 0.." + MAX_PRODUCE_VERSION);
            }
            fallbackProduceVersion(brokerVersionFallback);
            Objects.requireNonNull(acks, "acks");
            requireAtLeast("linger", lingerMs, 0);
            requireAtLeast("batch-size", batchSize, 0);
            requireAtLeast("buffer-memory", bufferMemory, 1);
            requireAtLeast("max-block", maxBlockMs, 0);
            requireAtLeast("request-timeout", requestTimeoutMs, 1);
            requireAtLeast("retries", retries, 0);
            requireAtLeast("retry-backoff", retryBackoffMs, 0);
            requireAtLeast("max-in-flight", maxInFlightRequestsPerConnection, 1);
            requireAtLeast("max-request-size", maxRequestSize, 128);
            requireAtLeast("metadata-max-age", metadataMaxAgeMs, 0);
            requireAtLeast("connect-timeout", connectTimeoutMs, 1);
            if (retryBackoffMaxMs < retryBackoffMs) {
                throw new ConfigException("retry-backoff-max", retryBackoffMaxMs, "must be >= retry-backoff (" + retryBackoffMs + " ms)");
            }
            if (deliveryTimeoutMs < lingerMs + requestTimeoutMs) {
                throw new ConfigException("delivery-timeout", deliveryTimeoutMs + " ms",
                        "must be >= linger + request-timeout (" + (lingerMs + requestTimeoutMs) + " ms)");
            }
            Objects.requireNonNull(compression, "compression");
            Objects.requireNonNull(partitioner, "partitioner");
            if (compression == CompressionType.ZSTD && pinnedProduceVersion != null && pinnedProduceVersion < 7) {
                throw new ConfigException("compression", "zstd",
                        "zstd needs Produce v7 or newer but api-version is pinned to " + pinnedProduceVersion);
            }
            if (transactionalId != null) {
                if (transactionalId.isEmpty()) {
                    throw new ConfigException("transactional-id", "(empty)", "must be a non-empty id, or unset");
                }
                if (pinnedProduceVersion != null && pinnedProduceVersion < 3) {
                    throw new ConfigException("transactional-id", transactionalId, "transactions need a RecordBatch "
                            + "(Produce v3+, brokers 0.11+), but api-version is pinned to " + pinnedProduceVersion);
                }
                if (Boolean.FALSE.equals(idempotence)) {
                    throw new ConfigException("idempotence", false, "a transactional producer is always idempotent");
                }
                if (acks != Acks.ALL) {
                    throw new ConfigException("acks", acks, "a transactional producer needs acks=all");
                }
                requireAtLeast("transaction-timeout", transactionTimeoutMs, 1);
            }
            checkSecurity();
            if (Boolean.TRUE.equals(idempotence)) {
                if (acks != Acks.ALL) {
                    throw new ConfigException("idempotence", true, "idempotence needs acks=all, but acks is " + acks);
                }
                if (retries == 0) {
                    throw new ConfigException("idempotence", true, "idempotence needs retries > 0");
                }
                if (maxInFlightRequestsPerConnection > 5) {
                    throw new ConfigException("idempotence", true, "idempotence needs max-in-flight <= 5, but it is "
                            + maxInFlightRequestsPerConnection);
                }
                if (pinnedProduceVersion != null && pinnedProduceVersion < 3) {
                    throw new ConfigException("idempotence", true, "idempotence needs a RecordBatch (Produce v3+), but "
                            + "api-version is pinned to " + pinnedProduceVersion);
                }
            }
            return new ProducerConfig(this);
        }

        private void checkSecurity() {
            Objects.requireNonNull(securityProtocol, "securityProtocol");
            if (securityProtocol.usesSasl() && sasl == null) {
                throw new ConfigException("security.sasl", "(unset)", securityProtocol
                        + " needs SASL credentials: a mechanism (PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512), a user name and a password");
            }
            if (!securityProtocol.usesSasl() && sasl != null) {
                throw new ConfigException("security.protocol", securityProtocol, "SASL credentials are set, which only "
                        + "SASL_PLAINTEXT and SASL_SSL use; choose one of those or remove the credentials");
            }
            if (!securityProtocol.usesTls() && tls != null) {
                throw new ConfigException("security.protocol", securityProtocol, "TLS settings are set, which only SSL and "
                        + "SASL_SSL use; choose one of those or remove the TLS settings");
            }
        }

        private static void requireAtLeast(String setting, long value, long min) {
            if (value < min) {
                throw new ConfigException(setting, value, "must be >= " + min);
            }
        }
    }

    /**
     * Splits {@code host:port} ({@code [v6addr]:port} for IPv6 literals).
     *
     * @throws ConfigException naming bootstrap-servers if it does not parse
     */
    public static String[] parseHostPort(String server) {
        int colon = server.lastIndexOf(':');
        if (colon <= 0 || colon == server.length() - 1) {
            throw new ConfigException("bootstrap-servers", server, "each entry must be host:port");
        }
        String host = server.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(server.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException("bootstrap-servers", server, "each entry must be host:port with a numeric port");
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException("bootstrap-servers", server, "port must be 1..65535");
        }
        return new String[] {host, Integer.toString(port)};
    }

    /**
     * The Produce version a broker of the fallback version speaks.
     *
     * @throws ConfigException naming broker-version-fallback for versions that answer ApiVersions or do not parse
     */
    public static int fallbackProduceVersion(String fallback) {
        String v = fallback == null ? "" : fallback.trim();
        if (v.startsWith("0.8")) {
            return 0;
        }
        if (v.startsWith("0.9")) {
            return 1;
        }
        throw new ConfigException("broker-version-fallback", fallback,
                "allowed values are 0.8.x or 0.9.x: brokers from 0.10 on answer ApiVersions, so no fallback is needed");
    }
}
