package dev.legacykafka.client.internals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.Header;
import dev.legacykafka.client.record.RecordBatchBuilder;
import dev.legacykafka.client.record.RecordsBuilder;
import org.junit.jupiter.api.Test;

class RecordAccumulatorSizingTest {

    @Test
    void theFutureListOfABatchIsSizedForEveryRecordThatFits() {
        for (int valueSize : new int[] {1, 10, 100, 1000}) {
            byte[] value = new byte[valueSize];
            int batchSize = 65_536;
            RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, false, batchSize);
            long timestamp = 1_700_000_000_000L;
            int fitted = 0;
            // Timestamps a few hundred ms apart make the later records' deltas as long as they get in practice.
            while (builder.tryAppend(timestamp + fitted % 500, null, value, new Header[0])) {
                fitted++;
            }
            int single = RecordsBuilder.sizeOfSingleRecordBatch((byte) 2, CompressionType.NONE, null, value, new Header[0]);
            int expected = RecordAccumulator.expectedRecords(batchSize, single);
            // Capped at 4096 (tiny records): a list that long grows rarely enough.
            assertThat(expected).as("%d-byte values: %d fit", valueSize, fitted).isGreaterThanOrEqualTo(Math.min(4096, fitted));
            assertThat(expected).isLessThanOrEqualTo(Math.min(4096, fitted + fitted / 4 + 2));
        }
    }
}
