package dev.legacykafka.client;

/**
 * Receives one record's outcome, for {@link LegacyKafkaProducer#send(ProducerRecord, SendCallback)}:
 * the cheaper alternative to the future that {@link LegacyKafkaProducer#send(ProducerRecord)}
 * returns, as it allocates neither a future nor a dependent stage per record (as kafka-clients'
 * {@code Callback}).
 *
 * <p>Called exactly once per record: on the producer's network thread when the broker answered or
 * the record failed there, or on the sending thread when the send failed before the record was
 * buffered. Keep it short; move longer work to an executor. An exception it throws is logged and
 * changes nothing else.
 */
@FunctionalInterface
public interface SendCallback {

    /**
     * @param result the record's partition and offset, or null if it failed
     * @param error  why the record failed (a {@link dev.legacykafka.client.errors.LegacyKafkaException}
     *               naming the cause), or null if it was written
     */
    void onCompletion(SendResult result, Throwable error);
}
