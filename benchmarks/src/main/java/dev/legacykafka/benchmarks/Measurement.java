package dev.legacykafka.benchmarks;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * What the completion callbacks of one phase (warm-up or measured run) write to: the latency
 * histogram of timed records, and counts of acknowledged and failed records, so a run can prove
 * that every record it counts was acknowledged. Public because the kafka-clients driver may run in
 * its own class loader ({@link IsolatedKafkaClients}) and report here.
 */
public final class Measurement {

    final LatencyHistogram latencies = new LatencyHistogram();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();

    /**
     * A timed record whose send started at {@code sendNanos} completed now.
     *
     * @param sendNanos {@link System#nanoTime()} just before the send call
     */
    public void latency(long sendNanos) {
        latencies.record(System.nanoTime() - sendNanos);
    }

    /**
     * One record's outcome.
     *
     * @param error null if acknowledged, else why it failed
     */
    public void completed(Throwable error) {
        if (error == null) {
            acknowledged.increment();
        } else {
            failed(1, error);
        }
    }

    void acknowledged(long records) {
        acknowledged.add(records);
    }

    void failed(long records, Throwable error) {
        failed.add(records);
        firstError.compareAndSet(null, error);
    }

    long acknowledged() {
        return acknowledged.sum();
    }

    long failed() {
        return failed.sum();
    }

    Throwable firstError() {
        return firstError.get();
    }

    /**
     * Waits until {@code expected} records have an outcome. Flush already waited for the batches,
     * but a client may report a batch to its listener just after its futures completed.
     *
     * @throws IllegalStateException if they do not within {@code timeoutMs}
     */
    void awaitOutcomes(long expected, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (acknowledged() + failed() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + (acknowledged() + failed()) + " of " + expected
                        + " records completed within " + timeoutMs + " ms after flush");
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
