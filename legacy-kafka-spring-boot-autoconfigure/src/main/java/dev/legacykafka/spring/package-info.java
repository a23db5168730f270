/**
 * Spring-side API of legacy-kafka: {@link dev.legacykafka.spring.LegacyKafkaTemplate}, which
 * applications inject to send records, and {@link dev.legacykafka.spring.LegacyKafkaRecord}.
 */
@NullMarked
package dev.legacykafka.spring;

import org.jspecify.annotations.NullMarked;
