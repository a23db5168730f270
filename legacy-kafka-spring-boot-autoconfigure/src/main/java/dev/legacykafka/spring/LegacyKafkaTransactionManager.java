package dev.legacykafka.spring;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.ResourceTransactionManager;
import org.springframework.transaction.support.SmartTransactionObject;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

/**
 * A Spring {@link org.springframework.transaction.PlatformTransactionManager} for Kafka
 * transactions: beginning a transaction ({@code @Transactional("legacyKafkaTransactionManager")},
 * a {@code TransactionTemplate}) takes a producer from the {@link TransactionalProducerPool},
 * begins its transaction and binds it to the thread; every {@link LegacyKafkaTemplate} send of that
 * pool on that thread joins it. Commit commits the Kafka transaction, rollback aborts it, and the
 * producer goes back to the pool (closed instead if it was fenced or its commit or abort failed).
 *
 * <p>Propagation: {@code REQUIRED} joins the bound transaction, {@code REQUIRES_NEW} suspends it and
 * uses another producer of the pool, {@code NOT_SUPPORTED} suspends it. Isolation levels and
 * timeouts are not supported by Kafka: the coordinator aborts a transaction open longer than
 * {@code legacykafka.producer.transaction-timeout}.
 */
public class LegacyKafkaTransactionManager extends AbstractPlatformTransactionManager
        implements ResourceTransactionManager {

    private final TransactionalProducerPool pool;

    /**
     * A transaction manager over the pool's producers.
     *
     * @param pool the pool the templates sending in these transactions use
     */
    public LegacyKafkaTransactionManager(TransactionalProducerPool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
        // Kafka has no savepoints and no outer resource to synchronise: synchronise only actual transactions.
        setTransactionSynchronization(SYNCHRONIZATION_ON_ACTUAL_TRANSACTION);
    }

    /** The pool, also the key of the thread-bound {@link LegacyKafkaResourceHolder}. */
    @Override
    public TransactionalProducerPool getResourceFactory() {
        return pool;
    }

    @Override
    protected Object doGetTransaction() {
        TransactionObject tx = new TransactionObject();
        tx.holder = (LegacyKafkaResourceHolder) TransactionSynchronizationManager.getResource(pool);
        return tx;
    }

    @Override
    protected boolean isExistingTransaction(Object transaction) {
        return ((TransactionObject) transaction).holder != null;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        if (definition.getIsolationLevel() != TransactionDefinition.ISOLATION_DEFAULT) {
            throw new org.springframework.transaction.InvalidIsolationLevelException(
                    "Kafka transactions have no isolation levels");
        }
        TransactionObject tx = (TransactionObject) transaction;
        TransactionalProducerPool.Lease lease;
        try {
            lease = pool.acquire();
        } catch (RuntimeException e) {
            throw new CannotCreateTransactionException("No transactional producer: " + e.getMessage(), e);
        }
        LegacyKafkaResourceHolder holder = new LegacyKafkaResourceHolder(pool, lease);
        try {
            lease.producer().beginTransaction();
        } catch (RuntimeException e) {
            holder.release();
            throw new CannotCreateTransactionException("Could not begin a Kafka transaction on "
                    + lease.transactionalId() + ": " + e.getMessage(), e);
        }
        holder.setSynchronizedWithTransaction(true);
        TransactionSynchronizationManager.bindResource(pool, holder);
        tx.holder = holder;
    }

    @Override
    protected Object doSuspend(Object transaction) {
        ((TransactionObject) transaction).holder = null;
        return TransactionSynchronizationManager.unbindResource(pool);
    }

    @Override
    protected void doResume(@Nullable Object transaction, Object suspendedResources) {
        TransactionSynchronizationManager.bindResource(pool, suspendedResources);
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        LegacyKafkaResourceHolder holder = holder(status);
        try {
            holder.commit();
        } catch (RuntimeException e) {
            throw new TransactionSystemException("Kafka commit of " + holder.getTransactionalId() + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        LegacyKafkaResourceHolder holder = holder(status);
        try {
            holder.rollback();
        } catch (RuntimeException e) {
            throw new TransactionSystemException("Kafka abort of " + holder.getTransactionalId() + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    protected void doSetRollbackOnly(DefaultTransactionStatus status) {
        holder(status).setRollbackOnly();
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        TransactionObject tx = (TransactionObject) transaction;
        TransactionSynchronizationManager.unbindResource(pool);
        LegacyKafkaResourceHolder holder = tx.holder;
        if (holder != null) {
            holder.clear();
            holder.release();
        }
    }

    private static LegacyKafkaResourceHolder holder(DefaultTransactionStatus status) {
        return Objects.requireNonNull(((TransactionObject) status.getTransaction()).holder);
    }

    private static final class TransactionObject implements SmartTransactionObject {

        @Nullable LegacyKafkaResourceHolder holder;

        @Override
        public boolean isRollbackOnly() {
            return holder != null && holder.isRollbackOnly();
        }

        @Override
        public void flush() {
            TransactionSynchronizationUtils.triggerFlush();
        }
    }
}
