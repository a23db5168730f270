package dev.legacykafka.client.internals;

import dev.legacykafka.client.ConsumedOffset;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.errors.BrokerErrorException;
import dev.legacykafka.client.errors.AuthenticationException;
import dev.legacykafka.client.errors.LegacyKafkaException;
import dev.legacykafka.client.errors.ProducerFencedException;
import dev.legacykafka.client.errors.TransactionStateException;
import dev.legacykafka.client.errors.UnsupportedVersionException;
import dev.legacykafka.client.network.NetworkClient;
import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.Request;
import dev.legacykafka.client.protocol.message.AddOffsetsToTxnRequest;
import dev.legacykafka.client.protocol.message.AddOffsetsToTxnResponse;
import dev.legacykafka.client.protocol.message.AddPartitionsToTxnRequest;
import dev.legacykafka.client.protocol.message.AddPartitionsToTxnResponse;
import dev.legacykafka.client.protocol.message.EndTxnRequest;
import dev.legacykafka.client.protocol.message.EndTxnResponse;
import dev.legacykafka.client.protocol.message.InitProducerIdRequest;
import dev.legacykafka.client.protocol.message.InitProducerIdResponse;
import dev.legacykafka.client.protocol.message.TxnOffsetCommitRequest;
import dev.legacykafka.client.protocol.message.TxnOffsetCommitResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional producer (KIP-98, and KIP-890 transactions v2 where the cluster has them).
 *
 * <p>This class owns the transaction's state. Application threads call the public operations, which
 * check the state and queue coordinator requests (the steps below); {@link CoordinatorChannel}
 * sends those one at a time on the network thread and retries what is retriable. Records of a
 * transaction reach a partition only after AddPartitionsToTxn registered it (v1); with
 * transactions v2 the Produce request itself (v12+) registers it.
 */
final class TransactionManager {

    private static final Logger log = LoggerFactory.getLogger(TransactionManager.class);

    enum State { UNINITIALIZED, INITIALIZING, READY, IN_TRANSACTION, COMMITTING, ABORTING, ABORTABLE_ERROR, FENCED }

    private final ProducerConfig config;
    private final String transactionalId;
    private final IdempotenceManager idempotence;
    private final CoordinatorChannel coordinator;
    private final Set<TopicPartition> partitionsInTransaction = ConcurrentHashMap.newKeySet();
    private final PartitionsToAdd partitionsToAdd = new PartitionsToAdd();
    private volatile State state = State.UNINITIALIZED;
    private volatile LegacyKafkaException lastError;
    private volatile boolean transactionsV2;
    private volatile boolean offsetsAdded;
    /** Whether the open transaction has records (with v2 no AddPartitionsToTxn tells). */
    private volatile boolean hasRecords;
    /** What {@link #failureForQueuedRecords} answers for {@link #notSentCauseFor}. Network thread only. */
    private LegacyKafkaException notSentCause;
    private LegacyKafkaException notSentCauseFor;
    private long producerId = -1;
    private short epoch = -1;

    TransactionManager(ProducerConfig config, IdempotenceManager idempotence, BrokerVersionsRegistry brokerVersions) {
        this.config = config;
        this.transactionalId = config.transactionalId();
        this.idempotence = idempotence;
        this.coordinator = new CoordinatorChannel(config, brokerVersions, how -> {
            onFenced(how);
            return lastError;
        });
    }

    /**
     * @param needConnection asks for a connection to some broker (a Metadata refresh), for when the
     *                       transaction needs a coordinator before any record was sent
     */
    void attach(NetworkClient networkClient, Runnable needConnection) {
        coordinator.attach(networkClient, needConnection);
    }

    // ---------------------------------------------------------------- application threads

    synchronized void initTransactions(Runnable wakeup) {
        requireNotFenced();
        if (state != State.UNINITIALIZED) {
            throw new TransactionStateException("initTransactions() was already called (state " + state + ")");
        }
        state = State.INITIALIZING;
        CoordinatorStep init = new InitStep();
        try {
            await(enqueue(init, wakeup), "initTransactions");
        } catch (AuthenticationException e) {
            // Nothing reached a coordinator: with the credentials or certificates fixed, calling again is fine.
            state = State.UNINITIALIZED;
            throw e;
        }
        state = State.READY;
    }

    synchronized void beginTransaction() {
        requireNotFenced();
        if (state == State.UNINITIALIZED || state == State.INITIALIZING) {
            throw new TransactionStateException("Call initTransactions() before beginTransaction()");
        }
        if (state != State.READY) {
            throw new TransactionStateException("beginTransaction() while a transaction is " + describe(state)
                    + "; commit or abort it first");
        }
        lastError = null;
        offsetsAdded = false;
        hasRecords = false;
        partitionsInTransaction.clear();
        state = State.IN_TRANSACTION;
    }

    /** Checks a send may happen now and registers its partition with the transaction. */
    void onSend(TopicPartition tp) {
        requireNotFenced();
        State now = state;
        if (now != State.IN_TRANSACTION) {
            throw new TransactionStateException(now == State.ABORTABLE_ERROR
                    ? "The transaction failed (" + lastError.getMessage() + "); call abortTransaction()"
                    : "Send outside a transaction: producer " + config.clientId() + " has transactional-id "
                    + transactionalId + ", so call beginTransaction() first");
        }
        hasRecords = true;
        if (!transactionsV2 && !partitionsInTransaction.contains(tp)) {
            partitionsToAdd.add(tp);
        }
    }

    synchronized void sendOffsetsToTransaction(List<ConsumedOffset> offsets, String groupId, Runnable wakeup) {
        requireNotFenced();
        if (state != State.IN_TRANSACTION) {
            throw new TransactionStateException("sendOffsetsToTransaction() needs an open transaction (state "
                    + describe(state) + "); call beginTransaction() first");
        }
        if (!transactionsV2) {
            await(enqueue(new AddOffsetsStep(groupId), wakeup), "sendOffsetsToTransaction");
        }
        offsetsAdded = true;
        await(enqueue(new TxnOffsetCommitStep(groupId, offsets), wakeup), "sendOffsetsToTransaction");
    }

    /**
     * Commits: the caller has flushed every record of the transaction first.
     *
     * @throws TransactionStateException if a record of the transaction failed (abort instead)
     */
    synchronized void commitTransaction(Runnable wakeup) {
        requireNotFenced();
        if (state == State.ABORTABLE_ERROR) {
            throw new TransactionStateException("The transaction cannot commit because a send failed: "
                    + lastError.getMessage() + "; call abortTransaction()", lastError);
        }
        if (state != State.IN_TRANSACTION) {
            throw new TransactionStateException("commitTransaction() without an open transaction (state "
                    + describe(state) + "); call beginTransaction() first");
        }
        endTransaction(true, wakeup);
    }

    synchronized void abortTransaction(Runnable wakeup) {
        requireNotFenced();
        if (state != State.IN_TRANSACTION && state != State.ABORTABLE_ERROR) {
            throw new TransactionStateException("abortTransaction() without an open transaction (state "
                    + describe(state) + ")");
        }
        endTransaction(false, wakeup);
    }

    private void endTransaction(boolean commit, Runnable wakeup) {
        state = commit ? State.COMMITTING : State.ABORTING;
        try {
            // The coordinator knows the transaction only once a partition or offsets joined it.
            if (!partitionsInTransaction.isEmpty() || offsetsAdded || (transactionsV2 && hasRecords)) {
                await(enqueue(new EndTxnStep(commit), wakeup), commit ? "commitTransaction" : "abortTransaction");
            }
            if (!commit && idempotence.epochBumpAfterAbort()) {
                // A batch failed with an unknown outcome or the broker refused our sequences: a new epoch
                // restarts them at 0 rather than letting the next transaction fail on the same gap.
                await(enqueue(new InitStep(), wakeup), "abortTransaction");
            }
            partitionsInTransaction.clear();
            partitionsToAdd.clear();
            state = State.READY;
        } catch (ProducerFencedException e) {
            throw e;
        } catch (LegacyKafkaException e) {
            state = commit ? State.ABORTABLE_ERROR : State.IN_TRANSACTION;
            lastError = e;
            throw e;
        }
    }

    /** A send of the transaction failed: only abort is possible now. */
    void onBatchFailed(LegacyKafkaException cause) {
        if (state == State.IN_TRANSACTION || state == State.COMMITTING) {
            lastError = cause;
            state = State.ABORTABLE_ERROR;
        }
    }

    /** The broker said another producer took over the transactional id. */
    void onFenced(String how) {
        if (state != State.FENCED) {
            lastError = new ProducerFencedException("Producer " + config.clientId() + " was fenced: another producer "
                    + "with transactional-id " + transactionalId + " started (" + how + "); close this producer");
            state = State.FENCED;
            log.warn("{}", lastError.getMessage());
        }
    }

    /**
     * Why the records still queued can never be sent, or null while they can: the producer was
     * fenced, or the transaction failed and only an abort is left. The network thread fails them at
     * once with this cause instead of letting them wait for a partition that will not join the
     * transaction (a flush or commit would otherwise wait out the delivery timeout).
     */
    LegacyKafkaException failureForQueuedRecords() {
        State now = state;
        if (now == State.FENCED) {
            return lastError;
        }
        if (now == State.ABORTABLE_ERROR) {
            LegacyKafkaException cause = lastError;
            // Made once per failure, not on every turn of the network thread while the abort is awaited.
            if (notSentCauseFor != cause) {
                notSentCauseFor = cause;
                notSentCause = new TransactionStateException("Not sent: the transaction failed (" + cause.getMessage()
                        + ") and can only be aborted", cause);
            }
            return notSentCause;
        }
        return null;
    }

    boolean isTransactionsV2() {
        return transactionsV2;
    }

    /** Whether batches of this partition may be sent: it joined the transaction (or v2 joins it by sending). */
    boolean canSend(TopicPartition tp) {
        return transactionsV2 || partitionsInTransaction.contains(tp);
    }

    private void requireNotFenced() {
        if (state == State.FENCED) {
            throw new ProducerFencedException(lastError.getMessage());
        }
    }

    private CoordinatorStep enqueue(CoordinatorStep step, Runnable wakeup) {
        coordinator.enqueue(step);
        wakeup.run();
        return step;
    }

    private void await(CoordinatorStep step, String operation) {
        AwaitResult.of(step.result, config.maxBlockMs(), operation, "max-block (" + config.maxBlockMs() + " ms)");
    }

    private static String describe(State s) {
        return s.name().toLowerCase().replace('_', ' ');
    }

    // ---------------------------------------------------------------- network thread

    /**
     * Sends the next coordinator request when nothing is in flight: AddPartitionsToTxn for
     * partitions that got records, else the next queued step.
     *
     * @return how long the network thread may sleep before this needs attention again
     */
    long maybeSend(long nowMs) {
        if (coordinator.busy()) {
            return Long.MAX_VALUE;
        }
        if (state == State.FENCED) {
            coordinator.failQueued(lastError);
            return Long.MAX_VALUE;
        }
        if (!transactionsV2 && !partitionsToAdd.isEmpty()) {
            // Decided under the queue's lock, so the partitions are added before an EndTxn queued after
            // the state changed, never after it; once the transaction is ending their records are failed.
            coordinator.enqueueIfMade(() -> state == State.IN_TRANSACTION || state == State.COMMITTING
                    ? new AddPartitionsStep(partitionsToAdd.takeAll()) : null);
        }
        return coordinator.maybeSend(nowMs);
    }

    /**
     * A broker refused the producer's TLS handshake or credentials: operations still waiting for a
     * coordinator connection fail with it rather than at max-block. A step already sent completes
     * with its own response.
     */
    void authenticationFailed(AuthenticationException cause) {
        coordinator.failQueued(cause);
    }

    /** Fails every waiting operation (closing). */
    void failPending(LegacyKafkaException cause) {
        coordinator.failAll(cause);
    }

    private static short usable(BrokerVersions versions, ApiKey api, int max) {
        int usable = versions == null ? -1 : versions.usable(api.id(), 0, Math.min(max, api.maxVersion()));
        if (usable < 0) {
            throw new UnsupportedVersionException("Transactions need Kafka 0.11+: broker "
                    + (versions == null ? "?" : versions.broker()) + " has no " + api.protocolName());
        }
        return (short) usable;
    }

    // ---------------------------------------------------------------- the steps

    private final class InitStep extends CoordinatorStep {
        @Override
        ApiKey api() {
            return ApiKey.INIT_PRODUCER_ID;
        }

        @Override
        short version(BrokerVersions versions) {
            int produce = versions.max(0);
            if (produce < 3) {
                throw new UnsupportedVersionException("Transactions need a RecordBatch (Produce v3+, Kafka 0.11+), but "
                        + "broker " + versions.broker() + " supports Produce up to v" + produce);
            }
            // Transactions v2 (KIP-890): the cluster finalized transaction.version 2 and the broker speaks Produce v12, EndTxn v5.
            transactionsV2 = versions.finalizedTransactionVersion() >= 2 && produce >= 12
                    && versions.max(ApiKey.END_TXN.id()) >= 5;
            return usable(versions, ApiKey.INIT_PRODUCER_ID, 5);
        }

        @Override
        Request request(short version) {
            return new InitProducerIdRequest(transactionalId, config.transactionTimeoutMs(), -1, (short) -1);
        }

        @Override
        ErrorCode handle(ByteBuffer payload, short version, int correlationId) {
            InitProducerIdResponse response = read(payload, ApiKey.INIT_PRODUCER_ID, version, InitProducerIdResponse::read);
            ErrorCode error = ErrorCode.forCode(response.errorCode());
            if (!error.isError()) {
                producerId = response.producerId();
                epoch = response.producerEpoch();
                idempotence.useTransactionalProducerId(producerId, epoch);
                log.info("Transactional producer {} (transactional-id {}): producer id {}, epoch {}, transactions v{}",
                        config.clientId(), transactionalId, producerId, epoch, transactionsV2 ? 2 : 1);
            }
            return error;
        }
    }

    private final class AddPartitionsStep extends CoordinatorStep {
        private final List<TopicPartition> partitions;

        AddPartitionsStep(List<TopicPartition> partitions) {
            this.partitions = partitions;
        }

        @Override
        ApiKey api() {
            return ApiKey.ADD_PARTITIONS_TO_TXN;
        }

        @Override
        short version(BrokerVersions versions) {
            return usable(versions, ApiKey.ADD_PARTITIONS_TO_TXN, 3); // v4+ is for brokers only
        }

        @Override
        Request request(short version) {
            Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
            for (TopicPartition tp : partitions) {
                byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
            }
            List<AddPartitionsToTxnRequest.Topic> topics = new ArrayList<>();
            byTopic.forEach((name, list) -> topics.add(new AddPartitionsToTxnRequest.Topic(name, list)));
            return new AddPartitionsToTxnRequest(transactionalId, producerId, epoch, topics);
        }

        @Override
        ErrorCode handle(ByteBuffer payload, short version, int correlationId) {
            AddPartitionsToTxnResponse response = read(payload, ApiKey.ADD_PARTITIONS_TO_TXN, version,
                    AddPartitionsToTxnResponse::read);
            ErrorCode worst = ErrorCode.NONE;
            Set<TopicPartition> added = new HashSet<>();
            for (AddPartitionsToTxnResponse.TopicResult topic : response.topics()) {
                for (AddPartitionsToTxnResponse.PartitionResult partition : topic.partitions()) {
                    ErrorCode error = ErrorCode.forCode(partition.errorCode());
                    if (!error.isError()) {
                        added.add(new TopicPartition(topic.name(), partition.partitionIndex()));
                    } else if (!error.equals(ErrorCode.OPERATION_NOT_ATTEMPTED)) {
                        worst = error;
                    }
                }
            }
            partitionsInTransaction.addAll(added);
            if (worst.isError() && !worst.retriable() && !worst.equals(ErrorCode.CONCURRENT_TRANSACTIONS)
                    && !worst.equals(ErrorCode.PRODUCER_FENCED) && !worst.equals(ErrorCode.INVALID_PRODUCER_EPOCH)) {
                onBatchFailed(new BrokerErrorException(worst.code(), worst.name(), false, "(transaction " + transactionalId
                        + ")", -1, "AddPartitionsToTxn failed"));
            }
            if (worst.isError()) {
                // Partitions not added are tried again by the retry of this step.
                partitions.removeAll(added);
            }
            return worst;
        }
    }

    private final class AddOffsetsStep extends CoordinatorStep {
        private final String groupId;

        AddOffsetsStep(String groupId) {
            this.groupId = groupId;
        }

        @Override
        ApiKey api() {
            return ApiKey.ADD_OFFSETS_TO_TXN;
        }

        @Override
        short version(BrokerVersions versions) {
            return usable(versions, ApiKey.ADD_OFFSETS_TO_TXN, 4);
        }

        @Override
        Request request(short version) {
            return new AddOffsetsToTxnRequest(transactionalId, producerId, epoch, groupId);
        }

        @Override
        ErrorCode handle(ByteBuffer payload, short version, int correlationId) {
            return ErrorCode.forCode(read(payload, ApiKey.ADD_OFFSETS_TO_TXN, version, AddOffsetsToTxnResponse::read).errorCode());
        }
    }

    private final class TxnOffsetCommitStep extends CoordinatorStep {
        private final String groupId;
        private final List<ConsumedOffset> offsets;

        TxnOffsetCommitStep(String groupId, List<ConsumedOffset> offsets) {
            this.groupId = groupId;
            this.offsets = offsets;
        }

        @Override
        ApiKey api() {
            return ApiKey.TXN_OFFSET_COMMIT;
        }

        @Override
        String groupKey() {
            return groupId;
        }

        @Override
        short version(BrokerVersions versions) {
            // v5 carries the implicit AddOffsetsToTxn of transactions v2; without v2 stay at v4.
            return usable(versions, ApiKey.TXN_OFFSET_COMMIT, transactionsV2 ? 5 : 4);
        }

        @Override
        Request request(short version) {
            Map<String, List<TxnOffsetCommitRequest.Partition>> byTopic = new LinkedHashMap<>();
            for (ConsumedOffset offset : offsets) {
                byTopic.computeIfAbsent(offset.topic(), t -> new ArrayList<>())
                        .add(new TxnOffsetCommitRequest.Partition(offset.partition(), offset.nextOffset(), -1, null));
            }
            List<TxnOffsetCommitRequest.Topic> topics = new ArrayList<>();
            byTopic.forEach((name, list) -> topics.add(new TxnOffsetCommitRequest.Topic(name, list)));
            return new TxnOffsetCommitRequest(transactionalId, groupId, producerId, epoch,
                    TxnOffsetCommitRequest.Member.NONE, topics);
        }

        @Override
        ErrorCode handle(ByteBuffer payload, short version, int correlationId) {
            TxnOffsetCommitResponse response = read(payload, ApiKey.TXN_OFFSET_COMMIT, version, TxnOffsetCommitResponse::read);
            for (TxnOffsetCommitResponse.TopicResult topic : response.topics()) {
                for (TxnOffsetCommitResponse.PartitionResult partition : topic.partitions()) {
                    ErrorCode error = ErrorCode.forCode(partition.errorCode());
                    if (error.isError()) {
                        return error;
                    }
                }
            }
            return ErrorCode.NONE;
        }
    }

    private final class EndTxnStep extends CoordinatorStep {
        private final boolean commit;

        EndTxnStep(boolean commit) {
            this.commit = commit;
        }

        @Override
        ApiKey api() {
            return ApiKey.END_TXN;
        }

        @Override
        short version(BrokerVersions versions) {
            return usable(versions, ApiKey.END_TXN, transactionsV2 ? 5 : 4);
        }

        @Override
        Request request(short version) {
            return new EndTxnRequest(transactionalId, producerId, epoch, commit);
        }

        @Override
        ErrorCode handle(ByteBuffer payload, short version, int correlationId) {
            EndTxnResponse response = read(payload, ApiKey.END_TXN, version, EndTxnResponse::read);
            ErrorCode error = ErrorCode.forCode(response.errorCode());
            if (!error.isError() && version >= 5 && response.producerId() >= 0) {
                // Transactions v2 bump the epoch with every transaction; the next one uses what EndTxn returned.
                producerId = response.producerId();
                epoch = response.producerEpoch();
                idempotence.useTransactionalProducerId(producerId, epoch);
            }
            return error;
        }
    }
}
