package dev.legacykafka.client;

import dev.legacykafka.client.errors.LegacyKafkaException;
import dev.legacykafka.client.errors.ProducerClosedException;
import dev.legacykafka.client.errors.RecordTooLargeException;
import dev.legacykafka.client.errors.ProducerFencedException;
import dev.legacykafka.client.errors.TimeoutException;
import dev.legacykafka.client.errors.TransactionStateException;
import dev.legacykafka.client.errors.UnsupportedVersionException;
import dev.legacykafka.client.internals.BrokerVersions;
import dev.legacykafka.client.internals.ClusterMetadata;
import dev.legacykafka.client.internals.ProduceVersionPolicy;
import dev.legacykafka.client.internals.ProducerRuntime;
import dev.legacykafka.client.internals.TopicPartition;
import dev.legacykafka.client.partition.Crc32Partitioner;
import dev.legacykafka.client.partition.Murmur2Partitioner;
import dev.legacykafka.client.partition.Partitioner;
import dev.legacykafka.client.partition.RoundRobinPartitioner;
import dev.legacykafka.client.record.RecordsBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An asynchronous Kafka producer that speaks the wire protocol itself: ProduceRequest v0 to v13,
 * MessageSet (magic 0 and 1) and RecordBatch (magic 2), against brokers from 0.8.2 to 4.x, over
 * plain TCP, TLS, SASL (PLAIN, SCRAM-SHA-256/512) or SASL over TLS
 * ({@link ProducerConfig.Builder#securityProtocol}).
 *
 * <p>Thread-safe: share one instance. {@link #send} buffers the record in its partition's batch
 * and returns at once (blocking only for metadata or buffer memory, at most max block); a
 * background network thread sends batches and completes each record's future exactly once, with
 * a {@link SendResult} or an exception naming the cause. Futures complete on the network thread,
 * so work chained onto them should be short or moved to an executor.
 *
 * <pre>{@code
 * try (LegacyKafkaProducer producer = new LegacyKafkaProducer(ProducerConfig.builder()
 *         .bootstrapServers("localhost:9092").build())) {
 *     SendResult result = producer.send(ProducerRecord.of("orders", key, value)).join();
 * }
 * }</pre>
 */
public final class LegacyKafkaProducer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LegacyKafkaProducer.class);
    private static final Header[] NO_HEADERS = new Header[0];

    private final ProducerConfig config;
    private final ProducerListener listener;
    private final Partitioner partitioner;
    /** Whether null keys stick to a partition until its batch is full (the default partitioner). */
    private final boolean stickyNullKeys;
    private final ProduceVersionPolicy versionPolicy;
    private final ProducerRuntime runtime;
    /** Kept in a field: a method reference per send would be an allocation on the hot path. */
    private final Runnable wakeNetworkThread;
    private volatile boolean closed;
    /**
     * The topic sent to last, then every topic sent to, with its metadata and one key per partition:
     * a send while the metadata is unchanged (its version) then needs no map look-up, or one, and
     * allocates no key.
     */
    private volatile TopicRoute lastRoute;
    private final Map<String, TopicRoute> routes = new ConcurrentHashMap<>();

    /**
     * The Produce version chosen last and the broker versions it was chosen for: choosing looks the
     * version range up in the broker's map twice, and nearly every send asks for the same broker.
     * A plain field: a racing reader sees an older pair or a whole one (final fields), never a mixed one.
     */
    private VersionChoice lastVersionChoice;

    private record VersionChoice(BrokerVersions versions, int produceVersion) {
    }

    private record TopicRoute(String topic, int metadataVersion, ClusterMetadata.TopicInfo info,
                              TopicPartition[] partitions) {
    }

    /** Starts a producer; connections open on the first send. */
    public LegacyKafkaProducer(ProducerConfig config) {
        this(config, null);
    }

    /**
     * Starts a producer that reports broker answers to {@code listener}.
     *
     * @param listener receives throttle times, record errors and send outcomes; may be null
     */
    public LegacyKafkaProducer(ProducerConfig config, ProducerListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = listener == null ? new ProducerListener() { } : listener;
        this.partitioner = switch (config.partitioner()) {
            case DEFAULT -> new Murmur2Partitioner();
            case CRC32 -> new Crc32Partitioner();
            case ROUND_ROBIN -> new RoundRobinPartitioner();
        };
        this.stickyNullKeys = config.partitioner() == PartitionerType.DEFAULT;
        this.versionPolicy = new ProduceVersionPolicy(config.pinnedProduceVersion());
        this.runtime = new ProducerRuntime(config, this.listener, versionPolicy);
        this.wakeNetworkThread = runtime::wakeup;
        log.info("legacy-kafka producer {} started: bootstrap {}, api-version {}, acks {}", config.clientId(),
                config.bootstrapServers(), config.pinnedProduceVersion() == null ? "auto" : config.pinnedProduceVersion(),
                config.acks());
    }

    /**
     * Sends a record asynchronously.
     *
     * @return a future completed with the record's {@link SendResult}, or exceptionally with a
     *         {@link LegacyKafkaException} that names the cause: the broker's error, a version that
     *         cannot carry the record (headers below Produce v3, zstd below v7), a record too large,
     *         a timeout, a broker refusing the TLS handshake or SASL credentials
     *         ({@link dev.legacykafka.client.errors.AuthenticationException}), or the producer closing
     * @throws NullPointerException if {@code record} is null
     */
    public CompletableFuture<SendResult> send(ProducerRecord record) {
        return sendWithOptionalHeaders(record, List.of());
    }

    /**
     * Sends a record asynchronously, with {@code headersIfSupported} added after its own headers
     * only when the record goes out as a RecordBatch (Produce v3+): on Produce v0-v2, which carry
     * no headers, they are left out and the record is sent without them. Meant for context that
     * is useful but not essential, such as a trace context; {@link SendResult#produceVersion()}
     * tells whether they went out.
     *
     * @param headersIfSupported headers to add where the version carries headers; may be empty
     * @return as {@link #send(ProducerRecord)}
     * @throws NullPointerException if {@code record} or {@code headersIfSupported} is null
     */
    public CompletableFuture<SendResult> sendWithOptionalHeaders(ProducerRecord record, List<Header> headersIfSupported) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(headersIfSupported, "headersIfSupported");
        CompletableFuture<SendResult> future = new CompletableFuture<>();
        Throwable failure = trySend(record, headersIfSupported, future);
        if (failure != null) {
            future.completeExceptionally(failure);
        }
        return future;
    }

    /**
     * Sends a record asynchronously and hands its outcome to {@code callback}: the same outcomes as
     * {@link #send(ProducerRecord)}'s future, without a future or a dependent stage per record (the
     * cheaper way when every record's outcome is wanted, as kafka-clients' {@code Callback}).
     *
     * @param callback called exactly once for the record; on the network thread, or on this thread
     *                 if the send fails before the record is buffered; may be null (no one is told)
     * @throws NullPointerException if {@code record} is null
     */
    public void send(ProducerRecord record, SendCallback callback) {
        Objects.requireNonNull(record, "record");
        Throwable failure = trySend(record, List.of(), callback);
        if (failure != null && callback != null) {
            try {
                callback.onCompletion(null, failure);
            } catch (RuntimeException e) {
                log.warn("A send callback threw", e);
            }
        }
    }

    /** Buffers the record; returns why it could not be, or null. */
    private Throwable trySend(ProducerRecord record, List<Header> headersIfSupported, Object outcome) {
        try {
            doSend(record, headersIfSupported, outcome);
            return null;
        } catch (LegacyKafkaException e) {
            listener.onRecordsFailed(record.topic(), 1, e.getClass().getSimpleName());
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LegacyKafkaException("Interrupted while sending to " + record.topic(), e);
        }
    }

    private void doSend(ProducerRecord record, List<Header> headersIfSupported, Object outcome)
            throws InterruptedException {
        if (closed) {
            throw new ProducerClosedException("Producer " + config.clientId() + " is closed; the record was not sent");
        }
        // Max block is a deadline that only the slow paths look at (metadata, a first handshake, buffer
        // memory for a new batch), so the monotonic clock is read only when one of them is taken: a read
        // costs about 25 ns, an eighth of a whole send, and the timestamp below needs the other clock.
        long startNanos = ProducerRuntime.CLOCK_NOT_READ;
        TopicRoute route = freshRoute(record.topic());
        if (route == null) {
            startNanos = System.nanoTime();
            route = awaitRoute(record.topic());
        }
        ClusterMetadata.TopicInfo topic = route.info();
        int partitionCount = topic.partitionCount();
        int partition;
        if (record.partition() != null) {
            partition = record.partition();
            if (partition >= partitionCount) {
                throw new LegacyKafkaException("Partition " + partition + " of topic " + record.topic()
                        + " does not exist: the topic has " + partitionCount + " partition(s)");
            }
        } else {
            partition = partitioner.partition(record.topic(), record.key(), partitionCount);
        }
        long timestamp = record.timestamp() != null ? record.timestamp() : System.currentTimeMillis();
        // A null-key record of the sticky strategy does not start a batch behind a full one: the strategy
        // moves on and the record goes to the next partition, so no batch of one record is left behind
        // (it would go out alone, a batch header and a partition of the request for one record).
        boolean mayMoveOn = stickyNullKeys && record.key() == null && record.partition() == null;
        while (true) {
            TopicPartition tp = route.partitions()[partition];
            if (runtime.isTransactional()) {
                runtime.onTransactionalSend(tp);
            }
            int leader = topic.partitions().get(partition).leaderId();
            BrokerVersions versions = runtime.brokerVersions().knownFor(leader);
            if (versions == null) {
                if (startNanos == ProducerRuntime.CLOCK_NOT_READ) {
                    startNanos = System.nanoTime();
                }
                versions = runtime.brokerVersions().forNodeOrAny(leader, remainingMaxBlock(startNanos), wakeNetworkThread);
            }
            int produceVersion = produceVersionFor(versions);
            byte magic = ProduceVersionPolicy.magicFor(produceVersion);
            checkVersionCarriesRecord(record, versions, produceVersion, magic);

            Header[] headers = headers(record.headers(), magic >= 2 ? headersIfSupported : List.of());
            int size = RecordsBuilder.sizeOfSingleRecordBatch(magic, config.compression(), record.key(), record.value(), headers);
            checkSize(size);
            if (runtime.append(tp, magic, timestamp, record.key(), record.value(), headers, outcome, size, startNanos,
                    partitioner, mayMoveOn)) {
                return;
            }
            partitioner.onNewBatch(record.topic(), partition);
            partition = partitioner.partition(record.topic(), null, partitionCount);
            mayMoveOn = false;
        }
    }

    private void checkSize(int size) {
        if (size > config.maxRequestSize()) {
            throw new RecordTooLargeException("The record is " + size + " bytes when encoded, larger than max-request-size ("
                    + config.maxRequestSize() + " bytes); it was not sent");
        }
        if (size > config.bufferMemory()) {
            throw new RecordTooLargeException("The record is " + size + " bytes when encoded, larger than buffer-memory ("
                    + config.bufferMemory() + " bytes); it was not sent");
        }
    }

    /** The topic's route if the metadata has not changed since it was made, else null. */
    private TopicRoute freshRoute(String topicName) {
        // Read before the topic: an update after this read makes the route stale, never wrongly fresh.
        int version = runtime.metadata().version();
        TopicRoute route = lastRoute;
        if (route == null || !route.topic().equals(topicName)) {
            route = routes.get(topicName);
            if (route == null || route.metadataVersion() != version) {
                return null;
            }
            lastRoute = route;
        }
        return route.metadataVersion() == version ? route : null;
    }

    /** The topic's metadata as of now, waiting for it (max block) the first time. */
    private TopicRoute awaitRoute(String topicName) throws InterruptedException {
        ClusterMetadata metadata = runtime.metadata();
        int version = metadata.version();
        ClusterMetadata.TopicInfo info = metadata.awaitTopic(topicName, config.maxBlockMs(), wakeNetworkThread);
        TopicPartition[] partitions = new TopicPartition[info.partitionCount()];
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = new TopicPartition(topicName, i);
        }
        TopicRoute route = new TopicRoute(topicName, version, info, partitions);
        routes.put(topicName, route);
        lastRoute = route;
        return route;
    }

    private int produceVersionFor(BrokerVersions versions) {
        VersionChoice choice = lastVersionChoice;
        if (choice == null || choice.versions() != versions) {
            choice = new VersionChoice(versions, versionPolicy.select(versions));
            lastVersionChoice = choice;
        }
        return choice.produceVersion();
    }

    private static Header[] headers(List<Header> own, List<Header> optional) {
        if (optional.isEmpty()) {
            return own.isEmpty() ? NO_HEADERS : own.toArray(NO_HEADERS);
        }
        Header[] all = new Header[own.size() + optional.size()];
        int i = 0;
        for (Header header : own) {
            all[i++] = header;
        }
        for (Header header : optional) {
            all[i++] = Objects.requireNonNull(header, "header");
        }
        return all;
    }

    private void checkVersionCarriesRecord(ProducerRecord record, BrokerVersions versions, int produceVersion, byte magic) {
        if (magic < 2 && !record.headers().isEmpty()) {
            throw new UnsupportedVersionException("Record headers need a RecordBatch (Produce v3+, brokers 0.11+), but broker "
                    + versions.broker() + " gets Produce v" + produceVersion + ", which carries "
                    + ProduceVersionPolicy.formatName(magic) + " without headers; the record was not sent"
                    + (versionPolicy.pinned() != null ? " (api-version is pinned to " + versionPolicy.pinned() + ")" : ""));
        }
        if (config.compression() == CompressionType.ZSTD && produceVersion < 7) {
            throw new UnsupportedVersionException("zstd compression needs Produce v7+ (brokers 2.1+), but broker "
                    + versions.broker() + " gets Produce v" + produceVersion + "; the record was not sent");
        }
    }

    private long remainingMaxBlock(long startNanos) {
        long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000L;
        long remaining = config.maxBlockMs() - elapsedMs;
        if (remaining < 0) {
            throw new TimeoutException("max-block (" + config.maxBlockMs() + " ms) used up waiting for metadata", true);
        }
        return remaining;
    }

    /**
     * Sends everything buffered now, without waiting for linger, and waits until every record sent
     * before this call has completed (successfully or not).
     */
    public void flush() {
        runtime.flush();
    }

    /**
     * Registers the transactional id with its coordinator, fencing any older producer with the
     * same id, and completes or aborts what such a producer left open. Call once, before the first
     * transaction.
     *
     * @throws TransactionStateException if the producer has no transactional-id, or this was already called
     * @throws UnsupportedVersionException if the brokers cannot do transactions (before 0.11, or Produce below v3)
     * @throws ProducerFencedException if a newer producer took the id over meanwhile
     */
    public void initTransactions() {
        requireTransactional("initTransactions");
        runtime.initTransactions();
    }

    /** Starts a transaction: every record sent until commit or abort belongs to it. */
    public void beginTransaction() {
        requireTransactional("beginTransaction");
        runtime.beginTransaction();
    }

    /**
     * Commits a consumer group's positions as part of the transaction (consume-transform-produce):
     * they count only if the transaction commits.
     */
    public void sendOffsetsToTransaction(List<ConsumedOffset> offsets, String groupId) {
        requireTransactional("sendOffsetsToTransaction");
        Objects.requireNonNull(groupId, "groupId");
        runtime.sendOffsetsToTransaction(List.copyOf(offsets), groupId);
    }

    /**
     * Sends every record of the transaction, waits for them, and commits. If one of them failed the
     * transaction cannot commit: this throws and {@link #abortTransaction()} must follow.
     */
    public void commitTransaction() {
        requireTransactional("commitTransaction");
        runtime.commitTransaction();
    }

    /** Drops records not yet sent (their futures fail), waits for those in flight, and aborts the transaction. */
    public void abortTransaction() {
        requireTransactional("abortTransaction");
        runtime.abortTransaction();
    }

    private void requireTransactional(String operation) {
        if (config.transactionalId() == null) {
            throw new TransactionStateException(operation + "() needs a transactional-id; producer " + config.clientId()
                    + " has none");
        }
        if (closed) {
            throw new ProducerClosedException("Producer " + config.clientId() + " is closed");
        }
    }

    /**
     * The partitions of a topic and their leaders, fetching the topic's metadata first if this
     * producer has not used it yet (waiting at most max block).
     *
     * @throws TimeoutException if the topic's metadata did not arrive within max block
     * @throws LegacyKafkaException if the broker said the topic cannot be used
     */
    public List<PartitionInfo> partitionsFor(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (closed) {
            throw new ProducerClosedException("Producer " + config.clientId() + " is closed");
        }
        ClusterMetadata.TopicInfo info;
        try {
            info = runtime.metadata().awaitTopic(topic, config.maxBlockMs(), wakeNetworkThread);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LegacyKafkaException("Interrupted while fetching the partitions of " + topic, e);
        }
        List<PartitionInfo> partitions = new java.util.ArrayList<>(info.partitionCount());
        for (int i = 0; i < info.partitionCount(); i++) {
            int leaderId = info.partitions().get(i).leaderId();
            dev.legacykafka.client.network.BrokerNode leader = leaderId < 0 ? null : runtime.metadata().node(leaderId);
            partitions.add(new PartitionInfo(topic, i, leaderId, leader == null ? null : leader.address()));
        }
        return List.copyOf(partitions);
    }

    /** Bytes of buffer memory free right now; the rest holds records not yet acknowledged. */
    public long bufferAvailableBytes() {
        return runtime.bufferAvailableBytes();
    }

    /** The Produce version in use with each broker that finished its handshake, by {@code host:port}. */
    public Map<String, Integer> produceVersions() {
        return runtime.produceVersions();
    }

    /**
     * Connects to the bootstrap brokers and every broker they list, and reports for each the
     * Produce version and record format it gets, or why it could not be reached.
     *
     * @param timeout bound for the whole probe
     */
    public List<BrokerStatus> probeBrokers(Duration timeout) {
        return runtime.probeBrokers(timeout.toMillis());
    }

    /** The settings this producer runs with. */
    public ProducerConfig config() {
        return config;
    }

    /** Closes, waiting up to the delivery timeout for buffered records to complete. */
    @Override
    public void close() {
        close(Duration.ofMillis(config.deliveryTimeoutMs()));
    }

    /**
     * Stops taking records, tries to send what is buffered, and waits up to {@code timeout}. Every
     * record still without an outcome then fails with a {@link ProducerClosedException}.
     */
    public void close(Duration timeout) {
        closed = true;
        runtime.close(timeout.toMillis());
    }
}
