package dev.legacykafka.spring;

import dev.legacykafka.client.Header;
import dev.legacykafka.client.SendResult;
import java.util.List;

/**
 * Measures or traces each send of a {@link LegacyKafkaTemplate}: {@link #start} is called before
 * the record is serialized, and the returned {@link Send} is ended exactly once with the outcome.
 * The Micrometer send timer and the Observation support are implementations; a template has one.
 */
@FunctionalInterface
public interface SendInstrumentation {

    /** Does nothing. */
    SendInstrumentation NONE = (record, clientId) -> Send.NONE;

    /**
     * Starts measuring one send.
     *
     * @param record   the record about to be sent
     * @param clientId the client id of the producer sending it
     * @return the measurement to end with the outcome
     */
    Send start(LegacyKafkaRecord<?, ?> record, String clientId);

    /** One send being measured. */
    interface Send {

        /** Ends nothing and adds no headers. */
        Send NONE = new Send() {
        };

        /**
         * Headers to add to the record where its Produce version carries headers (v3+), such as a
         * trace context; on Produce v0-v2 the record is sent without them.
         */
        default List<Header> headersIfSupported() {
            return List.of();
        }

        /** The record was acknowledged. */
        default void success(SendResult result) {
        }

        /** The record failed for good. */
        default void failure(Throwable exception) {
        }
    }
}
