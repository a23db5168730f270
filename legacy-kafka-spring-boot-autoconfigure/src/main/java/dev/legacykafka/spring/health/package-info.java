/** Actuator health of legacy-kafka producers. */
@NullMarked
package dev.legacykafka.spring.health;

import org.jspecify.annotations.NullMarked;
