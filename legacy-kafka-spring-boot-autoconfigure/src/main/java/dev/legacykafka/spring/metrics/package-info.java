/** Micrometer meters of legacy-kafka producers, named {@code legacykafka.producer.*}. */
@NullMarked
package dev.legacykafka.spring.metrics;

import org.jspecify.annotations.NullMarked;
