package dev.legacykafka.client.scripted;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.protocol.Errors;

/**
 * The faults a {@link ScriptedBroker} injects, scriptable from tests while the broker runs:
 * <pre>{@code
 * broker.faults().when(ProduceMatcher.nthRequest(2)).answer(Errors.LEADER_NOT_AVAILABLE);
 * broker.faults().when(ProduceMatcher.partition("t", 0)).dropResponse().times(3);
 * }</pre>
 * Rules are tried in the order they were added; a batch gets at most one partition fault and a
 * request at most one connection fault.
 */
public final class FaultSchedule {

    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
    private final Deque<Errors> initProducerIdErrors = new ArrayDeque<>();
    private final Deque<MetadataFault> metadataFaults = new ArrayDeque<>();
    private volatile boolean unresponsive;
    private volatile boolean skipApiVersions;

    /** Starts a rule for the batches {@code matcher} chooses; finish it with one of the actions. */
    public RuleBuilder when(ProduceMatcher matcher) {
        return new RuleBuilder(matcher);
    }

    /** Answers the next {@code times} InitProducerId requests with {@code error}. */
    public synchronized void failInitProducerId(Errors error, int times) {
        for (int i = 0; i < times; i++) {
            initProducerIdErrors.addLast(error);
        }
    }

    /** How a Metadata answer goes wrong. */
    public enum MetadataFault {
        /**
         * No brokers, and every requested topic answered INVALID_REPLICATION_FACTOR: what a
         * restarting 0.11 broker with an empty metadata cache says when asked to auto-create.
         */
        EMPTY_CACHE,
        /** Partition 0 of every topic without a leader (-1) and LEADER_NOT_AVAILABLE, as during an election. */
        NO_LEADER
    }

    /** Answers the next {@code times} Metadata requests with {@code fault}. */
    public synchronized void failMetadata(MetadataFault fault, int times) {
        for (int i = 0; i < times; i++) {
            metadataFaults.addLast(fault);
        }
    }

    /**
     * While true, ApiVersions requests are read and never answered, but later requests on the
     * connection are: what a Kafka 0.9 broker does.
     */
    public void skipApiVersions(boolean value) {
        skipApiVersions = value;
    }

    boolean skipsApiVersions() {
        return skipApiVersions;
    }

    /** While true, every request on every node is read and never answered (a black hole). */
    public void unresponsive(boolean value) {
        unresponsive = value;
    }

    /** Removes every rule, pending InitProducerId and Metadata fault and ends unresponsiveness: faults stop. */
    public synchronized void clear() {
        rules.clear();
        initProducerIdErrors.clear();
        metadataFaults.clear();
        unresponsive = false;
        skipApiVersions = false;
    }

    /** The rules added so far, with how often each fired. */
    public List<FaultRule> rules() {
        return List.copyOf(rules);
    }

    boolean isUnresponsive() {
        return unresponsive;
    }

    synchronized MetadataFault nextMetadataFault() {
        return metadataFaults.pollFirst();
    }

    synchronized Errors nextInitProducerIdError() {
        return initProducerIdErrors.pollFirst();
    }

    /** The first partition-level rule that applies to {@code event}, consumed; or null. */
    FaultRule applyPartitionFault(ProduceEvent event) {
        return apply(event, false);
    }

    /** The first connection-level rule that applies to {@code event}, consumed; or null. */
    FaultRule applyRequestFault(ProduceEvent event) {
        return apply(event, true);
    }

    private FaultRule apply(ProduceEvent event, boolean wholeRequest) {
        for (FaultRule rule : rules) {
            if (rule.kind().wholeRequest() == wholeRequest && rule.tryApply(event)) {
                return rule;
            }
        }
        return null;
    }

    private FaultRule add(FaultRule rule) {
        rules.add(rule);
        return rule;
    }

    /** The action of a rule under construction. */
    public final class RuleBuilder {
        private final ProduceMatcher matcher;

        private RuleBuilder(ProduceMatcher matcher) {
            this.matcher = matcher;
        }

        /** Answers the partition with {@code error}, appending nothing. */
        public FaultRule answer(Errors error) {
            return add(new FaultRule(matcher, FaultRule.Kind.ANSWER_ERROR, error, 0, -1, false));
        }

        /** Appends the batch, then answers the partition with {@code error} (e.g. NOT_ENOUGH_REPLICAS_AFTER_APPEND). */
        public FaultRule appendThenAnswer(Errors error) {
            return add(new FaultRule(matcher, FaultRule.Kind.APPEND_THEN_ANSWER_ERROR, error, 0, -1, false));
        }

        /** Processes the request, loses its response; the connection stays silent until the client closes it. */
        public FaultRule dropResponse() {
            return add(new FaultRule(matcher, FaultRule.Kind.DROP_RESPONSE, null, 0, -1, false));
        }

        /** Loses the request before processing; the connection stays silent until the client closes it. */
        public FaultRule dropRequest() {
            return add(new FaultRule(matcher, FaultRule.Kind.DROP_REQUEST, null, 0, -1, false));
        }

        /** Processes the request at once and sends its response after {@code delay}. */
        public FaultRule delayResponse(Duration delay) {
            return add(new FaultRule(matcher, FaultRule.Kind.DELAY_RESPONSE, null, delay.toMillis(), -1, false));
        }

        /** Closes the connection without processing the request. */
        public FaultRule closeBeforeAppend() {
            return add(new FaultRule(matcher, FaultRule.Kind.CLOSE_BEFORE_APPEND, null, 0, -1, false));
        }

        /** Processes the request, then closes the connection without answering. */
        public FaultRule closeAfterAppend() {
            return add(new FaultRule(matcher, FaultRule.Kind.CLOSE_AFTER_APPEND, null, 0, -1, false));
        }

        /**
         * Moves the partition's leader to {@code nodeId} just before the batch is processed.
         *
         * @param leaderHint whether NOT_LEADER_OR_FOLLOWER answers then name the new leader (v10+)
         */
        public FaultRule moveLeader(int nodeId, boolean leaderHint) {
            return add(new FaultRule(matcher, FaultRule.Kind.MOVE_LEADER, null, 0, nodeId, leaderHint));
        }

        /** Makes the partition forget the batch's producer just before the batch is processed. */
        public FaultRule forgetProducer() {
            return add(new FaultRule(matcher, FaultRule.Kind.FORGET_PRODUCER, null, 0, -1, false));
        }
    }
}
