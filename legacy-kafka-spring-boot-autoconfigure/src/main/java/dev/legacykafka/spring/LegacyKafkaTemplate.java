package dev.legacykafka.spring;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.errors.ProducerClosedException;
import dev.legacykafka.spring.serializer.RecordSerializationException;
import dev.legacykafka.spring.serializer.RecordSerializer;
import dev.legacykafka.client.Header;
import dev.legacykafka.client.PartitionInfo;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;

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

    /** One transaction at a time per producer; also guards the one-time initTransactions. */
    private final Object transactionLock = new Object();

    private boolean transactionsInitialized;

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
            sent = optionalHeaders.isEmpty() ? producer.send(serialized) : producer.send(serialized, optionalHeaders);
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
     * before this call has an outcome.
     */
    public void flush() {
        producer.flush();
    }

    /**
     * Runs {@code callback} in a transaction of the producer (needs {@code legacykafka.transactional-id}):
     * every record the callback sends through this template commits when it returns, and aborts
     * if it throws (the exception is rethrown). Transactions of one producer run one at a time;
     * the first call registers the transactional id with its coordinator, fencing older producers
     * with the same id.
     *
     * @return what the callback returned
     * @throws dev.legacykafka.client.errors.TransactionStateException if the producer is not transactional,
     *         or a record of the transaction failed so it was aborted instead of committed
     */
    public <T> T executeInTransaction(java.util.function.Function<LegacyKafkaTemplate<K, V>, T> callback) {
        Objects.requireNonNull(callback, "callback");
        synchronized (transactionLock) {
            if (!transactionsInitialized) {
                producer.initTransactions();
                transactionsInitialized = true;
            }
            producer.beginTransaction();
            T result;
            try {
                result = callback.apply(this);
            } catch (RuntimeException | Error e) {
                abortQuietly(e);
                throw e;
            }
            try {
                producer.commitTransaction();
            } catch (dev.legacykafka.client.errors.ProducerFencedException e) {
                throw e;
            } catch (RuntimeException e) {
                abortQuietly(e);
                throw e;
            }
            return result;
        }
    }

    /** Whether the producer has a transactional id, so {@link #executeInTransaction} can be used. */
    public boolean isTransactional() {
        return producer.config().transactionalId() != null;
    }

    private void abortQuietly(Throwable cause) {
        try {
            producer.abortTransaction();
        } catch (RuntimeException abortFailure) {
            cause.addSuppressed(abortFailure);
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
