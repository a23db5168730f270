package dev.legacykafka.client.errors;

/** The producer was closed before this send could be completed. */
public class ProducerClosedException extends LegacyKafkaException {

    private static final long serialVersionUID = 1L;

    public ProducerClosedException(String message) {
        super(message);
    }
}
