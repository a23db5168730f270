package dev.legacykafka.spring;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.errors.LegacyKafkaException;
import dev.legacykafka.client.errors.TimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A pool of transactional producers, so that transactions of different threads run at once on
 * different producers.
 *
 * <p>With a prefix, producer {@code n} has the transactional id {@code prefix + n}, n from 0 to
 * {@code maxProducers - 1}: the lowest free suffix is taken first, so the same ids come back after
 * a restart and a restarted instance fences its own zombie (the old instance's producer with the
 * same id), never a neighbour with another prefix. With a fixed id the pool holds one producer.
 * Producers are created on demand, registered with their coordinator ({@code initTransactions})
 * once, and kept idle after use; at most {@code maxProducers} exist. A thread that finds them all
 * busy waits up to {@code maxWait}, then fails with a {@link TimeoutException}.
 *
 * <p>A producer released as broken (fenced, or a commit or abort that failed) is closed, and its
 * suffix is free again: the next producer with that id is a new one, initialised afresh.
 *
 * <p>Thread-safe. No I/O happens under the pool's lock. {@link #close()} closes the idle producers
 * at once and the busy ones when they come back.
 */
public final class TransactionalProducerPool implements AutoCloseable {

    private static final Log logger = LogFactory.getLog(TransactionalProducerPool.class);

    private final @Nullable String prefix;

    private final @Nullable String fixedId;

    private final int maxProducers;

    private final Duration maxWait;

    private final Function<String, LegacyKafkaProducer> factory;

    private final boolean closeProducers;

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition released = lock.newCondition();

    /** Idle producers, the most recently used first. */
    private final Deque<Lease> idle = new ArrayDeque<>();

    /** Suffixes not in use by any producer, idle or busy. */
    private final TreeSet<Integer> freeSuffixes = new TreeSet<>();

    private int busy;

    private boolean closed;

    private TransactionalProducerPool(@Nullable String prefix, @Nullable String fixedId, int maxProducers,
                                      Duration maxWait, Function<String, LegacyKafkaProducer> factory,
                                      boolean closeProducers) {
        if (maxProducers < 1) {
            throw new IllegalArgumentException("maxProducers must be at least 1, was " + maxProducers);
        }
        this.prefix = prefix;
        this.fixedId = fixedId;
        this.maxProducers = maxProducers;
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.closeProducers = closeProducers;
        for (int i = 0; i < maxProducers; i++) {
            freeSuffixes.add(i);
        }
    }

    /**
     * A pool of up to {@code maxProducers} producers with the ids {@code prefix + 0} to
     * {@code prefix + (maxProducers - 1)}.
     *
     * @param factory creates a producer with the given transactional id (not yet initialised)
     */
    public static TransactionalProducerPool withPrefix(String prefix, int maxProducers, Duration maxWait,
                                                       Function<String, LegacyKafkaProducer> factory) {
        Objects.requireNonNull(prefix, "prefix");
        return new TransactionalProducerPool(prefix, null, maxProducers, maxWait, factory, true);
    }

    /**
     * A pool of one producer with a fixed transactional id: its transactions run one after another.
     *
     * @param factory creates a producer with the given transactional id (not yet initialised)
     */
    public static TransactionalProducerPool withFixedId(String transactionalId, Duration maxWait,
                                                        Function<String, LegacyKafkaProducer> factory) {
        Objects.requireNonNull(transactionalId, "transactionalId");
        return new TransactionalProducerPool(null, transactionalId, 1, maxWait, factory, true);
    }

    /**
     * A pool of one around a transactional producer its caller owns: the pool never closes it, and
     * once it is broken (fenced) every later acquire fails.
     */
    public static TransactionalProducerPool ofProducer(LegacyKafkaProducer producer, Duration maxWait) {
        String id = producer.config().transactionalId();
        if (id == null) {
            throw new IllegalArgumentException("Producer " + producer.config().clientId() + " has no transactional id");
        }
        boolean[] handedOut = new boolean[1];
        return new TransactionalProducerPool(null, id, 1, maxWait, txId -> {
            synchronized (handedOut) {
                if (handedOut[0]) {
                    throw new IllegalStateException("Producer " + producer.config().clientId() + " (transactional id "
                            + id + ") broke earlier (fenced or failed commit) and cannot be replaced: "
                            + "it is not owned by the pool");
                }
                handedOut[0] = true;
            }
            return producer;
        }, false);
    }

    /**
     * Takes an idle producer, or creates one under the lowest free suffix, or waits up to max wait
     * for one to come back. A new producer is initialised ({@code initTransactions}) before it is
     * handed out.
     *
     * @throws TimeoutException if every producer stayed busy for max wait
     * @throws IllegalStateException if the pool is closed
     */
    public Lease acquire() {
        int suffix;
        long deadline = System.nanoTime() + maxWait.toNanos();
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new IllegalStateException("The transactional producer pool is closed");
                }
                Lease lease = idle.pollFirst();
                if (lease != null) {
                    busy++;
                    return lease;
                }
                if (!freeSuffixes.isEmpty()) {
                    suffix = freeSuffixes.pollFirst();
                    busy++;
                    break;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new TimeoutException("All " + maxProducers + " transactional producers ("
                            + describeIds() + ") stayed busy for " + maxWait.toMillis()
                            + " ms (max-block); raise legacykafka.transaction.max-producers or shorten the transactions",
                            false);
                }
                try {
                    released.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LegacyKafkaException("Interrupted while waiting for a transactional producer", e);
                }
            }
        } finally {
            lock.unlock();
        }
        // Outside the lock: creating and initialising talk to the brokers.
        String id = fixedId != null ? fixedId : prefix + suffix;
        LegacyKafkaProducer producer = null;
        try {
            producer = factory.apply(id);
            producer.initTransactions();
            return new Lease(producer, id, suffix);
        } catch (RuntimeException | Error e) {
            if (producer != null && closeProducers) {
                closeQuietly(producer, e);
            }
            lock.lock();
            try {
                busy--;
                freeSuffixes.add(suffix);
                released.signal();
            } finally {
                lock.unlock();
            }
            throw e;
        }
    }

    private String describeIds() {
        return fixedId != null ? fixedId : prefix + "0.." + prefix + (maxProducers - 1);
    }

    /**
     * Gives a producer back. With {@code broken}, the producer is closed and its id is free for a
     * new producer; otherwise it waits idle for the next transaction.
     */
    public void release(Lease lease, boolean broken) {
        Objects.requireNonNull(lease, "lease");
        boolean close;
        lock.lock();
        try {
            if (lease.released) {
                return;
            }
            lease.released = true;
            busy--;
            close = broken || closed;
            if (close) {
                freeSuffixes.add(lease.suffix);
            } else {
                idle.addFirst(new Lease(lease.producer, lease.transactionalId, lease.suffix));
            }
            released.signal();
        } finally {
            lock.unlock();
        }
        if (close && closeProducers) {
            closeQuietly(lease.producer, null);
        }
    }

    private static void closeQuietly(LegacyKafkaProducer producer, @Nullable Throwable cause) {
        try {
            producer.close(Duration.ZERO);
        } catch (RuntimeException closeFailure) {
            if (cause != null) {
                cause.addSuppressed(closeFailure);
            } else {
                logger.debug("Closing transactional producer " + producer.config().transactionalId() + " failed",
                        closeFailure);
            }
        }
    }

    /** The bound on producers, idle and busy together. */
    public int getMaxProducers() {
        return maxProducers;
    }

    /** Producers that exist now, idle or busy. */
    public int size() {
        lock.lock();
        try {
            return idle.size() + busy;
        } finally {
            lock.unlock();
        }
    }

    /** Producers waiting idle for a transaction. */
    public int idleCount() {
        lock.lock();
        try {
            return idle.size();
        } finally {
            lock.unlock();
        }
    }

    /** The transactional ids of the idle producers, the most recently used first. */
    public List<String> idleTransactionalIds() {
        lock.lock();
        try {
            List<String> ids = new ArrayList<>();
            idle.forEach(lease -> ids.add(lease.transactionalId));
            return ids;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the idle producers now; busy ones are closed when released. Later acquires fail. */
    @Override
    public void close() {
        List<Lease> toClose;
        lock.lock();
        try {
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
            released.signalAll();
        } finally {
            lock.unlock();
        }
        if (closeProducers) {
            for (Lease lease : toClose) {
                try {
                    lease.producer.close();
                } catch (RuntimeException e) {
                    logger.warn("Closing transactional producer " + lease.transactionalId + " failed", e);
                }
            }
        }
    }

    /**
     * A producer taken from the pool, initialised for transactions; give it back with
     * {@link TransactionalProducerPool#release}.
     */
    public static final class Lease {

        private final LegacyKafkaProducer producer;

        private final String transactionalId;

        private final int suffix;

        private boolean released;

        private Lease(LegacyKafkaProducer producer, String transactionalId, int suffix) {
            this.producer = producer;
            this.transactionalId = transactionalId;
            this.suffix = suffix;
        }

        /** The producer, with transactions initialised. */
        public LegacyKafkaProducer producer() {
            return producer;
        }

        /** Its transactional id. */
        public String transactionalId() {
            return transactionalId;
        }
    }
}
