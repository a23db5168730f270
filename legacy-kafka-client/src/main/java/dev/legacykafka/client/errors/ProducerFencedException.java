package dev.legacykafka.client.errors;

/**
 * Another producer with the same transactional id started (initTransactions) and took over: this
 * producer is fenced. Every later call fails with this exception; close the producer.
 */
public class ProducerFencedException extends LegacyKafkaException {

    private static final long serialVersionUID = 1L;

    public ProducerFencedException(String message) {
        super(message);
    }
}
