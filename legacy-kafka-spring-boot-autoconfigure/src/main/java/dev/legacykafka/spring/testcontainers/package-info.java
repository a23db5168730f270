/** {@code @ServiceConnection} support for Testcontainers Kafka containers. */
@NullMarked
package dev.legacykafka.spring.testcontainers;

import org.jspecify.annotations.NullMarked;
