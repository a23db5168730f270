package dev.legacykafka.spring;

import dev.legacykafka.client.SendResult;

/**
 * Hears the outcome of every record a {@link LegacyKafkaTemplate} sends: once per record, with
 * the broker's {@link SendResult} or the exception the send failed with (serialization, broker
 * error, timeout, closed producer).
 *
 * <p>Callbacks run on the producer's network thread (or the sending thread for a send that fails
 * before reaching the producer), before the future returned by {@code send} completes: keep them
 * short. An exception thrown by a listener is logged and never fails the send, nor keeps the other
 * listeners from hearing it. With the auto-configuration every bean of this type is registered with
 * the template, in {@link org.springframework.core.annotation.Order @Order} /
 * {@link org.springframework.core.Ordered} order.
 */
public interface LegacyKafkaSendListener {

    /**
     * A record was acknowledged.
     *
     * @param record the record as given to the template, before serialization
     * @param result what the broker answered
     */
    default void onSuccess(LegacyKafkaRecord<?, ?> record, SendResult result) {
    }

    /**
     * A record failed for good.
     *
     * @param record    the record as given to the template, before serialization
     * @param exception why, usually a {@link dev.legacykafka.client.errors.LegacyKafkaException}
     */
    default void onError(LegacyKafkaRecord<?, ?> record, Throwable exception) {
    }
}
