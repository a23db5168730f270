package dev.legacykafka.client.record;

import static dev.legacykafka.client.record.RecordBatchBuilderTest.bytes;
import static dev.legacykafka.client.record.RecordsTestSupport.BASE;
import static dev.legacykafka.client.record.RecordsTestSupport.asWritten;
import static dev.legacykafka.client.record.RecordsTestSupport.builderWith;
import static dev.legacykafka.client.record.RecordsTestSupport.decode;
import static dev.legacykafka.client.record.RecordsTestSupport.mixedRecords;
import static dev.legacykafka.client.record.RecordsTestSupport.visit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.Header;
import dev.legacykafka.client.record.RecordsRebuilder.Part;
import dev.legacykafka.client.record.RecordsRebuilder.Result;
import dev.legacykafka.client.record.RecordsTestSupport.Rec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordsRebuilderTest {

    @ParameterizedTest(name = "magic {0} {1}, source built {2}")
    @MethodSource("dev.legacykafka.client.record.RecordsTestSupport#formatsCodecsAndBuilt")
    void rebuildingEveryRecordInTheSameFormatGivesTheSameRecords(byte magic, CompressionType type, boolean built) {
        List<Rec> records = mixedRecords(magic);
        RecordsBuilder source = builderWith(magic, type, records);
        ByteBuffer sourceBytes = built ? source.build() : null;

        Result result = RecordsRebuilder.rebuild(source, index -> true, magic, type, 1 << 20);

        assertThat(result.hasUnconvertible()).isFalse();
        assertThat(result.parts()).hasSize(1);
        Part part = result.parts().get(0);
        assertThat(part.sourceIndexes()).containsExactly(IntStream.range(0, records.size()).toArray());
        assertThat(part.builder().magic()).isEqualTo(magic);
        assertThat(part.builder().compression()).isEqualTo(type);
        assertThat(visit(part.builder())).containsExactlyElementsOf(records);
        assertThat(decode(part.builder())).containsExactlyElementsOf(asWritten(magic, records));
        if (built) {
            assertThat(source.build()).as("the source is only read").isEqualTo(sourceBytes);
        } else {
            assertThat(decode(source)).containsExactlyElementsOf(asWritten(magic, records));
        }
        if (type == CompressionType.NONE) {
            assertThat(part.builder().build()).as("byte for byte").isEqualTo(source.build());
        }
    }

    @ParameterizedTest(name = "magic {0} {1}")
    @MethodSource("dev.legacykafka.client.record.RecordsTestSupport#formatsAndCodecs")
    void aSubsetKeepsOrderKeysValuesHeadersAndTimestamps(byte magic, CompressionType type) {
        List<Rec> records = mixedRecords(magic);
        RecordsBuilder source = builderWith(magic, type, records);
        source.build();
        // Drop the first record (the base timestamp of magic 2) and every third one after it.
        int[] kept = IntStream.range(0, records.size()).filter(i -> i != 0 && i % 3 != 0).toArray();
        List<Rec> expected = IntStream.of(kept).mapToObj(records::get).toList();

        Result result = RecordsRebuilder.rebuild(source, i -> i != 0 && i % 3 != 0, magic, type, 1 << 20);

        assertThat(result.parts()).hasSize(1);
        Part part = result.parts().get(0);
        assertThat(part.sourceIndexes()).containsExactly(kept);
        assertThat(part.recordCount()).isEqualTo(kept.length);
        assertThat(part.sourceIndex(0)).isEqualTo(1);
        assertThat(decode(part.builder())).containsExactlyElementsOf(asWritten(magic, expected));
        assertThat(visit(part.builder())).containsExactlyElementsOf(expected);
    }

    @Test
    void convertsMagic2To1To0AndBackKeepingTimestampsAsFarAsEachFormatCarriesThem() {
        List<Rec> records = mixedRecords((byte) 1); // no headers
        RecordsBuilder magic2 = builderWith((byte) 2, CompressionType.ZSTD, records);
        magic2.build();

        Result toMagic1 = RecordsRebuilder.rebuild(magic2, i -> true, (byte) 1, CompressionType.GZIP, 1 << 20);
        RecordsBuilder magic1 = single(toMagic1);
        assertThat(magic1.magic()).isEqualTo((byte) 1);
        assertThat(decode(magic1)).containsExactlyElementsOf(records);

        Result toMagic0 = RecordsRebuilder.rebuild(magic1, i -> true, (byte) 0, CompressionType.SNAPPY, 1 << 20);
        RecordsBuilder magic0 = single(toMagic0);
        assertThat(magic0.magic()).isEqualTo((byte) 0);
        assertThat(decode(magic0)).containsExactlyElementsOf(asWritten((byte) 0, records));

        // The magic-0 builder still knows the create times, so a leader moving back to a newer
        // broker gets them again.
        Result backToMagic2 = RecordsRebuilder.rebuild(magic0, i -> true, (byte) 2, CompressionType.LZ4, 1 << 20);
        RecordsBuilder again = single(backToMagic2);
        assertThat(decode(again)).containsExactlyElementsOf(records);
        MemoryRecords decoded = MemoryRecords.readableRecords(again.build());
        assertThat(decoded.batches().iterator().next().maxTimestamp()).isEqualTo(BASE + 1_000_000);
    }

    @ParameterizedTest(name = "magic {0}")
    @ValueSource(bytes = {0, 1})
    void recordsWithHeadersAreReportedWhenTheTargetIsALegacyFormat(byte targetMagic) {
        RecordBatchBuilder source = new RecordBatchBuilder(CompressionType.NONE, false, 1 << 20);
        Header[] headers = {new Header("h", bytes("x"))};
        source.tryAppend(BASE, bytes("k0"), bytes("v0"), null);
        source.tryAppend(BASE + 1, bytes("k1"), bytes("v1"), headers);
        source.tryAppend(BASE + 2, bytes("k2"), bytes("v2"), new Header[0]);
        source.tryAppend(BASE + 3, bytes("k3"), bytes("v3"), headers);
        source.tryAppend(BASE + 4, bytes("k4"), bytes("v4"), headers);

        Result result = RecordsRebuilder.rebuild(source, i -> i != 4, targetMagic, CompressionType.GZIP, 1 << 20);

        assertThat(result.hasUnconvertible()).isTrue();
        assertThat(result.unconvertible()).as("kept records only").containsExactly(1, 3);
        assertThat(result.unconvertibleReason()).contains("headers", "magic 2", "magic " + targetMagic);
        assertThat(result.parts()).hasSize(1);
        assertThat(result.parts().get(0).sourceIndexes()).containsExactly(0, 2);
        assertThat(decode(result.parts().get(0).builder())).containsExactlyElementsOf(asWritten(targetMagic, List.of(
                new Rec(BASE, bytes("k0"), bytes("v0"), null), new Rec(BASE + 2, bytes("k2"), bytes("v2"), null))));
    }

    @Test
    void onlyRecordsWithHeadersGiveAnEmptyResultListingThemAll() {
        RecordBatchBuilder source = new RecordBatchBuilder(CompressionType.NONE, false, 1 << 20);
        source.tryAppend(BASE, null, bytes("v"), new Header[] {new Header("h", null)});
        source.tryAppend(BASE, null, bytes("v"), new Header[] {new Header("h", null)});

        Result result = RecordsRebuilder.rebuild(source, i -> true, (byte) 1, CompressionType.NONE, 1 << 20);

        assertThat(result.isEmpty()).isTrue();
        assertThat(result.unconvertible()).containsExactly(0, 1);
    }

    @Test
    void headersConvertToMagic2WithoutLoss() {
        List<Rec> records = mixedRecords((byte) 2);
        RecordsBuilder source = builderWith((byte) 2, CompressionType.GZIP, records);

        Result result = RecordsRebuilder.rebuild(source, i -> true, (byte) 2, CompressionType.SNAPPY, 1 << 20);

        assertThat(result.hasUnconvertible()).isFalse();
        assertThat(result.unconvertibleReason()).isNull();
        assertThat(decode(single(result))).containsExactlyElementsOf(records);
    }

    @ParameterizedTest(name = "magic {0}")
    @ValueSource(bytes = {0, 1, 2})
    void keptRecordsBeyondTheSizeLimitGoToFurtherBuilders(byte magic) {
        List<Rec> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(new Rec(BASE + i, bytes("key-" + i), new byte[100], null));
        }
        records.set(7, new Rec(BASE + 7, bytes("big"), new byte[2000], null));
        RecordsBuilder source = builderWith(magic, CompressionType.NONE, records);
        int sizeLimit = 600;

        Result result = RecordsRebuilder.rebuild(source, i -> i != 3, magic, CompressionType.NONE, sizeLimit);

        assertThat(result.parts()).hasSizeGreaterThan(3);
        List<Integer> indexes = new ArrayList<>();
        List<Rec> decoded = new ArrayList<>();
        for (Part part : result.parts()) {
            assertThat(part.recordCount()).isPositive();
            assertThat(part.builder().recordCount()).isEqualTo(part.recordCount());
            for (int index : part.sourceIndexes()) {
                indexes.add(index);
            }
            int size = part.builder().build().remaining();
            if (part.sourceIndexes()[0] == 7) {
                assertThat(part.recordCount()).as("an oversized record travels alone").isOne();
            } else {
                assertThat(size).isLessThanOrEqualTo(sizeLimit);
            }
            decoded.addAll(decode(part.builder()));
        }
        List<Integer> expectedIndexes = IntStream.range(0, 30).filter(i -> i != 3).boxed().toList();
        assertThat(indexes).containsExactlyElementsOf(expectedIndexes);
        assertThat(decoded).containsExactlyElementsOf(
                asWritten(magic, expectedIndexes.stream().map(records::get).toList()));
    }

    @Test
    void keepingNothingGivesAnEmptyResult() {
        RecordsBuilder source = builderWith((byte) 2, CompressionType.LZ4, mixedRecords((byte) 2));

        Result result = RecordsRebuilder.rebuild(source, i -> false, (byte) 2, CompressionType.LZ4, 1 << 20);

        assertThat(result.isEmpty()).isTrue();
        assertThat(result.parts()).isEmpty();
        assertThat(result.builders()).isEmpty();
        assertThat(result.unconvertible()).isEmpty();
        assertThat(result.hasUnconvertible()).isFalse();
        assertThat(result.unconvertibleReason()).isNull();
    }

    @Test
    void anEmptySourceGivesAnEmptyResult() {
        Result result = RecordsRebuilder.rebuild(RecordsBuilder.create((byte) 0, CompressionType.NONE, 1024),
                i -> true, (byte) 2, CompressionType.NONE, 1024);

        assertThat(result.isEmpty()).isTrue();
    }

    @Test
    void aTransactionalBatchStaysTransactionalAndCannotGoToALegacyFormat() {
        RecordBatchBuilder source = new RecordBatchBuilder(CompressionType.NONE, true, 1024);
        source.tryAppend(BASE, bytes("k"), bytes("v"), null);
        source.tryAppend(BASE, bytes("k"), bytes("v"), null);

        RecordsBuilder rebuilt = single(RecordsRebuilder.rebuild(source, i -> true, (byte) 2, CompressionType.GZIP, 1024));
        RecordBatch batch = MemoryRecords.readableRecords(((RecordBatchBuilder) rebuilt).build(5L, (short) 0, 0))
                .batches().iterator().next();
        assertThat(batch.isTransactional()).isTrue();
        assertThat(batch.producerId()).isEqualTo(5L);
        assertThat(RecordsRebuilder.split(source).parts())
                .allSatisfy(part -> assertThat(((RecordBatchBuilder) part.builder()).isTransactional()).isTrue());

        assertThatThrownBy(() -> RecordsRebuilder.rebuild(source, i -> true, (byte) 1, CompressionType.NONE, 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transactional");
    }

    @Test
    void aFormatThatCannotCarryTheCodecIsRefusedEvenWhenNothingIsKept() {
        RecordsBuilder source = builderWith((byte) 2, CompressionType.NONE, mixedRecords((byte) 2));

        assertThatThrownBy(() -> RecordsRebuilder.rebuild(source, i -> false, (byte) 1, CompressionType.ZSTD, 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zstd");
        assertThatThrownBy(() -> RecordsRebuilder.rebuild(source, i -> false, (byte) 3, CompressionType.NONE, 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("magic 3");
    }

    @ParameterizedTest(name = "magic {0} {1}")
    @MethodSource("dev.legacykafka.client.record.RecordsTestSupport#formatsAndCodecs")
    void splittingGivesTwoHalvesOfTheSameFormatInOrder(byte magic, CompressionType type) {
        List<Rec> records = mixedRecords(magic);
        RecordsBuilder source = builderWith(magic, type, records);
        source.build();

        Result result = RecordsRebuilder.split(source);

        assertThat(result.parts()).hasSize(2);
        Part first = result.parts().get(0);
        Part second = result.parts().get(1);
        assertThat(first.recordCount()).isPositive();
        assertThat(second.recordCount()).isPositive();
        assertThat(first.recordCount() + second.recordCount()).isEqualTo(records.size());
        assertThat(second.sourceIndex(0)).isEqualTo(first.recordCount());
        List<Rec> decoded = new ArrayList<>();
        for (Part part : result.parts()) {
            assertThat(part.builder().magic()).isEqualTo(magic);
            assertThat(part.builder().compression()).isEqualTo(type);
            decoded.addAll(decode(part.builder()));
        }
        assertThat(decoded).containsExactlyElementsOf(asWritten(magic, records));
        // Record 3 alone is more than half the bytes, so it starts the second half.
        assertThat(first.sourceIndexes()).containsExactly(0, 1, 2);
    }

    @Test
    void equalRecordsSplitIntoEqualHalvesAndAnOddOneOutGoesSecond() {
        List<Rec> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(new Rec(BASE + i, bytes("key-" + i), bytes("value-" + i), null));
        }
        RecordsBuilder ten = builderWith((byte) 1, CompressionType.NONE, records);
        assertThat(RecordsRebuilder.split(ten).parts().get(0).sourceIndexes()).containsExactly(0, 1, 2, 3, 4);

        RecordsBuilder eleven = builderWith((byte) 1, CompressionType.NONE, records);
        new Rec(BASE, bytes("key-x"), bytes("value-x"), null).appendTo(eleven);
        assertThat(RecordsRebuilder.split(eleven).parts().get(1).sourceIndexes()).containsExactly(5, 6, 7, 8, 9, 10);
    }

    @ParameterizedTest(name = "magic {0}")
    @ValueSource(bytes = {0, 1, 2})
    void aBigRecordAtEitherEndIsSplitFromTheRest(byte magic) {
        Rec big = new Rec(BASE, bytes("big"), new byte[10_000], null);
        Rec small = new Rec(BASE + 1, bytes("small"), new byte[10], null);

        RecordsBuilder bigFirst = builderWith(magic, CompressionType.GZIP, List.of(big, small, small, small));
        Result first = RecordsRebuilder.split(bigFirst);
        assertThat(first.parts().get(0).sourceIndexes()).containsExactly(0);
        assertThat(first.parts().get(1).sourceIndexes()).containsExactly(1, 2, 3);

        RecordsBuilder bigLast = builderWith(magic, CompressionType.GZIP, List.of(small, small, small, big));
        Result last = RecordsRebuilder.split(bigLast);
        assertThat(last.parts().get(0).sourceIndexes()).containsExactly(0, 1, 2);
        assertThat(last.parts().get(1).sourceIndexes()).containsExactly(3);
        assertThat(decode(last.parts().get(1).builder())).containsExactly(magic == 0 ? big.withTimestamp(-1) : big);
    }

    @Test
    void twoRecordsSplitOneAndOneAndAHalfCanBeSplitAgain() {
        List<Rec> records = List.of(new Rec(BASE, null, bytes("a"), null), new Rec(BASE + 1, null, bytes("b"), null),
                new Rec(BASE + 2, null, bytes("c"), null));
        RecordsBuilder source = builderWith((byte) 2, CompressionType.NONE, records);

        Result halves = RecordsRebuilder.split(source);
        Part two = halves.parts().stream().filter(part -> part.recordCount() == 2).findFirst().orElseThrow();
        Result quarters = RecordsRebuilder.split(two.builder());

        assertThat(quarters.parts()).extracting(Part::recordCount).containsExactly(1, 1);
        List<Rec> decoded = new ArrayList<>();
        quarters.parts().forEach(part -> decoded.addAll(decode(part.builder())));
        List<Rec> expected = IntStream.of(two.sourceIndexes()).mapToObj(records::get).toList();
        assertThat(decoded).containsExactlyElementsOf(expected);
    }

    @Test
    void aBatchOfOneRecordCannotBeSplit() {
        RecordsBuilder one = builderWith((byte) 2, CompressionType.NONE, List.of(new Rec(BASE, null, null, null)));

        assertThatThrownBy(() -> RecordsRebuilder.split(one)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 record");
        assertThatThrownBy(() -> RecordsRebuilder.split(RecordsBuilder.create((byte) 2, CompressionType.NONE, 1024)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RecordsBuilder single(Result result) {
        assertThat(result.parts()).hasSize(1);
        assertThat(result.builders()).hasSize(1);
        return result.builders().get(0);
    }
}
