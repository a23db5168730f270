package dev.legacykafka.client.internals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.Header;
import org.junit.jupiter.api.Test;

/** The accumulator's side of sticky partitioning: a record may be refused rather than start a batch behind a full one. */
class RecordAccumulatorStickyRefusalTest {

    private static final Header[] NO_HEADERS = new Header[0];
    private static final int BATCH_SIZE = 1024;
    private static final TopicPartition TP = new TopicPartition("t", 0);

    private final BufferPool pool = new BufferPool(64 * BATCH_SIZE, BATCH_SIZE);
    private final RecordAccumulator accumulator = new RecordAccumulator(BATCH_SIZE, CompressionType.NONE, 5, pool, false);

    @Test
    void aRecordBehindAFullBatchIsRefusedWithoutTakingMemoryWhenTheCallerMayMoveOn() throws InterruptedException {
        byte[] value = new byte[100];
        int appended = fillOneBatch(value);
        long freeBefore = pool.availableMemory();

        RecordAccumulator.AppendResult refused = append(value, true);

        assertThat(appended).isGreaterThan(1);
        assertThat(refused).isEqualTo(RecordAccumulator.AppendResult.FILLED_NOT_APPENDED);
        assertThat(refused.filledABatch()).isTrue();
        assertThat(refused.newBatch()).isFalse();
        assertThat(pool.availableMemory()).isEqualTo(freeBefore);
        // The same record without the refusal starts the next batch there.
        assertThat(append(value, false)).isEqualTo(RecordAccumulator.AppendResult.FILLED_AND_NEW_BATCH);
        assertThat(pool.availableMemory()).isLessThan(freeBefore);
    }

    @Test
    void theFirstRecordOfAPartitionIsNeverRefused() throws InterruptedException {
        assertThat(append(new byte[100], true)).isEqualTo(RecordAccumulator.AppendResult.NEW_BATCH);
    }

    /** Appends until the open batch is full; returns how many records it took. */
    private int fillOneBatch(byte[] value) throws InterruptedException {
        int appended = 0;
        RecordAccumulator.AppendResult result;
        while ((result = append(value, true)) != RecordAccumulator.AppendResult.FILLED_NOT_APPENDED) {
            assertThat(result).isIn(RecordAccumulator.AppendResult.NEW_BATCH, RecordAccumulator.AppendResult.APPENDED);
            appended++;
        }
        return appended;
    }

    private RecordAccumulator.AppendResult append(byte[] value, boolean mayMoveOn) throws InterruptedException {
        return accumulator.append(TP, (byte) 2, 1_700_000_000_000L, null, value, NO_HEADERS, null, 200,
                ProducerRuntime.CLOCK_NOT_READ, 1_000, mayMoveOn);
    }
}
