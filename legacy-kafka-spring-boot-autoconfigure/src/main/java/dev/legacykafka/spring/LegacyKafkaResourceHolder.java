package dev.legacykafka.spring;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.errors.ProducerFencedException;
import java.util.Objects;
import org.springframework.transaction.support.ResourceHolderSupport;

/**
 * The pooled producer of the Kafka transaction bound to the current thread, as a
 * {@link org.springframework.transaction.support.TransactionSynchronizationManager} resource whose
 * key is the {@link TransactionalProducerPool}. Every {@link LegacyKafkaTemplate} send of that
 * pool on that thread joins its transaction.
 */
public final class LegacyKafkaResourceHolder extends ResourceHolderSupport {

    private final TransactionalProducerPool pool;

    private final TransactionalProducerPool.Lease lease;

    private boolean broken;

    LegacyKafkaResourceHolder(TransactionalProducerPool pool, TransactionalProducerPool.Lease lease) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    /** The producer whose transaction is open. */
    public LegacyKafkaProducer getProducer() {
        return lease.producer();
    }

    /** Its transactional id. */
    public String getTransactionalId() {
        return lease.transactionalId();
    }

    /** Commits; on failure aborts (unless fenced) and rethrows. */
    void commit() {
        try {
            lease.producer().commitTransaction();
        } catch (ProducerFencedException e) {
            broken = true;
            throw e;
        } catch (RuntimeException e) {
            abortAfter(e);
            throw e;
        }
    }

    /** Aborts; a failed abort marks the producer broken and rethrows. */
    void rollback() {
        try {
            lease.producer().abortTransaction();
        } catch (RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    private void abortAfter(RuntimeException cause) {
        try {
            lease.producer().abortTransaction();
        } catch (RuntimeException abortFailure) {
            broken = true;
            cause.addSuppressed(abortFailure);
        }
    }

    /** Gives the producer back to the pool (closed instead when it broke). */
    void release() {
        pool.release(lease, broken);
    }
}
