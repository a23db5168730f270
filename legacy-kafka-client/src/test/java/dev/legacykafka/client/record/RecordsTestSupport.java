package dev.legacykafka.client.record;

import static dev.legacykafka.client.record.RecordBatchBuilderTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.Header;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.junit.jupiter.params.provider.Arguments;

/** Records to append, what a visitor or kafka-clients reads back, and the formats to try. */
final class RecordsTestSupport {

    static final long BASE = 1_700_000_000_000L;
    static final byte[] LARGE = largeValue();

    private RecordsTestSupport() {
    }

    /** One record as appended or as read back; arrays compared by content. */
    record Rec(long timestamp, byte[] key, byte[] value, Header[] headers) {

        Rec {
            headers = headers == null ? new Header[0] : headers;
        }

        Rec withTimestamp(long newTimestamp) {
            return new Rec(newTimestamp, key, value, headers);
        }

        void appendTo(RecordsBuilder builder) {
            assertThat(builder.tryAppend(timestamp, key, value, headers)).isTrue();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Rec that && timestamp == that.timestamp && Arrays.equals(key, that.key)
                    && Arrays.equals(value, that.value) && Arrays.equals(headers, that.headers);
        }

        @Override
        public int hashCode() {
            return Objects.hash(timestamp, Arrays.hashCode(key), Arrays.hashCode(value), Arrays.hashCode(headers));
        }

        @Override
        public String toString() {
            return "Rec[" + timestamp + ", key=" + text(key) + ", value=" + text(value) + ", headers="
                    + Arrays.toString(headers) + "]";
        }

        private static String text(byte[] bytes) {
            if (bytes == null) {
                return "null";
            }
            return bytes.length > 40 ? bytes.length + " bytes" : '"' + new String(bytes, StandardCharsets.UTF_8) + '"';
        }
    }

    /** Every magic and every codec it can carry, each before and after build. */
    static Stream<Arguments> formatsCodecsAndBuilt() {
        List<Arguments> cases = new ArrayList<>();
        for (Arguments format : formatsAndCodecs().toList()) {
            cases.add(Arguments.of(format.get()[0], format.get()[1], false));
            cases.add(Arguments.of(format.get()[0], format.get()[1], true));
        }
        return cases.stream();
    }

    /** Every magic and every codec it can carry: zstd only with magic 2. */
    static Stream<Arguments> formatsAndCodecs() {
        List<Arguments> cases = new ArrayList<>();
        for (byte magic = 0; magic <= 2; magic++) {
            for (CompressionType type : CompressionType.values()) {
                if (type != CompressionType.ZSTD || magic == 2) {
                    cases.add(Arguments.of(magic, type));
                }
            }
        }
        return cases.stream();
    }

    /**
     * A mix of null, empty and large keys and values, timestamps out of order, and (magic 2 only)
     * headers with a null value, a repeated key and a non-ASCII key.
     */
    static List<Rec> mixedRecords(byte magic) {
        List<Rec> records = new ArrayList<>();
        records.add(new Rec(BASE, null, bytes("v0"), null));
        records.add(new Rec(BASE + 10, bytes("k1"), null, null));
        records.add(new Rec(BASE - 5, new byte[0], new byte[0], null));
        records.add(new Rec(BASE + 3, bytes("k3"), LARGE, null));
        records.add(new Rec(BASE + 1_000_000, null, null, null));
        Header[] headers = magic == 2
                ? new Header[] {new Header("h1", bytes("x")), new Header("trace-é", null), new Header("h1", new byte[0])}
                : null;
        records.add(new Rec(BASE + 7, bytes("k5"), bytes("v5"), headers));
        for (int i = 6; i < 40; i++) {
            records.add(new Rec(BASE + 20 + i, bytes("key-" + i), bytes("value-" + i), null));
        }
        return records;
    }

    /** Appends {@code records} to a new builder of {@code magic} and {@code type} with a 1 MiB limit. */
    static RecordsBuilder builderWith(byte magic, CompressionType type, List<Rec> records) {
        RecordsBuilder builder = RecordsBuilder.create(magic, type, 1 << 20);
        records.forEach(record -> record.appendTo(builder));
        return builder;
    }

    /** What {@link RecordsBuilder#forEachRecord} reports, checking that indexes count up from 0. */
    static List<Rec> visit(RecordsBuilder builder) {
        List<Rec> seen = new ArrayList<>();
        builder.forEachRecord((index, timestamp, key, value, headers) -> {
            assertThat(index).isEqualTo(seen.size());
            assertThat(headers).isNotNull();
            seen.add(new Rec(timestamp, key, value, headers));
        });
        return seen;
    }

    /**
     * Builds {@code builder} and decodes it with kafka-clients, validating every batch and record
     * CRC and that offsets run 0..n-1; the records with the timestamps kafka-clients reports.
     */
    static List<Rec> decode(RecordsBuilder builder) {
        MemoryRecords records = MemoryRecords.readableRecords(builder.build());
        assertThat(records.validBytes()).isEqualTo(records.sizeInBytes());
        List<Rec> decoded = new ArrayList<>();
        for (MutableRecordBatch batch : records.batches()) {
            batch.ensureValid();
            assertThat(batch.magic()).isEqualTo(builder.magic());
            assertThat(batch.compressionType().id).isEqualTo((byte) builder.compression().id());
            for (Record record : batch) {
                record.ensureValid();
                assertThat(record.offset()).isEqualTo(decoded.size());
                List<Header> headers = new ArrayList<>();
                for (org.apache.kafka.common.header.Header header : record.headers()) {
                    headers.add(new Header(header.key(), header.value()));
                }
                decoded.add(new Rec(record.timestamp(), content(record.key()), content(record.value()),
                        headers.toArray(new Header[0])));
            }
        }
        return decoded;
    }

    /** {@code records} as the format of {@code magic} carries them: no timestamp (-1) for magic 0. */
    static List<Rec> asWritten(byte magic, List<Rec> records) {
        return magic == 0 ? records.stream().map(record -> record.withTimestamp(-1L)).toList() : records;
    }

    private static byte[] content(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static byte[] largeValue() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 150_000; i++) {
            text.append("line ").append(i).append(": a value big enough to span several codec blocks\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
