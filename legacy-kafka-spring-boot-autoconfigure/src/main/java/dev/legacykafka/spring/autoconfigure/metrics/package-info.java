/** Auto-configuration of legacy-kafka's Micrometer meters. */
@NullMarked
package dev.legacykafka.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
