/** Auto-configuration of Micrometer Observation for legacy-kafka template sends. */
@NullMarked
package dev.legacykafka.spring.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
