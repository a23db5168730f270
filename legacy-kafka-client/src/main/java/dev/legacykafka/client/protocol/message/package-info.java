/**
 * One immutable codec class per request and per response the producer uses. Requests write
 * themselves at any version they implement; responses are read by a static {@code read(reader,
 * version)}. Each class's Javadoc gives its wire schema with the version each field appeared in.
 */
package dev.legacykafka.client.protocol.message;
