package dev.legacykafka.client.internals;

import dev.legacykafka.client.Acks;
import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerListener;
import dev.legacykafka.client.RecordError;
import dev.legacykafka.client.errors.BrokerErrorException;
import dev.legacykafka.client.errors.LegacyKafkaException;
import dev.legacykafka.client.errors.ProtocolException;
import dev.legacykafka.client.errors.RecordErrorException;
import dev.legacykafka.client.errors.UnsupportedVersionException;
import dev.legacykafka.client.network.BrokerNode;
import dev.legacykafka.client.network.NetworkClient;
import dev.legacykafka.client.network.ResponseHandler;
import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.message.ProduceResponse;
import dev.legacykafka.client.record.RecordsRebuilder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns drained batches into Produce requests for one broker and acts on the answers: completes
 * records, retries retriable failures with backoff (refreshing metadata or following the new
 * leader a v10+ response names), fails the rest with the broker's error, and sends a batch's
 * innocent records again when record_errors blame only some of them.
 */
final class ProduceDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ProduceDispatcher.class);

    private final ProducerConfig config;
    private final ProducerListener listener;
    private final ClusterMetadata metadata;
    private final BrokerVersionsRegistry brokerVersions;
    private final RecordAccumulator accumulator;
    private final ProduceVersionPolicy versionPolicy;
    private final NetworkClient network;
    private final IdempotenceManager idempotence;
    /** Null for a producer without transactional id. */
    private final TransactionManager transactions;
    private final Set<ProducerBatch> inFlight = new HashSet<>();
    private final Map<ProducerBatch, String> lastErrors = new HashMap<>();
    private final List<Runnable> deferredCompletions = new ArrayList<>();
    /** Set when the producer gives up on everything in flight (close): failures are final from then on. */
    private boolean aborting;

    ProduceDispatcher(ProducerConfig config, ProducerListener listener, ClusterMetadata metadata,
                      BrokerVersionsRegistry brokerVersions, RecordAccumulator accumulator,
                      ProduceVersionPolicy versionPolicy, NetworkClient network, IdempotenceManager idempotence,
                      TransactionManager transactions) {
        this.config = config;
        this.listener = listener;
        this.metadata = metadata;
        this.brokerVersions = brokerVersions;
        this.accumulator = accumulator;
        this.versionPolicy = versionPolicy;
        this.network = network;
        this.idempotence = idempotence;
        this.transactions = transactions;
    }

    /** Sends the batches drained for one node as one Produce request. */
    void send(int nodeId, List<ProducerBatch> drained, long nowMs) {
        BrokerVersions versions = brokerVersions.get(nodeId);
        BrokerNode node = metadata.node(nodeId);
        String broker = node == null ? "node " + nodeId : node.address();
        int version;
        try {
            version = versionPolicy.select(versions);
        } catch (UnsupportedVersionException e) {
            drained.forEach(batch -> fail(batch, e));
            return;
        }
        if (transactions != null && !transactions.isTransactionsV2()) {
            // Transactions v1: Produce v12+ would tell the broker we use v2 (KIP-890).
            version = Math.min(version, 11);
        }
        byte magic = ProduceVersionPolicy.magicFor(version);
        List<ProducerBatch> batches = new ArrayList<>(drained.size());
        for (ProducerBatch batch : drained) {
            if (batch.magic() != magic) {
                // The leader moved to a broker that takes another record format: re-encode, send next round.
                String reason = "the leader of " + batch.topicPartition + " is now broker " + broker + ", which gets Produce v"
                        + version + " (" + ProduceVersionPolicy.formatName(magic) + ")";
                replace(batch, RecordsRebuilder.rebuild(batch.builder(), i -> true, magic, config.compression(),
                        config.batchSize()), reason);
            } else if (config.compression() == CompressionType.ZSTD && version < 7) {
                fail(batch, new UnsupportedVersionException("zstd compression needs Produce v7+, but broker " + broker
                        + " gets Produce v" + version + "; the records were not sent"));
            } else if (idempotence.explicitFailure() != null) {
                fail(batch, idempotence.explicitFailure());
            } else {
                if (idempotence.isActive() && magic == 2 && batch.sequenceGeneration() != idempotence.generation()) {
                    batch.assignSequence(idempotence.producerId(), idempotence.epoch(),
                            idempotence.nextSequence(batch.topicPartition, batch.recordCount()), idempotence.generation());
                }
                batches.add(batch);
            }
        }
        if (batches.isEmpty()) {
            return;
        }
        Map<String, UUID> topicIds = new HashMap<>();
        if (version >= 13) {
            for (ProducerBatch batch : batches) {
                ClusterMetadata.TopicInfo info = metadata.topic(batch.topicPartition.topic());
                UUID id = info == null ? null : info.topicId();
                if (id == null) {
                    // v13 names topics by id only; without an id for every topic, v12 carries the same batches.
                    version = 12;
                    topicIds.clear();
                    break;
                }
                topicIds.put(batch.topicPartition.topic(), id);
            }
        }
        for (ProducerBatch batch : batches) {
            batch.recordAttempt();
        }
        inFlight.addAll(batches);
        short requestVersion = (short) version;
        boolean expectResponse = config.acks() != Acks.NONE;
        ProduceHandler handler = new ProduceHandler(nodeId, broker, requestVersion, batches, topicIds, System.nanoTime());
        network.send(nodeId, ApiKey.PRODUCE.id(), requestVersion, expectResponse,
                correlationId -> ProduceCodec.encodeRequest(requestVersion, correlationId, config.clientId(),
                        config.transactionalId(),
                        config.acks().wireValue(), config.requestTimeoutMs(), batches, topicIds, network::acquireFrame),
                handler, config.requestTimeoutMs(), nowMs);
    }

    private final class ProduceHandler implements ResponseHandler {
        private final int nodeId;
        private final String broker;
        private final short version;
        private final List<ProducerBatch> batches;
        private final Map<String, UUID> topicIds;
        private final long sentNanos;

        ProduceHandler(int nodeId, String broker, short version, List<ProducerBatch> batches, Map<String, UUID> topicIds,
                       long sentNanos) {
            this.nodeId = nodeId;
            this.broker = broker;
            this.version = version;
            this.batches = batches;
            this.topicIds = topicIds;
            this.sentNanos = sentNanos;
        }

        @Override
        public void onResponse(ByteBuffer response, long nowMs) {
            if (response == null) {
                // acks=0: the broker never answers; written is all we will know.
                for (ProducerBatch batch : batches) {
                    complete(batch, -1, -1, -1, 0, version);
                }
                notifyLatency();
                return;
            }
            ProduceCodec.Decoded decoded = ProduceCodec.decodeResponse(response, version, topicIds);
            if (version >= 1) {
                safely(() -> listener.onThrottle(broker, decoded.throttleTimeMs()));
            }
            if (decoded.throttleTimeMs() > 0 && version >= 6) {
                // KIP-219: from v6 the broker answers at once and expects the client to hold back.
                network.throttle(nodeId, nowMs + decoded.throttleTimeMs());
            }
            for (ProducerBatch batch : batches) {
                ProduceResponse.PartitionResponse outcome = decoded.partitions().get(batch.topicPartition);
                if (outcome == null) {
                    retryOrFail(batch, new ProtocolException("Broker " + broker + " answered Produce v" + version
                            + " without an entry for " + batch.topicPartition), nowMs);
                } else {
                    handleOutcome(batch, outcome, decoded, nowMs);
                }
            }
            notifyLatency();
        }

        @Override
        public void onFailure(LegacyKafkaException cause, long nowMs) {
            for (ProducerBatch batch : batches) {
                retryOrFail(batch, cause, nowMs);
            }
        }

        private void notifyLatency() {
            long latency = System.nanoTime() - sentNanos;
            safely(() -> listener.onProduceRequestCompleted(broker, version, latency));
        }

        private void handleOutcome(ProducerBatch batch, ProduceResponse.PartitionResponse outcome, ProduceCodec.Decoded decoded, long nowMs) {
            TopicPartition tp = batch.topicPartition;
            ErrorCode error = outcome.error();
            if (!error.isError() || error.equals(ErrorCode.DUPLICATE_SEQUENCE_NUMBER)) {
                // A duplicate sequence means an earlier attempt of this very batch was written.
                if (batch.baseSequence() >= 0 && batch.sequenceGeneration() == idempotence.generation()) {
                    idempotence.acknowledged(tp, batch.baseSequence(), batch.recordCount());
                }
                complete(batch, outcome.baseOffset(), outcome.logAppendTimeMs(), outcome.logStartOffset(),
                        decoded.throttleTimeMs(), version);
                return;
            }
            if (batch.baseSequence() >= 0 && handleSequenceError(batch, error, nowMs)) {
                return;
            }
            if (!outcome.recordErrors().isEmpty()) {
                failRecords(batch, error, outcome);
                return;
            }
            if (error.equals(ErrorCode.MESSAGE_TOO_LARGE) && batch.recordCount() > 1) {
                // The broker takes smaller batches; each half is tried again (and split again if need be).
                replace(batch, RecordsRebuilder.split(batch.builder()), "the broker refused the batch as too large");
                return;
            }
            BrokerErrorException cause = new BrokerErrorException(error.code(), error.name(), error.retriable(),
                    tp.topic(), tp.partition(), outcome.errorMessage());
            if (error.retriable()) {
                ProduceResponse.LeaderAndEpoch leader = outcome.currentLeader();
                if (leader.isKnown()) {
                    // KIP-951: the broker named the new leader; go there without waiting for Metadata.
                    metadata.updateLeader(tp, leader.leaderId(), leader.leaderEpoch(),
                            decoded.nodeEndpoints().get(leader.leaderId()));
                } else if (error.invalidMetadata()) {
                    metadata.requestUpdate();
                }
            }
            retryOrFail(batch, cause, nowMs);
        }

        /** Idempotence errors; returns true if handled. */
        private boolean handleSequenceError(ProducerBatch batch, ErrorCode error, long nowMs) {
            TopicPartition tp = batch.topicPartition;
            if (transactions != null && (error.equals(ErrorCode.PRODUCER_FENCED) || error.equals(ErrorCode.INVALID_PRODUCER_EPOCH))) {
                transactions.onFenced(error.name() + " for " + tp);
                fail(batch, new BrokerErrorException(error.code(), error.name(), false, tp.topic(), tp.partition(),
                        "this producer was fenced by another with the same transactional-id"));
                return true;
            }
            if (error.equals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER)
                    && !idempotence.isNextExpected(tp, batch.baseSequence())
                    && batch.sequenceGeneration() == idempotence.generation()) {
                // An earlier batch of the partition failed and is being retried: this one goes after it.
                retryOrFail(batch, new BrokerErrorException(error.code(), error.name(), true, tp.topic(), tp.partition(),
                        "an earlier batch is being retried"), nowMs);
                return true;
            }
            if (transactions != null) {
                return false; // fails the batch, which makes the transaction abortable
            }
            if (error.equals(ErrorCode.UNKNOWN_PRODUCER_ID) || error.equals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER)
                    || error.equals(ErrorCode.INVALID_PRODUCER_EPOCH) || error.equals(ErrorCode.PRODUCER_FENCED)) {
                // The broker lost or refused our producer state: new epoch, sequences from 0, send again.
                idempotence.resetProducerId(error.name() + " for " + tp);
                retryOrFail(batch, new BrokerErrorException(error.code(), error.name(), true, tp.topic(), tp.partition(),
                        "the producer id was reset"), nowMs);
                return true;
            }
            return false;
        }

        private void failRecords(ProducerBatch batch, ErrorCode error, ProduceResponse.PartitionResponse outcome) {
            TopicPartition tp = batch.topicPartition;
            Map<Integer, RecordErrorException> byIndex = new HashMap<>();
            for (ProduceResponse.RecordError entry : outcome.recordErrors()) {
                String message = entry.message() != null ? entry.message() : outcome.errorMessage();
                byIndex.put(entry.batchIndex(), new RecordErrorException(error.code(), error.name(), tp.topic(),
                        tp.partition(), entry.batchIndex(), message));
                RecordError recordError = new RecordError(tp.topic(), tp.partition(), entry.batchIndex(), error.name(), message);
                safely(() -> listener.onRecordError(recordError));
            }
            // The broker rejected the whole batch for these records: they fail, the others go again.
            for (Map.Entry<Integer, RecordErrorException> entry : byIndex.entrySet()) {
                if (entry.getKey() >= 0 && entry.getKey() < batch.recordCount()) {
                    batch.future(entry.getKey()).completeExceptionally(entry.getValue());
                }
            }
            safely(() -> listener.onRecordsFailed(tp.topic(), byIndex.size(), error.name()));
            if (transactions != null) {
                transactions.onBatchFailed(byIndex.values().iterator().next());
            }
            replace(batch, RecordsRebuilder.rebuild(batch.builder(), i -> !byIndex.containsKey(i), batch.magic(),
                    config.compression(), config.batchSize()), "record(s) " + byIndex.keySet() + " of the batch were rejected");
        }
    }

    /**
     * Replaces a batch by re-encoded parts that go to the front of its partition; records that could
     * not be re-encoded (headers into a MessageSet) fail with the rebuilder's reason.
     */
    private void replace(ProducerBatch batch, RecordsRebuilder.Result rebuilt, String why) {
        log.debug("Re-encoding {}: {}", batch, why);
        if (rebuilt.hasUnconvertible()) {
            UnsupportedVersionException cause = new UnsupportedVersionException(rebuilt.unconvertibleReason() + "; " + why);
            for (int index : rebuilt.unconvertible()) {
                batch.future(index).completeExceptionally(cause);
            }
            safely(() -> listener.onRecordsFailed(batch.topicPartition.topic(), rebuilt.unconvertible().length,
                    cause.getClass().getSimpleName()));
        }
        List<ProducerBatch> parts = new ArrayList<>();
        for (RecordsRebuilder.Part part : rebuilt.parts()) {
            parts.add(ProducerBatch.fromPart(batch, part));
        }
        batch.replaceBy(parts);
        // The parts hold copies, so the source's pooled buffer can go back now.
        finish(batch);
        accumulator.reenqueueParts(batch.topicPartition, parts);
    }

    private void retryOrFail(ProducerBatch batch, LegacyKafkaException cause, long nowMs) {
        lastErrors.put(batch, cause.getMessage());
        boolean canRetry = cause.isRetriable()
                && !aborting
                && batch.attempts() <= config.retries()
                && nowMs - batch.createdMs < config.deliveryTimeoutMs();
        if (!canRetry) {
            fail(batch, cause);
            return;
        }
        long backoff = Math.min(config.retryBackoffMaxMs(),
                config.retryBackoffMs() << Math.min(20, Math.max(0, batch.attempts() - 1)));
        backoff = (long) (backoff * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        log.debug("Retrying {} in {} ms after: {}", batch, backoff, cause.getMessage());
        inFlight.remove(batch);
        batch.retryNotBefore(nowMs + backoff);
        accumulator.reenqueue(batch);
    }

    /**
     * Completes a batch's records. The partition is free at once; the futures complete only after the
     * network thread has drained and sent what is ready next ({@link #runDeferredCompletions}), so
     * callbacks never hold up the next request.
     */
    private void complete(ProducerBatch batch, long baseOffset, long logAppendTime, long logStartOffset,
                          int throttleTimeMs, int version) {
        int size = batch.isSealed() ? batch.records().remaining() : batch.estimatedSizeInBytes();
        finish(batch);
        deferredCompletions.add(() -> {
            if (batch.complete(baseOffset, logAppendTime, logStartOffset, throttleTimeMs, version)) {
                TopicPartition tp = batch.topicPartition;
                safely(() -> listener.onBatchAcknowledged(tp.topic(), tp.partition(), batch.recordCount(), size));
            }
        });
    }

    /** Completes the futures of batches acknowledged since the last call. */
    void runDeferredCompletions() {
        if (deferredCompletions.isEmpty()) {
            return;
        }
        List<Runnable> due = new ArrayList<>(deferredCompletions);
        deferredCompletions.clear();
        for (Runnable completion : due) {
            completion.run();
        }
    }

    /** Fails a whole batch for good. */
    void fail(ProducerBatch batch, LegacyKafkaException cause) {
        finish(batch);
        if (transactions != null) {
            transactions.onBatchFailed(cause);
        }
        if (batch.fail(cause)) {
            String name = cause instanceof BrokerErrorException b ? b.errorName() : cause.getClass().getSimpleName();
            safely(() -> listener.onRecordsFailed(batch.topicPartition.topic(), batch.recordCount(), name));
        }
    }

    /** Fails every batch in flight (closing). */
    void failAll(LegacyKafkaException cause) {
        aborting = true;
        for (ProducerBatch batch : new ArrayList<>(inFlight)) {
            fail(batch, cause);
        }
    }

    /** " (last error: ...)" for a batch that was retried, else "". */
    String lastErrorSuffix(ProducerBatch batch) {
        String last = lastErrors.get(batch);
        return last == null ? "" : "; last error: " + last;
    }

    private void finish(ProducerBatch batch) {
        inFlight.remove(batch);
        lastErrors.remove(batch);
        accumulator.doneInFlight(batch);
        accumulator.deallocate(batch);
    }

    private static void safely(Runnable listenerCall) {
        try {
            listenerCall.run();
        } catch (RuntimeException e) {
            log.warn("ProducerListener threw; ignored", e);
        }
    }
}
