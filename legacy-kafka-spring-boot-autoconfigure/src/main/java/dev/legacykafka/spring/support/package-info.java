/** Building blocks for wiring legacy-kafka producers by hand. */
@NullMarked
package dev.legacykafka.spring.support;

import org.jspecify.annotations.NullMarked;
