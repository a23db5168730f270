package dev.legacykafka.client;

/**
 * One entry of a Produce v8+ response's record_errors: the broker rejected the batch because of
 * this record.
 *
 * @param topic      topic of the batch
 * @param partition  partition of the batch
 * @param batchIndex index of the offending record inside its batch
 * @param error      the partition's error name, e.g. INVALID_RECORD or INVALID_TIMESTAMP
 * @param message    the broker's message for this record, may be null
 */
public record RecordError(String topic, int partition, int batchIndex, String error, String message) {
}
