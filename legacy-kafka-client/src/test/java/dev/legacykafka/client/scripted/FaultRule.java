package dev.legacykafka.client.scripted;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.protocol.Errors;

/**
 * A fault the scripted broker applies to matching partition batches, a limited number of times
 * (once unless {@link #times(int)} says otherwise). Created by {@link FaultSchedule#when}.
 */
public final class FaultRule {

    /** What happens to a matching batch or to its whole request. */
    public enum Kind {
        /** The partition is answered with an error; nothing is appended. */
        ANSWER_ERROR(false),
        /** The batch is appended, then the partition is answered with an error (NOT_ENOUGH_REPLICAS_AFTER_APPEND). */
        APPEND_THEN_ANSWER_ERROR(false),
        /** Before the batch is processed the partition's leader moves; the batch then gets NOT_LEADER_OR_FOLLOWER. */
        MOVE_LEADER(false),
        /** Before the batch is processed the partition forgets the batch's producer (retention, expiry). */
        FORGET_PRODUCER(false),
        /** The request is processed, its response is lost: the connection goes silent until the client closes it. */
        DROP_RESPONSE(true),
        /** The request is lost before processing: the connection goes silent until the client closes it. */
        DROP_REQUEST(true),
        /** The request is processed and its response (and any behind it on the connection) sent late. */
        DELAY_RESPONSE(true),
        /** The connection is closed before the request is processed. */
        CLOSE_BEFORE_APPEND(true),
        /** The request is processed, then the connection is closed without a response. */
        CLOSE_AFTER_APPEND(true);

        private final boolean wholeRequest;

        Kind(boolean wholeRequest) {
            this.wholeRequest = wholeRequest;
        }

        /** Whether the fault acts on the whole request (connection level) rather than one partition. */
        public boolean wholeRequest() {
            return wholeRequest;
        }
    }

    private final ProduceMatcher matcher;
    private final Kind kind;
    private final Errors error;
    private final long delayMs;
    private final int newLeader;
    private final boolean leaderHint;
    private final AtomicInteger remaining = new AtomicInteger(1);
    private final AtomicInteger fired = new AtomicInteger();

    FaultRule(ProduceMatcher matcher, Kind kind, Errors error, long delayMs, int newLeader, boolean leaderHint) {
        this.matcher = matcher;
        this.kind = kind;
        this.error = error;
        this.delayMs = delayMs;
        this.newLeader = newLeader;
        this.leaderHint = leaderHint;
    }

    /** Applies the fault to at most {@code n} matching batches ({@code Integer.MAX_VALUE}: always). */
    public FaultRule times(int n) {
        remaining.set(n);
        return this;
    }

    /** Applies the fault to every matching batch. */
    public FaultRule always() {
        return times(Integer.MAX_VALUE);
    }

    /** How many times the fault was applied so far. */
    public int fired() {
        return fired.get();
    }

    public Kind kind() {
        return kind;
    }

    Errors error() {
        return error;
    }

    long delayMs() {
        return delayMs;
    }

    int newLeader() {
        return newLeader;
    }

    boolean leaderHint() {
        return leaderHint;
    }

    /** Consumes one application if the rule matches and has some left. */
    boolean tryApply(ProduceEvent event) {
        if (remaining.get() <= 0 || !matcher.matches(event)) {
            return false;
        }
        if (remaining.get() != Integer.MAX_VALUE) {
            remaining.decrementAndGet();
        }
        fired.incrementAndGet();
        return true;
    }

    @Override
    public String toString() {
        String detail = switch (kind) {
            case ANSWER_ERROR, APPEND_THEN_ANSWER_ERROR -> " " + error.name();
            case DELAY_RESPONSE -> " " + delayMs + " ms";
            case MOVE_LEADER -> " to node " + newLeader + (leaderHint ? " with hint" : " without hint");
            default -> "";
        };
        return kind + detail + " (fired " + fired.get() + ")";
    }
}
