package dev.legacykafka.client.errors;

/**
 * A transaction method was called in a state that does not allow it: commit without begin, a
 * send outside a transaction on a transactional producer, begin before initTransactions, or
 * commit after a failed send (abort instead). The message says what to call instead.
 */
public class TransactionStateException extends LegacyKafkaException {

    private static final long serialVersionUID = 1L;

    public TransactionStateException(String message) {
        super(message);
    }

    public TransactionStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
