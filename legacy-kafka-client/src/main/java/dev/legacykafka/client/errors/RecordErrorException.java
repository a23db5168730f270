package dev.legacykafka.client.errors;

/**
 * The broker rejected this very record (a record_errors entry of Produce v8+): for example a null
 * key on a compacted topic (INVALID_RECORD) or a timestamp outside the topic's allowed range
 * (INVALID_TIMESTAMP). The other records of its batch were not to blame and are sent again.
 */
public class RecordErrorException extends BrokerErrorException {

    private static final long serialVersionUID = 1L;

    private final int batchIndex;

    public RecordErrorException(int errorCode, String errorName, String topic, int partition, int batchIndex,
                                String recordMessage) {
        super(errorName + " (" + errorCode + ") for record " + batchIndex + " of its batch to " + topic + "-" + partition
                + (recordMessage == null ? "" : ": " + recordMessage), errorCode, errorName, topic, partition, recordMessage);
        this.batchIndex = batchIndex;
    }

    /** The record's index inside the batch the broker rejected. */
    public int batchIndex() {
        return batchIndex;
    }
}
