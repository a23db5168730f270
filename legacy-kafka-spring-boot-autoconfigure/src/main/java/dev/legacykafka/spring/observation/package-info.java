/**
 * Micrometer Observation of {@code LegacyKafkaTemplate} sends, with the trace context written into
 * record headers where the Produce version carries them.
 */
@NullMarked
package dev.legacykafka.spring.observation;

import org.jspecify.annotations.NullMarked;
