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
            if (batch.isOvertaken()) {
                fail(batch, overtakenCause(batch, ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, batch.mayHaveBeenWritten()));
                continue;
            }
            try {
                if (prepare(batch, magic, version, broker)) {
                    batches.add(batch);
                }
            } catch (RuntimeException e) {
                // Never leave a drained batch neither queued nor in flight: its records would never complete.
                failUnexpectedly(batch, "preparing it for broker " + broker, e);
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
            batch.markSent();
        }
        inFlight.addAll(batches);
        short requestVersion = (short) version;
        boolean expectResponse = config.acks() != Acks.NONE;
        ProduceHandler handler = new ProduceHandler(nodeId, broker, requestVersion, batches, topicIds, System.nanoTime());
        try {
            network.send(nodeId, ApiKey.PRODUCE.id(), requestVersion, expectResponse,
                    correlationId -> ProduceCodec.encodeRequest(requestVersion, correlationId, config.clientId(),
                            config.transactionalId(),
                            config.acks().wireValue(), config.requestTimeoutMs(), batches, topicIds, network::acquireFrame),
                    handler, config.requestTimeoutMs(), nowMs);
        } catch (RuntimeException e) {
            // Encoding failed before anything was written: the request never left.
            for (ProducerBatch batch : batches) {
                failUnexpectedly(batch, "encoding the Produce request for broker " + broker, e);
            }
        }
    }

    /**
     * Readies a drained batch for a request at {@code version}: re-encodes it for another record
     * format, fails it if it cannot go, or numbers it.
     *
     * @return whether the batch goes in this request
     */
    private boolean prepare(ProducerBatch batch, byte magic, int version, String broker) {
        if (batch.magic() != magic) {
            // The leader moved to a broker that takes another record format: re-encode, send next round.
            String reason = "the leader of " + batch.topicPartition + " is now broker " + broker + ", which gets Produce v"
                    + version + " (" + ProduceVersionPolicy.formatName(magic) + ")";
            if (magic < 2 && (config.compression() == CompressionType.ZSTD || config.transactionalId() != null)) {
                fail(batch, new UnsupportedVersionException((config.transactionalId() != null
                        ? "Transactions need" : "zstd compression needs") + " the RecordBatch format, but " + reason
                        + "; the records were not sent"));
                return false;
            }
            replace(batch, RecordsRebuilder.rebuild(batch.builder(), i -> true, magic, config.compression(),
                    config.batchSize()), reason, false);
            return false;
        }
        if (config.compression() == CompressionType.ZSTD && version < 7) {
            fail(batch, new UnsupportedVersionException("zstd compression needs Produce v7+, but broker " + broker
                    + " gets Produce v" + version + "; the records were not sent"));
            return false;
        }
        if (idempotence.explicitFailure() != null) {
            fail(batch, idempotence.explicitFailure());
            return false;
        }
        if (idempotence.isActive() && magic == 2 && !idempotence.isCurrent(batch)) {
            idempotence.assignSequence(batch);
        }
        return true;
    }

    private final class ProduceHandler implements ResponseHandler {
        private final int nodeId;
        private final String broker;
        private final short version;
        private final List<ProducerBatch> batches;
        private final Map<String, UUID> topicIds;
        private final long sentNanos;
        /** How many of the batches have been settled by the response, so a later failure skips them. */
        private int settled;

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
            ProduceCodec.Decoded decoded;
            try {
                decoded = ProduceCodec.decodeResponse(response, version, topicIds);
            } catch (ProtocolException e) {
                throw e;
            } catch (RuntimeException e) {
                // The network client closes the connection and fails the request: every batch is retried.
                throw new ProtocolException("Could not read the Produce v" + version + " response of broker " + broker, e);
            }
            if (version >= 1) {
                safely(() -> listener.onThrottle(broker, decoded.throttleTimeMs()));
            }
            if (decoded.throttleTimeMs() > 0 && version >= 6) {
                // KIP-219: from v6 the broker answers at once and expects the client to hold back.
                network.throttle(nodeId, nowMs + decoded.throttleTimeMs());
            }
            for (ProducerBatch batch : batches) {
                ProduceResponse.PartitionResponse outcome = decoded.partitions().get(batch.topicPartition);
                try {
                    if (outcome == null) {
                        batch.markOutcomeUnknown();
                        retryOrFail(batch, new ProtocolException("Broker " + broker + " answered Produce v" + version
                                + " without an entry for " + batch.topicPartition), nowMs);
                    } else {
                        handleOutcome(batch, outcome, decoded, nowMs);
                    }
                } catch (RuntimeException e) {
                    failUnexpectedly(batch, "handling the answer of broker " + broker, e);
                }
                settled++;
            }
            notifyLatency();
        }

        @Override
        public void onFailure(LegacyKafkaException cause, long nowMs) {
            for (ProducerBatch batch : batches.subList(settled, batches.size())) {
                try {
                    // No answer: the broker may have written the batch.
                    batch.markOutcomeUnknown();
                    retryOrFail(batch, cause, nowMs);
                } catch (RuntimeException e) {
                    failUnexpectedly(batch, "handling a failed request to broker " + broker, e);
                }
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
                idempotence.acknowledged(batch);
                complete(batch, outcome.baseOffset(), outcome.logAppendTimeMs(), outcome.logStartOffset(),
                        decoded.throttleTimeMs(), version);
                return;
            }
            if (mayFollowAnAppend(error)) {
                // The leader may have written the batch before it answered with this error.
                batch.markOutcomeUnknown();
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
                replace(batch, RecordsRebuilder.split(batch.builder()), "the broker refused the batch as too large", true);
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

        /**
         * Answers about producer ids and sequences; returns true if handled. What each one means is
         * the sequence book's to say ({@link PartitionSequences}).
         */
        private boolean handleSequenceError(ProducerBatch batch, ErrorCode error, long nowMs) {
            TopicPartition tp = batch.topicPartition;
            boolean outOfOrder = error.equals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
            boolean unknownProducer = error.equals(ErrorCode.UNKNOWN_PRODUCER_ID);
            boolean staleEpoch = error.equals(ErrorCode.INVALID_PRODUCER_EPOCH) || error.equals(ErrorCode.PRODUCER_FENCED);
            if (!outOfOrder && !unknownProducer && !staleEpoch) {
                return false;
            }
            if (transactions != null && staleEpoch) {
                transactions.onFenced(error.name() + " for " + tp);
                fail(batch, new BrokerErrorException(error.code(), error.name(), false, tp.topic(), tp.partition(),
                        "this producer was fenced by another with the same transactional-id"));
                return true;
            }
            if (!idempotence.isCurrent(batch)) {
                // Numbered under an earlier producer id or epoch: it gets new numbers when sent again.
                return retrySequenced(batch, error, "the producer has a new epoch since the batch was sent", nowMs);
            }
            if (outOfOrder && idempotence.sequences().isOutOfOrderExplained(batch)) {
                return retrySequenced(batch, error, batch.isStampStale()
                        ? "the batch was renumbered after an earlier one failed" : "an earlier batch is being retried", nowMs);
            }
            boolean overtaken = idempotence.sequences().laterAcknowledged(batch);
            boolean mayHaveBeenWritten = batch.mayHaveBeenWritten();
            // The broker lost our producer state, or it and the sequence book disagree: a new epoch.
            // Nothing of this partition still pending can have been written: it would follow this batch.
            idempotence.sequences().refusedFromFirstPending(tp);
            idempotence.requestEpochBump(error.name() + " for " + tp);
            if (overtaken) {
                // Sent again, it would land after records sent later: it fails instead of breaking the order.
                fail(batch, overtakenCause(batch, error, mayHaveBeenWritten));
                return true;
            }
            if (transactions != null) {
                return false; // fails the batch, which makes the transaction abortable
            }
            return retrySequenced(batch, error, "the producer gets a new epoch", nowMs);
        }

        private boolean retrySequenced(ProducerBatch batch, ErrorCode error, String why, long nowMs) {
            TopicPartition tp = batch.topicPartition;
            retryOrFail(batch, new BrokerErrorException(error.code(), error.name(), true, tp.topic(), tp.partition(), why),
                    nowMs);
            return true;
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
                    batch.failRecord(entry.getKey(), entry.getValue());
                }
            }
            safely(() -> listener.onRecordsFailed(tp.topic(), byIndex.size(), error.name()));
            if (transactions != null) {
                transactions.onBatchFailed(byIndex.values().iterator().next());
            }
            replace(batch, RecordsRebuilder.rebuild(batch.builder(), i -> !byIndex.containsKey(i), batch.magic(),
                    config.compression(), config.batchSize()), "record(s) " + byIndex.keySet() + " of the batch were rejected",
                    true);
        }
    }

    /**
     * Replaces a batch by re-encoded parts that go to the front of its partition; records that could
     * not be re-encoded (headers into a MessageSet) fail with the rebuilder's reason.
     *
     * @param refusedByBroker the broker answered that it did not write the batch, so the parts take
     *                        its sequences; otherwise (another record format) the batch leaves the
     *                        sequence book as a failed one would
     */
    private void replace(ProducerBatch batch, RecordsRebuilder.Result rebuilt, String why, boolean refusedByBroker) {
        log.debug("Re-encoding {}: {}", batch, why);
        if (rebuilt.hasUnconvertible()) {
            UnsupportedVersionException cause = new UnsupportedVersionException(rebuilt.unconvertibleReason() + "; " + why);
            for (int index : rebuilt.unconvertible()) {
                batch.failRecord(index, cause);
            }
            safely(() -> listener.onRecordsFailed(batch.topicPartition.topic(), rebuilt.unconvertible().length,
                    cause.getClass().getSimpleName()));
        }
        List<ProducerBatch> parts = new ArrayList<>();
        for (RecordsRebuilder.Part part : rebuilt.parts()) {
            parts.add(ProducerBatch.fromPart(batch, part));
        }
        if (refusedByBroker) {
            idempotence.replaced(batch, parts);
        } else {
            idempotence.failed(batch);
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
        String error = cause instanceof BrokerErrorException b ? b.errorName() : cause.getClass().getSimpleName();
        TopicPartition tp = batch.topicPartition;
        safely(() -> listener.onBatchRetried(tp.topic(), tp.partition(), batch.recordCount(), batch.attempts(), error));
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

    /**
     * Why a batch that records sent after it overtook ({@link ProducerBatch#markOvertaken}) fails: the
     * broker's answer if it gave one, else OUT_OF_ORDER_SEQUENCE_NUMBER, which it would give.
     */
    private static BrokerErrorException overtakenCause(ProducerBatch batch, ErrorCode error, boolean mayHaveBeenWritten) {
        TopicPartition tp = batch.topicPartition;
        return new BrokerErrorException(error.code(), error.name(), false, tp.topic(), tp.partition(),
                "records sent after these were written first (the broker lost this producer's state meanwhile),"
                + " so they cannot be written in send order" + (mayHaveBeenWritten
                ? "; an earlier attempt got no answer, so they may have been written" : ""));
    }

    /** Fails a whole batch for good. */
    void fail(ProducerBatch batch, LegacyKafkaException cause) {
        idempotence.failed(batch);
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

    /**
     * Fails a batch after a bug (an exception nothing expected) rather than leaving its records
     * without an outcome and its partition blocked.
     */
    private void failUnexpectedly(ProducerBatch batch, String during, RuntimeException e) {
        log.error("Unexpected error while {} for {}; its records fail", during, batch, e);
        fail(batch, e instanceof LegacyKafkaException known ? known
                : new LegacyKafkaException("Unexpected error while " + during + ": " + e, e));
    }

    /** How many batches are in Produce requests awaiting an answer. */
    int inFlightCount() {
        return inFlight.size();
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

    /**
     * Errors a leader may give after appending the batch to its log (replication fell short or timed
     * out, or it failed in a way it cannot tell): the batch's outcome is unknown, not refused.
     */
    private static boolean mayFollowAnAppend(ErrorCode error) {
        return error.equals(ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND) || error.equals(ErrorCode.REQUEST_TIMED_OUT)
                || error.equals(ErrorCode.KAFKA_STORAGE_ERROR) || error.equals(ErrorCode.UNKNOWN_SERVER_ERROR)
                || error.equals(ErrorCode.NETWORK_EXCEPTION);
    }

    private static void safely(Runnable listenerCall) {
        try {
            listenerCall.run();
        } catch (RuntimeException e) {
            log.warn("ProducerListener threw; ignored", e);
        }
    }
}
