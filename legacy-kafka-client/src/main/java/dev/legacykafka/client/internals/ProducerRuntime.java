package dev.legacykafka.client.internals;

import dev.legacykafka.client.BrokerStatus;
import dev.legacykafka.client.Header;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerListener;
import dev.legacykafka.client.errors.ProducerClosedException;
import dev.legacykafka.client.network.NetworkClient;
import dev.legacykafka.client.partition.Partitioner;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The moving parts behind a producer: metadata, broker versions, buffer memory, the accumulator
 * and the network thread that runs the {@link Sender}. The public producer holds one.
 */
public final class ProducerRuntime {

    private static final Logger log = LoggerFactory.getLogger(ProducerRuntime.class);

    private final ProducerConfig config;
    private final ClusterMetadata metadata;
    private final BrokerVersionsRegistry brokerVersions = new BrokerVersionsRegistry();
    private final BufferPool pool;
    private final RecordAccumulator accumulator;
    private final Sender sender;
    private final Thread networkThread;
    /** Asked on every send, so kept apart from the sender. */
    private final boolean transactional;

    public ProducerRuntime(ProducerConfig config, ProducerListener listener, ProduceVersionPolicy versionPolicy) {
        this.config = config;
        this.metadata = new ClusterMetadata(config.metadataMaxAgeMs());
        this.pool = new BufferPool(config.bufferMemory(), Math.max(config.batchSize(), 64));
        this.accumulator = new RecordAccumulator(config.batchSize(), config.compression(), config.lingerMs(), pool,
                config.transactionalId() != null);
        this.sender = new Sender(config, listener, metadata, brokerVersions, accumulator, versionPolicy);
        this.transactional = sender.transactions() != null;
        this.networkThread = new Thread(sender, "legacy-kafka-network-thread | " + config.clientId());
        this.networkThread.setDaemon(true);
        this.networkThread.start();
    }

    public ClusterMetadata metadata() {
        return metadata;
    }

    public BrokerVersionsRegistry brokerVersions() {
        return brokerVersions;
    }

    /** Wakes the network thread, e.g. because a batch filled up. */
    public void wakeup() {
        sender.wakeup();
    }

    /**
     * Appends a record whose partition and format are decided; wakes the network thread when a batch
     * is ready.
     *
     * @param outcome    where the record's outcome goes: its future, a {@link dev.legacykafka.client.SendCallback}, or null
     * @param startNanos {@link System#nanoTime()} when the send began, from which max block counts, or
     *                   {@link #CLOCK_NOT_READ} if the send has not waited yet (max block then counts from
     *                   the moment buffer memory is needed)
     * @param mayMoveOn  whether the record may be refused when the partition's open batch is full, for
     *                   the caller to move the sticky partitioner on and send it elsewhere
     * @return false if the record was refused for that reason (nothing appended), else true
     */
    public boolean append(TopicPartition tp, byte magic, long timestamp, byte[] key, byte[] value, Header[] headers,
                          Object outcome, int recordBatchSize, long startNanos, Partitioner partitioner, boolean mayMoveOn)
            throws InterruptedException {
        RecordAccumulator.AppendResult result = accumulator.append(tp, magic, timestamp, key, value, headers,
                outcome, recordBatchSize, startNanos, config.maxBlockMs(), mayMoveOn);
        if (result == RecordAccumulator.AppendResult.FILLED_NOT_APPENDED) {
            // The full batch is ready to go, whatever the record's next partition holds.
            sender.wakeup();
            return false;
        }
        if (result.filledABatch()) {
            // A full batch is ready to go; sticky partitioning moves on.
            partitioner.onNewBatch(tp.topic(), tp.partition());
        }
        if (result.newBatch()) {
            sender.wakeup();
        }
        return true;
    }

    /** Sends what is buffered without waiting for linger and waits until it has completed. */
    public void flush() {
        accumulator.beginFlush();
        try {
            sender.wakeup();
            for (CompletableFuture<?> future : accumulator.incompleteFutures()) {
                future.join();
            }
        } finally {
            accumulator.endFlush();
        }
    }

    // ---- transactions (the producer checks they are configured)

    public void initTransactions() {
        sender.transactions().initTransactions(sender::wakeup);
    }

    public void beginTransaction() {
        sender.transactions().beginTransaction();
    }

    /** Checks a send of a transactional producer may happen and registers its partition. */
    public void onTransactionalSend(TopicPartition tp) {
        sender.transactions().onSend(tp);
    }

    public void sendOffsetsToTransaction(java.util.List<dev.legacykafka.client.ConsumedOffset> offsets, String groupId) {
        sender.transactions().sendOffsetsToTransaction(offsets, groupId, sender::wakeup);
    }

    public void commitTransaction() {
        flush();
        sender.transactions().commitTransaction(sender::wakeup);
    }

    public void abortTransaction() {
        sender.failQueued(new dev.legacykafka.client.errors.TransactionStateException(
                "The transaction was aborted before this record was sent"));
        flush();
        sender.transactions().abortTransaction(sender::wakeup);
    }

    public boolean isTransactional() {
        return transactional;
    }

    public long bufferAvailableBytes() {
        return pool.availableMemory();
    }

    public Map<String, Integer> produceVersions() {
        return sender.produceVersions();
    }

    public List<BrokerStatus> probeBrokers(long timeoutMs) {
        return sender.probeBrokers(timeoutMs);
    }

    /**
     * Stops appends, lets the network thread finish what it can within {@code timeoutMs}, then fails
     * the rest. Returns within the timeout plus {@link #CLOSE_MARGIN_MS} whatever the brokers do:
     * if the thread has not stopped by then, it is told to stop at once, and records still without
     * an outcome fail here with ProducerClosedException.
     */
    public void close(long timeoutMs) {
        long deadlineMs = NetworkClient.nowMs() + Math.max(0, timeoutMs);
        accumulator.close();
        pool.close();
        metadata.close();
        sender.initiateClose(deadlineMs);
        if (Thread.currentThread() == networkThread) {
            log.warn("close() called from the producer's own network thread (a send callback); not waiting for it");
            return;
        }
        try {
            networkThread.join(Math.max(1, deadlineMs - NetworkClient.nowMs() + CLOSE_MARGIN_MS / 2));
            if (networkThread.isAlive()) {
                log.warn("Producer {}: the network thread did not stop within the close timeout; stopping it now",
                        config.clientId());
                sender.forceClose();
                networkThread.join(CLOSE_MARGIN_MS / 2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sender.forceClose();
        }
        if (networkThread.isAlive()) {
            // The thread is stuck (a callback that blocks?): no record may stay without an outcome.
            accumulator.failIncomplete(new ProducerClosedException("Producer " + config.clientId()
                    + " was closed before the record was acknowledged (the network thread did not stop in time)"));
        }
    }

    /** A send's start time when it has not read the clock: nothing it did so far could wait. */
    public static final long CLOCK_NOT_READ = Long.MIN_VALUE;

    /** How long past the close timeout close may take to stop the network thread. */
    static final long CLOSE_MARGIN_MS = 1_000;
}
