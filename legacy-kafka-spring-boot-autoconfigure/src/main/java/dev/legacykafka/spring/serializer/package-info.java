/** Serializers that turn keys and values into the bytes the producer sends. */
@NullMarked
package dev.legacykafka.spring.serializer;

import org.jspecify.annotations.NullMarked;
