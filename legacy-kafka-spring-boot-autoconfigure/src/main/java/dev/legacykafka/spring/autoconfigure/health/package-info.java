/** Auto-configuration of legacy-kafka's actuator health indicator. */
@NullMarked
package dev.legacykafka.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
