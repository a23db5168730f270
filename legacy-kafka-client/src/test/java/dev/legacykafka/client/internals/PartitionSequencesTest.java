package dev.legacykafka.client.internals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.record.RecordBatchBuilder;
import dev.legacykafka.client.record.RecordsRebuilder;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.junit.jupiter.api.Test;

/** The rules of the sequence book, one by one, without a network. */
class PartitionSequencesTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private final PartitionSequences book = new PartitionSequences();

    @Test
    void handsOutConsecutiveSequencesPerPartition() {
        ProducerBatch a = sent(P0, 3);
        ProducerBatch b = sent(P0, 2);
        ProducerBatch c = sent(P1, 4);
        assertThat(List.of(a.baseSequence(), b.baseSequence(), c.baseSequence())).containsExactly(0, 3, 0);
        assertThat(book.nextSequence(P0)).isEqualTo(5);
        assertThat(book.nextSequence(P1)).isEqualTo(4);
        assertThat(book.pendingCount(P0)).isEqualTo(2);
    }

    @Test
    void acknowledgementMovesTheLastAcknowledgedAndEndsTheBatch() {
        ProducerBatch a = sent(P0, 3);
        sent(P0, 2);
        assertThat(book.acknowledged(a)).isTrue();
        assertThat(book.lastAcknowledged(P0)).isEqualTo(2);
        assertThat(book.pendingCount(P0)).isEqualTo(1);
    }

    @Test
    void outOfOrderIsExplainedOnlyBehindAnEarlierBatchWithoutOutcome() {
        ProducerBatch a = sent(P0, 3);
        ProducerBatch b = sent(P0, 2);
        assertThat(book.isOutOfOrderExplained(b)).as("a is still pending").isTrue();
        assertThat(book.isOutOfOrderExplained(a)).as("nothing before a").isFalse();
        book.acknowledged(a);
        assertThat(book.isOutOfOrderExplained(b)).as("a was written, b follows it: the broker disagrees").isFalse();
    }

    @Test
    void partsOfABatchRejectedForSomeRecordsTakeItsSequencesAndLaterBatchesMoveDown() {
        ProducerBatch a = sent(P0, 2);
        ProducerBatch rejected = sent(P0, 5);
        ProducerBatch later = sent(P0, 3);
        ProducerBatch latest = sent(P0, 1);
        book.acknowledged(a);

        // Records 1 and 3 of the rejected batch failed; the other three go again in one part.
        List<ProducerBatch> parts = partsWithout(rejected, 1, 3);
        book.replaced(rejected, parts);

        assertThat(parts).singleElement().satisfies(part -> {
            assertThat(part.baseSequence()).isEqualTo(2);
            assertThat(part.recordCount()).isEqualTo(3);
        });
        assertThat(later.baseSequence()).isEqualTo(5);
        assertThat(latest.baseSequence()).isEqualTo(8);
        assertThat(book.nextSequence(P0)).isEqualTo(9);
        assertThat(later.isStampStale()).as("sent as 7, now 5").isTrue();
        assertThat(book.isOutOfOrderExplained(later)).isTrue();
        parts.get(0).markSent();
        assertThat(book.isOutOfOrderExplained(parts.get(0))).as("the part, sent, is first now").isFalse();
    }

    @Test
    void aSplitKeepsEveryNumber() {
        ProducerBatch big = sent(P0, 6);
        ProducerBatch later = sent(P0, 2);
        RecordsRebuilder.Result halves = RecordsRebuilder.split(big.builder());
        List<ProducerBatch> parts = new ArrayList<>();
        halves.parts().forEach(part -> parts.add(ProducerBatch.fromPart(big, part)));
        book.replaced(big, parts);

        assertThat(parts).extracting(ProducerBatch::baseSequence).containsExactly(0, 3);
        assertThat(later.baseSequence()).isEqualTo(6);
        assertThat(later.isStampStale()).isFalse();
        assertThat(book.nextSequence(P0)).isEqualTo(8);
    }

    @Test
    void aBatchWhoseRecordsAllFailedGivesBackAllItsSequences() {
        ProducerBatch rejected = sent(P0, 4);
        ProducerBatch later = sent(P0, 2);
        book.replaced(rejected, List.of());
        assertThat(later.baseSequence()).isZero();
        assertThat(book.nextSequence(P0)).isEqualTo(2);
        assertThat(book.isOutOfOrderExplained(later)).as("renumbered since sent").isTrue();
    }

    @Test
    void aBatchSurelyNotWrittenGivesBackItsSequencesWhenItFailsForGood() {
        ProducerBatch failed = sent(P0, 4);
        ProducerBatch later = sent(P0, 2);
        book.failed(failed, false);
        assertThat(later.baseSequence()).isZero();
        assertThat(book.nextSequence(P0)).isEqualTo(2);
    }

    @Test
    void aBatchThatMayHaveBeenWrittenMovesNothingWhenItFailsForGood() {
        ProducerBatch failed = sent(P0, 4);
        ProducerBatch later = sent(P0, 2);
        book.failed(failed, true);
        assertThat(later.baseSequence()).isEqualTo(4);
        assertThat(book.nextSequence(P0)).isEqualTo(6);
        assertThat(book.isOutOfOrderExplained(later))
                .as("if the broker did not write it, nothing explains the gap: a new epoch is due").isFalse();
    }

    @Test
    void anAcknowledgementOfNumbersTheBookHadMovedIsADisagreement() {
        ProducerBatch rejected = sent(P0, 4);
        ProducerBatch later = sent(P0, 2);
        book.failed(rejected, false);
        assertThat(book.acknowledged(later)).isFalse();
    }

    @Test
    void renumberedBatchesAreStampedWithTheirNewNumbersWhenSentAgain() {
        ProducerBatch rejected = sent(P0, 4);
        ProducerBatch later = sent(P0, 2);
        book.failed(rejected, false);
        later.markSent();
        assertThat(later.isStampStale()).isFalse();
        assertThat(later.sentBaseSequence()).isZero();
        assertThat(MemoryRecords.readableRecords(later.records()).batches().iterator().next().baseSequence())
                .as("read by kafka-clients").isZero();
        assertThat(book.acknowledged(later)).isTrue();
        assertThat(book.lastAcknowledged(P0)).isEqualTo(1);
    }

    @Test
    void sequencesWrapToZeroAfterIntegerMaxValue() {
        assertThat(PartitionSequences.add(Integer.MAX_VALUE, 1)).isZero();
        assertThat(PartitionSequences.add(Integer.MAX_VALUE - 1, 3)).isEqualTo(1);
        assertThat(PartitionSequences.add(1, -3)).isEqualTo(Integer.MAX_VALUE - 1);
    }

    @Test
    void sequenceOrderHoldsAcrossTheWrap() {
        assertThat(PartitionSequences.isBefore(3, 7)).isTrue();
        assertThat(PartitionSequences.isBefore(7, 3)).isFalse();
        assertThat(PartitionSequences.isBefore(5, 5)).isFalse();
        // A batch numbered just after the wrap comes after one numbered just before it.
        assertThat(PartitionSequences.isBefore(Integer.MAX_VALUE - 10, 5)).isTrue();
        assertThat(PartitionSequences.isBefore(5, Integer.MAX_VALUE - 10)).isFalse();
        assertThat(PartitionSequences.isBefore(0, Integer.MAX_VALUE)).isFalse();
    }

    @Test
    void otherPartitionsAreUntouchedByARenumbering() {
        ProducerBatch p0 = sent(P0, 4);
        ProducerBatch p1 = sent(P1, 3);
        book.failed(p0, false);
        assertThat(p1.baseSequence()).isZero();
        assertThat(book.nextSequence(P1)).isEqualTo(3);
        assertThat(book.nextSequence(P0)).isZero();
    }

    @Test
    void aResetForgetsEveryPartition() {
        sent(P0, 4);
        sent(P1, 3);
        book.reset();
        assertThat(book.nextSequence(P0)).isZero();
        assertThat(book.pendingCount(P1)).isZero();
    }

    @Test
    void batchesOfAnEarlierEpochAreNotInTheBook() {
        ProducerBatch old = sent(P0, 4);
        book.reset();
        ProducerBatch fresh = sent(P0, 2);
        assertThat(book.acknowledged(old)).as("nothing to move").isTrue();
        assertThat(book.lastAcknowledged(P0)).isEqualTo(-1);
        book.failed(old, false);
        assertThat(fresh.baseSequence()).isZero();
    }

    /** A batch of {@code records} records, numbered by the book and sent. */
    private ProducerBatch sent(TopicPartition tp, int records) {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, false, 16 * 1024);
        ProducerBatch batch = new ProducerBatch(tp, builder, null, 0, records);
        for (int i = 0; i < records; i++) {
            assertThat(batch.tryAppend(0, ("k" + i).getBytes(), ("v" + i).getBytes(), null, null)).isTrue();
        }
        batch.assignSequence(42, (short) 0, book.assign(batch), 1);
        batch.recordAttempt();
        batch.markSent();
        return batch;
    }

    private static List<ProducerBatch> partsWithout(ProducerBatch batch, int... failedIndexes) {
        List<Integer> failed = new ArrayList<>();
        for (int index : failedIndexes) {
            failed.add(index);
        }
        RecordsRebuilder.Result rebuilt = RecordsRebuilder.rebuild(batch.builder(), i -> !failed.contains(i), (byte) 2,
                CompressionType.NONE, 16 * 1024);
        List<ProducerBatch> parts = new ArrayList<>();
        rebuilt.parts().forEach(part -> parts.add(ProducerBatch.fromPart(batch, part)));
        return parts;
    }
}
