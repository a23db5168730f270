/** Startup diagnostics: which Produce version and record format each broker gets. */
@NullMarked
package dev.legacykafka.spring.diagnostics;

import org.jspecify.annotations.NullMarked;
