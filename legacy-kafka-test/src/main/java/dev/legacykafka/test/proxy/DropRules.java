package dev.legacykafka.test.proxy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pending response drops of a {@link FaultProxy} and the count of responses dropped, shared by
 * all its connections.
 */
final class DropRules {

    /** Swallows the responses to the next {@code remaining} answered requests with one api key. */
    private record Rule(short apiKey, boolean silently, AtomicInteger remaining) {
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Object monitor = new Object();
    private long dropped; // guarded by monitor

    void add(short apiKey, int count, boolean silently) {
        if (apiKey < 0) {
            throw new IllegalArgumentException("apiKey must not be negative: " + apiKey);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        rules.add(new Rule(apiKey, silently, new AtomicInteger(count)));
    }

    /** Forgets every pending drop. */
    void clear() {
        rules.forEach(rule -> rule.remaining().set(0));
        rules.clear();
    }

    /** True if a pending drop waits for a response to a request with this api key. */
    boolean watches(short apiKey) {
        for (Rule rule : rules) {
            if (rule.apiKey() == apiKey && rule.remaining().get() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Claims one pending drop for a response to a request with this api key and counts it.
     *
     * @return null to forward the response, else whether to drop it silently
     */
    Boolean claim(short apiKey) {
        for (Rule rule : rules) {
            if (rule.apiKey() == apiKey && rule.remaining().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                rules.removeIf(r -> r.remaining().get() == 0);
                synchronized (monitor) {
                    dropped++;
                    monitor.notifyAll();
                }
                return rule.silently();
            }
        }
        return null;
    }

    long dropped() {
        synchronized (monitor) {
            return dropped;
        }
    }

    /**
     * Waits until at least {@code atLeast} responses were dropped.
     *
     * @return the number dropped so far
     * @throws IllegalStateException on timeout, naming the number dropped
     */
    int await(int atLeast, Duration timeout, Object owner) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (dropped < atLeast) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(owner + ": " + dropped + " responses dropped, expected at least "
                            + atLeast + " within " + timeout);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(monitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted waiting for dropped responses", e);
                }
            }
            return (int) Math.min(Integer.MAX_VALUE, dropped);
        }
    }
}
