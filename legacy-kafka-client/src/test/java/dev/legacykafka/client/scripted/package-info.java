/**
 * A scripted Kafka broker for fault tests, and the tests that use it.
 *
 * <p>{@link dev.legacykafka.client.scripted.ScriptedBroker} runs 1 to 3 nodes in-process on
 * 127.0.0.1 and speaks ApiVersions, Metadata, InitProducerId and Produce v3+ through
 * kafka-clients' generated messages (never through this project's codecs). Each partition keeps a
 * log and the broker's idempotent producer state (last five batches per producer, epochs,
 * sequence wrap); topics may be compacted (null keys rejected with record_errors on v8+) or have a
 * max.message.bytes. Faults come from a {@link dev.legacykafka.client.scripted.FaultSchedule}:
 * partition errors, responses dropped after the append, requests dropped, responses delayed,
 * connections closed before or after the append, leader moves with or without the KIP-951 hint,
 * forgotten producer state, failing InitProducerId, a black hole.
 *
 * <p>Like a Kafka broker it handles one request per connection at a time, in order; a lost
 * response or request leaves the connection silent until the client gives up on it.
 *
 * <p>The tests check DESIGN.md's delivery invariants through
 * {@link dev.legacykafka.client.scripted.DeliveryInvariants}; the randomized one is
 * {@link dev.legacykafka.client.scripted.RandomizedFaultScheduleTest} (see its system properties).
 */
package dev.legacykafka.client.scripted;
