package dev.legacykafka.client.scripted;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;

/** The record batches of one partition in a Produce request, read with kafka-clients. */
record BatchSummary(List<MutableRecordBatch> batches, int sizeInBytes) {

    static BatchSummary of(MemoryRecords records) {
        List<MutableRecordBatch> batches = new ArrayList<>();
        if (records != null) {
            for (MutableRecordBatch batch : records.batches()) {
                batches.add(batch);
            }
        }
        return new BatchSummary(batches, records == null ? 0 : records.sizeInBytes());
    }

    /** The first batch, or null when there is none. */
    RecordBatch first() {
        return batches.isEmpty() ? null : batches.get(0);
    }

    long producerId() {
        return first() == null ? -1 : first().producerId();
    }

    short producerEpoch() {
        return first() == null ? -1 : first().producerEpoch();
    }

    int baseSequence() {
        return first() == null ? -1 : first().baseSequence();
    }

    int lastSequence() {
        return first() == null ? -1 : first().lastSequence();
    }

    int recordCount() {
        int count = 0;
        for (MutableRecordBatch batch : batches) {
            Integer n = batch.countOrNull();
            count += n == null ? 0 : n;
        }
        return count;
    }
}
