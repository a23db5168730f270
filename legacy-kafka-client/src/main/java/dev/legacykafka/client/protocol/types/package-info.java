/**
 * Protocol primitives: fixed-width integers, varints, strings, bytes, arrays, UUIDs and tagged
 * fields, written by {@link dev.legacykafka.client.protocol.types.ProtocolWriter} and read by
 * {@link dev.legacykafka.client.protocol.types.ProtocolReader}.
 */
package dev.legacykafka.client.protocol.types;
