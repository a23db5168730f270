package dev.legacykafka.client.record;

import static dev.legacykafka.client.record.RecordBatchBuilderTest.bytes;
import static dev.legacykafka.client.record.RecordsTestSupport.BASE;
import static dev.legacykafka.client.record.RecordsTestSupport.builderWith;
import static dev.legacykafka.client.record.RecordsTestSupport.mixedRecords;
import static dev.legacykafka.client.record.RecordsTestSupport.visit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.Header;
import dev.legacykafka.client.record.RecordsTestSupport.Rec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ForEachRecordTest {

    @ParameterizedTest(name = "magic {0} {1}, built {2}")
    @MethodSource("dev.legacykafka.client.record.RecordsTestSupport#formatsCodecsAndBuilt")
    void visitsEveryRecordAsAppendedBeforeAndAfterBuild(byte magic, CompressionType type, boolean built) {
        List<Rec> records = mixedRecords(magic);
        RecordsBuilder builder = builderWith(magic, type, records);
        ByteBuffer before = null;
        if (built) {
            before = builder.build();
        }

        List<Rec> seen = visit(builder);

        // Magic 0 too: its timestamps are kept beside the buffer.
        assertThat(seen).containsExactlyElementsOf(records);
        if (built) {
            assertThat(builder.build()).as("visiting leaves the built bytes alone").isEqualTo(before);
        } else {
            assertThat(visit(builder)).as("visiting again").containsExactlyElementsOf(records);
            assertThat(RecordsTestSupport.decode(builder)).as("still builds")
                    .containsExactlyElementsOf(RecordsTestSupport.asWritten(magic, records));
        }
    }

    @ParameterizedTest(name = "magic {0}")
    @ValueSource(bytes = {0, 1, 2})
    void visitsAsRecordsAreAppendedAndAnEmptyBuilderVisitsNothing(byte magic) {
        RecordsBuilder builder = RecordsBuilder.create(magic, CompressionType.GZIP, 1 << 20);
        assertThat(visit(builder)).isEmpty();

        builder.tryAppend(BASE, bytes("a"), bytes("1"), null);
        assertThat(visit(builder)).containsExactly(new Rec(BASE, bytes("a"), bytes("1"), null));

        builder.tryAppend(BASE - 1, bytes("b"), bytes("2"), null);
        assertThat(visit(builder)).containsExactly(new Rec(BASE, bytes("a"), bytes("1"), null),
                new Rec(BASE - 1, bytes("b"), bytes("2"), null));
    }

    @ParameterizedTest(name = "magic {0}")
    @ValueSource(bytes = {0, 1, 2})
    void readsFromACallersBufferAtAnOffsetAndAfterMovingToALargerOne(byte magic) {
        ByteBuffer pooled = ByteBuffer.allocate(256);
        pooled.position(100);
        RecordsBuilder builder = magic == 2
                ? new RecordBatchBuilder(CompressionType.LZ4, false, pooled, 1 << 20)
                : new LegacyMessageSetBuilder(magic, CompressionType.LZ4, pooled, 1 << 20);
        List<Rec> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // Many more than the 16 timestamps a magic-0 builder starts with room for.
            records.add(new Rec(BASE + 1000L * i, bytes("key-" + i), bytes("value-" + i), null));
        }
        records.forEach(record -> record.appendTo(builder));

        assertThat(visit(builder)).containsExactlyElementsOf(records);
        builder.build();
        assertThat(visit(builder)).containsExactlyElementsOf(records);
    }

    @Test
    void magic2HeadersComeBackInOrderWithEmptyAndNullValuesAndNonAsciiKeys() {
        Header[] headers = {new Header("", null), new Header("ключ-🔑", bytes("v")), new Header("", new byte[0])};
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, true, 1024);
        builder.tryAppend(BASE, null, null, headers);
        builder.tryAppend(Long.MAX_VALUE / 2, null, null, new Header[0]);
        builder.build(7L, (short) 1, 3);

        assertThat(visit(builder)).containsExactly(new Rec(BASE, null, null, headers),
                new Rec(Long.MAX_VALUE / 2, null, null, null));
    }

    @Test
    void visitedArraysAreCopiesTheVisitorMayChange() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, false, 1024);
        builder.tryAppend(BASE, bytes("k"), bytes("v"), null);
        builder.forEachRecord((index, timestamp, key, value, headers) -> {
            key[0] = 'x';
            value[0] = 'y';
        });

        assertThat(visit(builder)).containsExactly(new Rec(BASE, bytes("k"), bytes("v"), null));
    }

    @Test
    void anExceptionFromTheVisitorStopsTheWalk() {
        RecordsBuilder builder = builderWith((byte) 1, CompressionType.NONE, mixedRecords((byte) 1));
        List<Integer> visited = new ArrayList<>();

        assertThatThrownBy(() -> builder.forEachRecord((index, timestamp, key, value, headers) -> {
            visited.add(index);
            if (index == 2) {
                throw new IllegalStateException("stop");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("stop");
        assertThat(visited).containsExactly(0, 1, 2);
    }
}
