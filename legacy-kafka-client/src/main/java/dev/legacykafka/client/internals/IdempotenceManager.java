package dev.legacykafka.client.internals;

import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.errors.BrokerErrorException;
import dev.legacykafka.client.errors.LegacyKafkaException;
import dev.legacykafka.client.errors.UnsupportedVersionException;
import dev.legacykafka.client.network.BrokerConnection;
import dev.legacykafka.client.network.NetworkClient;
import dev.legacykafka.client.network.ResponseHandler;
import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.ResponseFrame;
import dev.legacykafka.client.protocol.message.InitProducerIdRequest;
import dev.legacykafka.client.protocol.message.InitProducerIdResponse;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idempotent producer's identity and sequence numbers (KIP-98): a producer id and epoch from
 * InitProducerId, and per partition the next sequence to hand out and the last one acknowledged.
 * With them the broker drops duplicates of retried batches and refuses gaps, so up to max
 * in-flight batches per partition can be in flight without losing order. Network thread only.
 */
final class IdempotenceManager {

    private static final Logger log = LoggerFactory.getLogger(IdempotenceManager.class);
    private static final int INIT_PRODUCER_ID_MAX_VERSION = 5;

    enum State {
        /** Not wanted (acks below all, or turned off). */
        DISABLED,
        /** Wanted; no producer id yet. */
        UNINITIALIZED,
        /** InitProducerId in flight. */
        INITIALIZING,
        /** Producer id and epoch known: batches get sequence numbers. */
        READY,
        /** The brokers cannot do it (before 0.11, or spoken to in MessageSet): records go without. */
        UNAVAILABLE
    }

    private final ProducerConfig config;
    private final boolean explicit;
    /** A transactional producer gets its id from the transaction manager (InitProducerId with the id). */
    private final boolean transactional;
    private final PartitionSequences sequences = new PartitionSequences();
    /**
     * A transactional producer whose sequences and the broker's may disagree (a batch failed with an
     * unknown outcome, or the broker refused our numbers): it re-initialises after the abort.
     */
    private volatile boolean epochBumpAfterAbort;
    /** A new epoch is due; it starts once no batch may have been written without the producer knowing. */
    private boolean bumpRequested;
    private State state;
    private long producerId = -1;
    private short epoch = -1;
    /** Increases whenever sequences restart (new id or epoch), so batches know their numbers are stale. */
    private int generation;
    private long retryNotBeforeMs;
    private LegacyKafkaException unavailableCause;

    IdempotenceManager(ProducerConfig config) {
        this.config = config;
        this.transactional = config.transactionalId() != null;
        this.explicit = Boolean.TRUE.equals(config.idempotence()) || transactional;
        this.state = config.idempotenceWanted() || config.sequencedPipelining() ? State.UNINITIALIZED : State.DISABLED;
    }

    State state() {
        return state;
    }

    /** Whether batches get a producer id and sequence numbers now. */
    boolean isActive() {
        return state == State.READY;
    }

    /** Whether sending must wait for the producer id. */
    boolean blocksSending() {
        return state == State.UNINITIALIZED || state == State.INITIALIZING;
    }

    /** When idempotence was asked for explicitly but the brokers cannot do it: why. Else null. */
    LegacyKafkaException explicitFailure() {
        return explicit && state == State.UNAVAILABLE ? unavailableCause : null;
    }

    long producerId() {
        return producerId;
    }

    short epoch() {
        return epoch;
    }

    int generation() {
        return generation;
    }

    /**
     * Sends InitProducerId once a broker is ready, or finds that none can do it.
     *
     * @return how long the network thread may sleep before this needs attention again
     */
    long maybeInitialize(NetworkClient network, BrokerVersionsRegistry registry, ProduceVersionPolicy policy,
                         int sequencedBatchesInFlight, long nowMs) {
        if (bumpRequested && state == State.READY) {
            if (sequencedBatchesInFlight > 0 || sequences.hasUnresolved()) {
                // Every batch of the old epoch comes back first (one failing after the bump would be
                // retried behind batches of the new epoch), and batches that may have been written are
                // retried under it: renumbered in a new one, the broker would write them twice.
                return Long.MAX_VALUE;
            }
            bumpRequested = false;
            state = State.UNINITIALIZED;
            sequences.reset();
            generation++;
        }
        if (state != State.UNINITIALIZED || transactional) {
            return Long.MAX_VALUE;
        }
        if (nowMs < retryNotBeforeMs) {
            return retryNotBeforeMs - nowMs;
        }
        BrokerConnection ready = null;
        for (BrokerConnection connection : network.connections()) {
            if (network.isReady(connection.node().id(), config.maxInFlightRequestsPerConnection(), nowMs)) {
                ready = connection;
                break;
            }
        }
        if (ready == null) {
            return 100;
        }
        BrokerVersions versions = registry.get(ready.node().id());
        String why = whyUnavailable(versions, policy);
        if (why != null) {
            state = State.UNAVAILABLE;
            unavailableCause = new UnsupportedVersionException("Idempotence is unavailable: " + why);
            if (explicit) {
                log.warn("idempotence=true but {}; sends fail until the producer talks to a 0.11+ broker with Produce v3+", why);
            } else if (config.idempotenceWanted()) {
                log.info("Idempotence is off: {}; retries may write a record twice", why);
            } else {
                log.debug("No producer id ({}): one batch in flight per partition keeps the order", why);
            }
            return Long.MAX_VALUE;
        }
        short version = (short) versions.usable(ApiKey.INIT_PRODUCER_ID.id(), 0, INIT_PRODUCER_ID_MAX_VERSION);
        // From v3 an existing id can get a new epoch instead of a new id (KIP-360).
        boolean bump = producerId >= 0 && version >= 3;
        InitProducerIdRequest request = new InitProducerIdRequest(null, 60_000, bump ? producerId : -1,
                bump ? epoch : -1);
        state = State.INITIALIZING;
        network.send(ready.node().id(), ApiKey.INIT_PRODUCER_ID.id(), version, true,
                RequestEncoders.of(request, version, config.clientId()),
                new InitHandler(version, ready.node().address()), config.requestTimeoutMs(), nowMs);
        return Long.MAX_VALUE;
    }

    private static String whyUnavailable(BrokerVersions versions, ProduceVersionPolicy policy) {
        if (versions == null || versions.fromFallback() || !versions.supports(ApiKey.INIT_PRODUCER_ID.id())) {
            return "broker " + (versions == null ? "?" : versions.broker()) + " has no InitProducerId (Kafka 0.11+ has)";
        }
        try {
            int produceVersion = policy.select(versions);
            if (produceVersion < 3) {
                return "broker " + versions.broker() + " gets Produce v" + produceVersion
                        + ", a MessageSet, which carries no producer id (RecordBatch needs Produce v3+)";
            }
        } catch (UnsupportedVersionException e) {
            return e.getMessage();
        }
        return null;
    }

    private final class InitHandler implements ResponseHandler {
        private final short version;
        private final String broker;

        InitHandler(short version, String broker) {
            this.version = version;
            this.broker = broker;
        }

        @Override
        public void onResponse(ByteBuffer payload, long nowMs) {
            InitProducerIdResponse response = ResponseFrame.read(payload, ApiKey.INIT_PRODUCER_ID, version,
                    ResponseFrame.peekCorrelationId(payload), InitProducerIdResponse::read);
            ErrorCode error = ErrorCode.forCode(response.errorCode());
            if (!error.isError()) {
                producerId = response.producerId();
                epoch = response.producerEpoch();
                generation++;
                sequences.reset();
                state = State.READY;
                log.info("{} producer {}: producer id {}, epoch {} (from broker {})",
                        config.idempotenceWanted() ? "Idempotent" : "Sequenced (acks=1)", config.clientId(),
                        producerId, epoch, broker);
            } else if (error.retriable() || error.equals(ErrorCode.CONCURRENT_TRANSACTIONS)) {
                retry(nowMs, error.name());
            } else {
                state = State.UNAVAILABLE;
                unavailableCause = new BrokerErrorException(error.code(), error.name(), false, "(producer id)", -1,
                        "InitProducerId failed on broker " + broker);
                if (config.idempotenceWanted()) {
                    log.warn("Idempotence is off: InitProducerId failed on broker {} with {}", broker, error.name());
                } else {
                    log.debug("No producer id: InitProducerId failed on broker {} with {}", broker, error.name());
                }
            }
        }

        @Override
        public void onFailure(LegacyKafkaException cause, long nowMs) {
            retry(nowMs, cause.getMessage());
        }

        private void retry(long nowMs, String why) {
            state = State.UNINITIALIZED;
            retryNotBeforeMs = nowMs + config.retryBackoffMs();
            log.debug("InitProducerId failed ({}); retrying", why);
        }
    }

    /** Takes the producer id and epoch a transactional InitProducerId or EndTxn v5 returned; sequences restart. */
    void useTransactionalProducerId(long id, short newEpoch) {
        producerId = id;
        epoch = newEpoch;
        generation++;
        sequences.reset();
        epochBumpAfterAbort = false;
        state = State.READY;
    }

    /** Whether a transactional producer must get a new epoch once its transaction is aborted. */
    boolean epochBumpAfterAbort() {
        return epochBumpAfterAbort;
    }

    boolean isTransactional() {
        return transactional;
    }

    /** Numbers a batch about to be sent for the first time in this epoch. */
    void assignSequence(ProducerBatch batch) {
        batch.assignSequence(producerId, epoch, sequences.assign(batch), generation);
    }

    /** Whether the batch's numbers belong to the current producer id and epoch. */
    boolean isCurrent(ProducerBatch batch) {
        return batch.baseSequence() >= 0 && batch.sequenceGeneration() == generation;
    }

    /** The per-partition sequence book of the current epoch. */
    PartitionSequences sequences() {
        return sequences;
    }

    /** A batch of the current epoch was acknowledged; a disagreement with the broker asks for a new epoch. */
    void acknowledged(ProducerBatch batch) {
        if (isCurrent(batch) && !sequences.acknowledged(batch)) {
            requestEpochBump("the broker acknowledged " + batch + " under numbers the producer had moved");
        }
    }

    /** The broker surely did not write {@code source}; {@code parts} take its place. */
    void replaced(ProducerBatch source, java.util.List<ProducerBatch> parts) {
        if (isCurrent(source)) {
            sequences.replaced(source, parts);
        }
    }

    /** A batch of the current epoch failed for good. */
    void failed(ProducerBatch batch) {
        if (isCurrent(batch)) {
            sequences.failed(batch, batch.mayHaveBeenWritten());
            if (transactional && batch.mayHaveBeenWritten()) {
                // Its numbers can be neither reused nor skipped safely: the next transaction starts a new epoch.
                requestEpochBump("a batch of " + batch.topicPartition + " failed without a known outcome");
            }
        }
    }

    /**
     * Gets a new epoch (or id) and restarts every partition's sequences at 0: after the broker lost
     * our producer state (UNKNOWN_PRODUCER_ID) or refused numbers nothing explains. The request goes
     * once no batch numbered in this epoch is in flight; until then nothing new is sent. Batches
     * without an outcome get new numbers, in their order, when next sent. A transactional producer
     * cannot change epoch inside a transaction: it does so after the abort its failed batch forces.
     */
    void requestEpochBump(String reason) {
        if (transactional) {
            if (!epochBumpAfterAbort) {
                log.info("Transactional producer {}: a new epoch after the abort ({})", config.clientId(), reason);
            }
            epochBumpAfterAbort = true;
            return;
        }
        if (state != State.READY || bumpRequested) {
            return;
        }
        log.info("Idempotent producer {}: new epoch needed ({})", config.clientId(), reason);
        bumpRequested = true;
    }

    /**
     * Whether a partition may send its first queued batch now. While a new epoch waits, only
     * retries of partitions with a batch that may have been written go, under the old epoch, to
     * learn whether it was.
     */
    boolean maySend(TopicPartition tp, ProducerBatch first) {
        return !bumpRequested || (isCurrent(first) && sequences.hasUnresolved(tp));
    }
}
