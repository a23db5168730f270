package dev.legacykafka.spring;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.errors.ProducerClosedException;
import dev.legacykafka.spring.serializer.RecordSerializationException;
import dev.legacykafka.spring.serializer.RecordSerializer;
import dev.legacykafka.client.Header;
import dev.legacykafka.client.PartitionInfo;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends records through a {@link LegacyKafkaProducer}, serializing keys and values first.
 *
 * <p>Every send returns at once with a future that completes exactly once: with the broker's
 * {@link SendResult} (topic, partition, offset, log_append_time, log_start_offset,
 * throttle_time_ms and the Produce version used), or exceptionally with a
 * {@link dev.legacykafka.client.errors.LegacyKafkaException} naming the cause, such as a
 * {@link RecordSerializationException}, a broker error, or a {@link ProducerClosedException} for a
 * send that raced the application's shutdown. Futures complete on the producer's network thread:
 * chain only short work onto them, or move it to an executor.
 *
 * <p>Every send's outcome goes to the {@link LegacyKafkaSendListener}s ({@link #setSendListeners})
 * and its {@link SendInstrumentation} ({@link #setSendInstrumentation}: a send timer, or a
 * Micrometer Observation) before the returned future completes.
 *
 * <p>Thread-safe once configured: call the setters before the first send. The template does not own the producer: closing it is up to whoever created it
 * (the auto-configuration closes its producer when the application context closes).
 *
 * @param <K> key type
 * @param <V> value type
 */
public class LegacyKafkaTemplate<K, V> {

    private final LegacyKafkaProducer producer;

    private final RecordSerializer<? super K> keySerializer;

    private final RecordSerializer<? super V> valueSerializer;

    private final @Nullable String defaultTopic;

    private static final Log logger = LogFactory.getLog(LegacyKafkaTemplate.class);

    private volatile SendListeners sendListeners = SendListeners.NONE;

    private volatile SendInstrumentation instrumentation = SendInstrumentation.NONE;

    private volatile ProducerMetricsSource metricsSource = ProducerMetricsSource.PRODUCER;

    /** Transactional producers; null for a non-transactional template. */
    private volatile @Nullable TransactionalProducerPool transactionalProducers;

    /** Whether transactionalProducers was set, or derived from a transactional producer given to the constructor. */
    private volatile boolean transactionalProducersResolved;

    private volatile boolean allowNonTransactional;

    /** The producer of this thread's executeInTransaction, if one runs (per template). */
    private final ThreadLocal<@Nullable LegacyKafkaProducer> localTransaction = new ThreadLocal<>();

    /** A template without a default topic. */
    public LegacyKafkaTemplate(LegacyKafkaProducer producer, RecordSerializer<? super K> keySerializer,
                               RecordSerializer<? super V> valueSerializer) {
        this(producer, keySerializer, valueSerializer, null);
    }

    /**
     * A template whose {@code sendDefault} methods send to {@code defaultTopic}.
     *
     * @param defaultTopic topic of {@code sendDefault}, or null
     */
    public LegacyKafkaTemplate(LegacyKafkaProducer producer, RecordSerializer<? super K> keySerializer,
                               RecordSerializer<? super V> valueSerializer, @Nullable String defaultTopic) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.keySerializer = Objects.requireNonNull(keySerializer, "keySerializer");
        this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer");
        this.defaultTopic = defaultTopic;
    }

    /** Sends a value without a key. */
    public CompletableFuture<SendResult> send(String topic, @Nullable V value) {
        return send(new LegacyKafkaRecord<>(topic, null, null, value, null, null));
    }

    /** Sends a keyed value; the partitioner picks the partition from the key. */
    public CompletableFuture<SendResult> send(String topic, @Nullable K key, @Nullable V value) {
        return send(new LegacyKafkaRecord<>(topic, null, key, value, null, null));
    }

    /** Sends a keyed value to a given partition (or the partitioner's choice when null). */
    public CompletableFuture<SendResult> send(String topic, @Nullable Integer partition, @Nullable K key,
                                              @Nullable V value) {
        return send(new LegacyKafkaRecord<>(topic, partition, key, value, null, null));
    }

    /**
     * Sends a record with everything it carries, headers included.
     *
     * @throws IllegalArgumentException if the topic is empty, or the partition or timestamp negative
     */
    public CompletableFuture<SendResult> send(LegacyKafkaRecord<K, V> record) {
        Objects.requireNonNull(record, "record");
        SendInstrumentation.Send measured = startInstrumentation(record);
        byte[] key;
        byte[] value;
        CompletableFuture<SendResult> sent;
        try {
            key = serialize(keySerializer, record.topic(), record.key(), "key");
            value = serialize(valueSerializer, record.topic(), record.value(), "value");
            ProducerRecord serialized = new ProducerRecord(record.topic(), record.partition(), key, value,
                    record.timestamp(), record.headers());
            List<Header> optionalHeaders = measured.headersIfSupported();
            LegacyKafkaProducer target = transactionalProducerOrNull();
            if (target == null && getTransactionalProducers() != null && producer.config().transactionalId() != null) {
                // allow-non-transactional, but the template's own producer is the pool's only (transactional)
                // producer and refuses sends outside a transaction: a transaction of its own, committed now.
                return sendInShortTransaction(record, measured, serialized, optionalHeaders);
            }
            if (target == null) {
                target = producer;
            }
            sent = optionalHeaders.isEmpty() ? target.send(serialized) : target.sendWithOptionalHeaders(serialized, optionalHeaders);
        } catch (RuntimeException ex) {
            // A serialization failure, or an invalid record (empty topic, negative partition).
            completed(record, measured, null, ex);
            if (ex instanceof RecordSerializationException) {
                return CompletableFuture.failedFuture(ex);
            }
            throw ex;
        }
        return sent.whenComplete((result, failure) -> completed(record, measured, result, failure));
    }

    /**
     * Sends a Spring {@link Message}: its payload is the value, and the {@link LegacyKafkaHeaders}
     * give the topic (else the default topic), key, partition and timestamp. Its other headers whose
     * values are Strings (as UTF-8) or byte arrays become record headers, which need Produce v3+
     * (brokers 0.11+); Spring's {@code id} and {@code timestamp} headers and values of other types
     * are left out.
     *
     * @throws IllegalStateException if the message names no topic and there is no default topic
     * @throws IllegalArgumentException if the partition or timestamp header is not a number
     */
    public CompletableFuture<SendResult> send(Message<?> message) {
        Objects.requireNonNull(message, "message");
        return send(MessageRecords.<K, V>toRecord(message, defaultTopic));
    }

    private SendInstrumentation.Send startInstrumentation(LegacyKafkaRecord<K, V> record) {
        if (instrumentation == SendInstrumentation.NONE) {
            return SendInstrumentation.Send.NONE;
        }
        try {
            return instrumentation.start(record, producer.config().clientId());
        } catch (RuntimeException ex) {
            logger.warn("SendInstrumentation " + instrumentation.getClass().getName() + " failed to start; the record is "
                    + "sent without it", ex);
            return SendInstrumentation.Send.NONE;
        }
    }

    private void completed(LegacyKafkaRecord<K, V> record, SendInstrumentation.Send measured,
                           @Nullable SendResult result, @Nullable Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        try {
            if (cause == null) {
                measured.success(Objects.requireNonNull(result));
            } else {
                measured.failure(cause);
            }
        } catch (RuntimeException ex) {
            logger.warn("SendInstrumentation " + instrumentation.getClass().getName() + " failed; the send's outcome is "
                    + "unchanged", ex);
        }
        if (cause == null) {
            sendListeners.success(record, Objects.requireNonNull(result));
        } else {
            sendListeners.error(record, cause);
        }
    }

    /**
     * Sends a value to the default topic.
     *
     * @throws IllegalStateException if no default topic is configured
     */
    public CompletableFuture<SendResult> sendDefault(@Nullable V value) {
        return send(requireDefaultTopic(), value);
    }

    /**
     * Sends a keyed value to the default topic.
     *
     * @throws IllegalStateException if no default topic is configured
     */
    public CompletableFuture<SendResult> sendDefault(@Nullable K key, @Nullable V value) {
        return send(requireDefaultTopic(), key, value);
    }

    /**
     * Sends a keyed value to a partition of the default topic.
     *
     * @throws IllegalStateException if no default topic is configured
     */
    public CompletableFuture<SendResult> sendDefault(@Nullable Integer partition, @Nullable K key, @Nullable V value) {
        return send(requireDefaultTopic(), partition, key, value);
    }

    /**
     * Sends everything buffered now, without waiting for linger, and waits until every record sent
     * before this call has an outcome. Inside a transaction on this thread, flushes that
     * transaction's producer (so an abort that follows has records in the log to hide); otherwise
     * the template's producer.
     */
    public void flush() {
        LegacyKafkaProducer inTransaction = currentTransactionProducer();
        (inTransaction != null ? inTransaction : producer).flush();
    }

    /**
     * Runs {@code callback} in a Kafka transaction of its own, on a producer of the pool
     * ({@code legacykafka.transaction-id-prefix} or {@code legacykafka.transactional-id}): every
     * record the callback sends through this template on this thread commits when it returns, and
     * aborts if it throws (the exception is rethrown). Calls from different threads run at once on
     * different producers, up to the pool's bound; a send from another thread never joins this
     * transaction. It does not join a transaction of {@link LegacyKafkaTransactionManager} bound to
     * the thread: it is a separate, local transaction.
     *
     * @return what the callback returned
     * @throws IllegalStateException if the template is not transactional
     * @throws dev.legacykafka.client.errors.TransactionStateException if a record of the transaction
     *         failed so it was aborted instead of committed
     * @throws dev.legacykafka.client.errors.TimeoutException if every producer of the pool stayed busy for max block
     */
    public <T> T executeInTransaction(java.util.function.Function<LegacyKafkaTemplate<K, V>, T> callback) {
        Objects.requireNonNull(callback, "callback");
        TransactionalProducerPool pool = requirePool("executeInTransaction");
        TransactionalProducerPool.Lease lease = pool.acquire();
        LegacyKafkaResourceHolder holder = new LegacyKafkaResourceHolder(pool, lease);
        LegacyKafkaProducer outer = localTransaction.get();
        try {
            lease.producer().beginTransaction();
            localTransaction.set(lease.producer());
            T result;
            try {
                result = callback.apply(this);
            } catch (RuntimeException | Error e) {
                try {
                    holder.rollback();
                } catch (RuntimeException abortFailure) {
                    e.addSuppressed(abortFailure);
                }
                throw e;
            }
            holder.commit();
            return result;
        } finally {
            if (outer == null) {
                localTransaction.remove();
            } else {
                localTransaction.set(outer);
            }
            holder.release();
        }
    }

    /**
     * Commits a consumer group's positions in the current transaction (consume-transform-produce):
     * the one of {@link #executeInTransaction} on this thread, or the one of
     * {@link LegacyKafkaTransactionManager} bound to it. They count only if it commits.
     *
     * @param offsets for each consumed partition, the offset of the next record to consume
     * @param groupId the consumer group
     * @throws IllegalStateException if no transaction of this template runs on this thread
     */
    public void sendOffsetsToTransaction(List<dev.legacykafka.client.ConsumedOffset> offsets, String groupId) {
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(groupId, "groupId");
        requirePool("sendOffsetsToTransaction");
        LegacyKafkaProducer inTransaction = currentTransactionProducer();
        if (inTransaction == null) {
            throw new IllegalStateException("sendOffsetsToTransaction needs a transaction on this thread: call it "
                    + "inside executeInTransaction or a LegacyKafkaTransactionManager transaction (@Transactional)");
        }
        inTransaction.sendOffsetsToTransaction(offsets, groupId);
    }

    /**
     * Whether the template sends in transactions (a pool of transactional producers:
     * {@code legacykafka.transaction-id-prefix} or {@code legacykafka.transactional-id}).
     */
    public boolean isTransactional() {
        return getTransactionalProducers() != null;
    }

    /** Whether a Kafka transaction of this template is open on the current thread. */
    public boolean inTransaction() {
        return currentTransactionProducer() != null;
    }

    /**
     * Makes the template transactional: sends then need a transaction on the thread (or
     * {@link #setAllowNonTransactional}), and {@link #executeInTransaction} uses these producers.
     *
     * @param pool the transactional producers, or null for a non-transactional template
     */
    public void setTransactionalProducers(@Nullable TransactionalProducerPool pool) {
        this.transactionalProducers = pool;
        this.transactionalProducersResolved = true;
    }

    /**
     * The transactional producers, or null. Unless set, a template whose own producer is
     * transactional uses that producer as a pool of one.
     */
    public @Nullable TransactionalProducerPool getTransactionalProducers() {
        if (!transactionalProducersResolved) {
            synchronized (this) {
                if (!transactionalProducersResolved) {
                    ProducerConfig config = producer.config();
                    if (config != null && config.transactionalId() != null) {
                        transactionalProducers = TransactionalProducerPool.ofProducer(producer,
                                Duration.ofMillis(config.maxBlockMs()));
                    }
                    transactionalProducersResolved = true;
                }
            }
        }
        return transactionalProducers;
    }

    /**
     * Whether a transactional template may send outside a transaction
     * ({@code legacykafka.template.allow-non-transactional}). When true, such a send goes through the
     * template's own producer, which the auto-configuration keeps non-transactional: it is not part of
     * any transaction, {@code read_committed} consumers see it once acknowledged, and it never waits
     * for a pooled producer. Only when the template's own producer is itself transactional (a template
     * built around an application's transactional producer, which then is its pool of one) each such
     * send runs in a short transaction of its own, committed before the send returns. When false (the
     * default) such a send throws an {@link IllegalStateException}.
     */
    public void setAllowNonTransactional(boolean allowNonTransactional) {
        this.allowNonTransactional = allowNonTransactional;
    }

    /** Whether a transactional template may send outside a transaction. */
    public boolean isAllowNonTransactional() {
        return allowNonTransactional;
    }

    private TransactionalProducerPool requirePool(String operation) {
        TransactionalProducerPool pool = getTransactionalProducers();
        if (pool == null) {
            throw new IllegalStateException(operation + " needs a transactional template: set "
                    + "legacykafka.transaction-id-prefix (or legacykafka.transactional-id)");
        }
        return pool;
    }

    /** The producer of this thread's transaction: executeInTransaction's, else the bound one, else null. */
    private @Nullable LegacyKafkaProducer currentTransactionProducer() {
        LegacyKafkaProducer local = localTransaction.get();
        if (local != null) {
            return local;
        }
        TransactionalProducerPool pool = getTransactionalProducers();
        if (pool != null && TransactionSynchronizationManager.getResource(pool) instanceof LegacyKafkaResourceHolder holder) {
            return holder.getProducer();
        }
        return null;
    }

    /**
     * For a transactional template, the producer the send joins: this thread's transaction, or a
     * Kafka transaction started now and synchronised with the thread's other transaction (a
     * DataSourceTransactionManager's); null when there is none (or the template is not transactional).
     */
    private @Nullable LegacyKafkaProducer transactionalProducerOrNull() {
        TransactionalProducerPool pool = getTransactionalProducers();
        if (pool == null) {
            return null;
        }
        LegacyKafkaProducer current = currentTransactionProducer();
        if (current != null) {
            return current;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            return startSynchronizedTransaction(pool).getProducer();
        }
        if (!allowNonTransactional) {
            throw new IllegalStateException("This template is transactional and no transaction runs on this thread: "
                    + "send inside @Transactional(\"legacyKafkaTransactionManager\"), a TransactionTemplate, "
                    + "executeInTransaction or a database transaction, or set "
                    + "legacykafka.template.allow-non-transactional=true to send such records outside any transaction");
        }
        return null;
    }

    /** Begins a Kafka transaction that commits after the thread's transaction commits and aborts on its rollback. */
    private LegacyKafkaResourceHolder startSynchronizedTransaction(TransactionalProducerPool pool) {
        TransactionalProducerPool.Lease lease = pool.acquire();
        LegacyKafkaResourceHolder holder = new LegacyKafkaResourceHolder(pool, lease);
        try {
            lease.producer().beginTransaction();
        } catch (RuntimeException e) {
            holder.release();
            throw e;
        }
        holder.setSynchronizedWithTransaction(true);
        TransactionSynchronizationManager.bindResource(pool, holder);
        TransactionSynchronizationManager.registerSynchronization(new KafkaAfterCommitSynchronization(pool, holder));
        return holder;
    }

    /**
     * Commits the Kafka transaction in afterCommit, so after the other resource committed: an
     * exception then reaches the caller of that commit, whose data is already committed. Aborts on
     * rollback; unbinds and releases the producer in any case.
     */
    private static final class KafkaAfterCommitSynchronization implements TransactionSynchronization {

        private final TransactionalProducerPool pool;

        private final LegacyKafkaResourceHolder holder;

        private boolean committed;

        KafkaAfterCommitSynchronization(TransactionalProducerPool pool, LegacyKafkaResourceHolder holder) {
            this.pool = pool;
            this.holder = holder;
        }

        @Override
        public int getOrder() {
            // After the resource synchronisations of the other transaction manager.
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(pool);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(pool, holder);
        }

        @Override
        public void afterCommit() {
            holder.commit();
            committed = true;
        }

        @Override
        public void afterCompletion(int status) {
            try {
                if (!committed && status != STATUS_COMMITTED) {
                    holder.rollback();
                }
            } catch (RuntimeException e) {
                logger.warn("Aborting Kafka transaction " + holder.getTransactionalId() + " failed", e);
            } finally {
                TransactionSynchronizationManager.unbindResourceIfPossible(pool);
                holder.release();
            }
        }
    }

    private CompletableFuture<SendResult> sendInShortTransaction(LegacyKafkaRecord<K, V> record,
                                                                 SendInstrumentation.Send measured,
                                                                 ProducerRecord serialized, List<Header> optionalHeaders) {
        TransactionalProducerPool pool = requirePool("send");
        TransactionalProducerPool.Lease lease = pool.acquire();
        LegacyKafkaResourceHolder holder = new LegacyKafkaResourceHolder(pool, lease);
        CompletableFuture<SendResult> sent;
        try {
            LegacyKafkaProducer target = lease.producer();
            target.beginTransaction();
            try {
                sent = optionalHeaders.isEmpty() ? target.send(serialized) : target.sendWithOptionalHeaders(serialized, optionalHeaders);
            } catch (RuntimeException e) {
                try {
                    holder.rollback();
                } catch (RuntimeException abortFailure) {
                    e.addSuppressed(abortFailure);
                }
                throw e;
            }
            sent = sent.whenComplete((result, failure) -> completed(record, measured, result, failure));
            try {
                holder.commit();
            } catch (RuntimeException e) {
                // The record's future fails too (aborted); the commit's failure is what the caller sees.
                return sent.isCompletedExceptionally() ? sent : CompletableFuture.failedFuture(e);
            }
            return sent;
        } finally {
            holder.release();
        }
    }

    /**
     * The partitions of a topic and their leaders, fetching the topic's metadata if the producer
     * has not used it yet (waiting at most max block).
     *
     * @throws dev.legacykafka.client.errors.TimeoutException if the metadata did not arrive in time
     */
    public List<PartitionInfo> partitionsFor(String topic) {
        return producer.partitionsFor(topic);
    }

    /**
     * The producer's meters as they are now: with the metrics auto-configuration every
     * {@code legacykafka.*} meter of its client id (records sent, errors, latencies, throttle times,
     * send timer...); without a meter registry what the producer itself knows (buffer available,
     * Produce version per broker).
     */
    public List<ProducerMetric> metrics() {
        return metricsSource.metrics(producer);
    }

    /**
     * Sets where {@link #metrics()} reads the producer's meters.
     *
     * @param metricsSource the source, {@link ProducerMetricsSource#PRODUCER} by default
     */
    public void setMetricsSource(ProducerMetricsSource metricsSource) {
        this.metricsSource = Objects.requireNonNull(metricsSource, "metricsSource");
    }

    /**
     * Sets the listeners that hear every send's outcome, called in list order; replaces any set before.
     *
     * @param listeners the listeners, possibly empty
     */
    public void setSendListeners(List<? extends LegacyKafkaSendListener> listeners) {
        this.sendListeners = new SendListeners(Objects.requireNonNull(listeners, "listeners"));
    }

    /** The listeners that hear every send's outcome, in call order. */
    public List<LegacyKafkaSendListener> getSendListeners() {
        return sendListeners.listeners();
    }

    /**
     * Sets what measures or traces each send (the send timer, or an Observation); replaces any set before.
     *
     * @param instrumentation the instrumentation, {@link SendInstrumentation#NONE} for none
     */
    public void setSendInstrumentation(SendInstrumentation instrumentation) {
        this.instrumentation = Objects.requireNonNull(instrumentation, "instrumentation");
    }

    /** What measures or traces each send; {@link SendInstrumentation#NONE} when nothing does. */
    public SendInstrumentation getSendInstrumentation() {
        return instrumentation;
    }

    /** The topic of {@code sendDefault}, or null. */
    public @Nullable String getDefaultTopic() {
        return defaultTopic;
    }

    /** The producer this template sends through, e.g. for {@code probeBrokers}. */
    public LegacyKafkaProducer getProducer() {
        return producer;
    }

    private String requireDefaultTopic() {
        if (defaultTopic == null) {
            throw new IllegalStateException("No default topic: set legacykafka.template.default-topic, or give the "
                    + "template one, to use sendDefault");
        }
        return defaultTopic;
    }

    private static <T> byte @Nullable [] serialize(RecordSerializer<? super T> serializer, String topic,
                                                   @Nullable T data, String part) {
        try {
            return serializer.serialize(topic, data);
        } catch (RecordSerializationException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            // Typically a ClassCastException: a value of a type the configured serializer does not take.
            throw new RecordSerializationException("Cannot serialize the " + part + " ("
                    + (data == null ? "null" : data.getClass().getName()) + ") for topic " + topic + " with "
                    + serializer.getClass().getName() + ": " + ex, ex);
        }
    }
}
