package dev.legacykafka.client.it.cluster;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.SendResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends records at a steady rate from a thread of its own while a test injects faults, as
 * Kafka's system tests drive VerifiableProducer: record {@code n} has key {@code k-n} and value
 * {@code v-n}, goes to partition {@code n % partitions}, and its outcome is kept. Records are told
 * apart by value when the log is read back.
 */
final class SteadyTraffic implements AutoCloseable {

    /** One send: its number, partition and future. */
    record Sent(int index, int partition, CompletableFuture<SendResult> future) {
    }

    private final LegacyKafkaProducer producer;
    private final String topic;
    private final int partitions;
    private final long nanosPerRecord;
    private final List<Sent> sends = new ArrayList<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong lastAckNanos = new AtomicLong();
    private final AtomicLong longestStallNanos = new AtomicLong();
    private final Thread sender;
    private volatile boolean running = true;

    SteadyTraffic(LegacyKafkaProducer producer, String topic, int partitions, int recordsPerSecond) {
        this.producer = producer;
        this.topic = topic;
        this.partitions = partitions;
        this.nanosPerRecord = TimeUnit.SECONDS.toNanos(1) / recordsPerSecond;
        this.sender = new Thread(this::run, "steady-traffic-" + topic);
        this.sender.setDaemon(true);
    }

    SteadyTraffic start() {
        lastAckNanos.set(System.nanoTime());
        sender.start();
        return this;
    }

    private void run() {
        long next = System.nanoTime();
        int index = 0;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            int partition = index % partitions;
            byte[] key = ("k-" + index).getBytes(StandardCharsets.UTF_8);
            byte[] value = ("v-" + index).getBytes(StandardCharsets.UTF_8);
            CompletableFuture<SendResult> future;
            try {
                future = producer.send(new ProducerRecord(topic, partition, key, value, null, null));
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            future.whenComplete((result, error) -> completed(error == null));
            synchronized (sends) {
                sends.add(new Sent(index, partition, future));
            }
            index++;
            next += nanosPerRecord;
        }
    }

    private void completed(boolean success) {
        if (!success) {
            failed.incrementAndGet();
            return;
        }
        acknowledged.incrementAndGet();
        long now = System.nanoTime();
        long previous = lastAckNanos.getAndSet(now);
        longestStallNanos.accumulateAndGet(now - previous, Math::max);
    }

    int acknowledged() {
        return acknowledged.get();
    }

    int failed() {
        return failed.get();
    }

    int sent() {
        synchronized (sends) {
            return sends.size();
        }
    }

    /** The longest time without an acknowledgement while traffic ran, in milliseconds. */
    long longestStallMs() {
        return TimeUnit.NANOSECONDS.toMillis(longestStallNanos.get());
    }

    /**
     * Waits until {@code more} further records are acknowledged: traffic flows (again).
     *
     * @throws AssertionError if they are not within the bound, with the counts
     */
    void awaitMoreAcknowledged(int more, Duration bound) throws InterruptedException {
        int target = acknowledged.get() + more;
        long deadline = System.nanoTime() + bound.toNanos();
        while (acknowledged.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Traffic did not flow: " + acknowledged.get() + " acknowledged, " + failed.get()
                        + " failed of " + sent() + " sent, waiting for " + target + " within " + bound);
            }
            Thread.sleep(20);
        }
    }

    /** Stops sending and waits for every outcome, at most {@code bound}; returns every send in order. */
    List<Sent> stopAndAwait(Duration bound) throws InterruptedException {
        running = false;
        sender.join(5_000);
        List<Sent> all;
        synchronized (sends) {
            all = List.copyOf(sends);
        }
        long deadline = System.nanoTime() + bound.toNanos();
        for (Sent sent : all) {
            long remaining = deadline - System.nanoTime();
            try {
                sent.future().get(Math.max(1, remaining), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // an outcome either way (or none, which DeliveryVerdict reports)
            }
        }
        return all;
    }

    @Override
    public void close() {
        running = false;
    }
}
