/** Auto-configuration of the legacy-kafka producer, template and properties. */
@NullMarked
package dev.legacykafka.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
