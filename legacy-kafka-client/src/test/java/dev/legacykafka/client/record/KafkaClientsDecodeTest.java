package dev.legacykafka.client.record;

import static dev.legacykafka.client.record.RecordBatchBuilderTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.Header;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kafka-clients 4.4 is the independent reader: it decodes what our builders encode, for every
 * record format and every codec the format allows, and validates CRCs on the way.
 */
class KafkaClientsDecodeTest {

    private static final long BASE = 1_700_000_000_000L;
    private static final byte[] LARGE = largeValue();

    /** One record as the test appends it. */
    private record Input(long timestamp, byte[] key, byte[] value, Header[] headers) {
    }

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

    private static List<Input> inputs(byte magic) {
        List<Input> inputs = new ArrayList<>();
        inputs.add(new Input(BASE, null, bytes("v0"), null));
        inputs.add(new Input(BASE + 10, bytes("k1"), null, null));
        inputs.add(new Input(BASE - 5, new byte[0], new byte[0], null));
        inputs.add(new Input(BASE + 3, bytes("k3"), LARGE, null));
        if (magic == 2) {
            inputs.add(new Input(BASE + 7, bytes("k4"), bytes("v4"),
                    new Header[] {new Header("h1", bytes("x")), new Header("trace-é", null), new Header("h1", new byte[0])}));
        } else {
            inputs.add(new Input(BASE + 7, bytes("k4"), bytes("v4"), new Header[0]));
        }
        return inputs;
    }

    @ParameterizedTest(name = "magic {0} {1}")
    @MethodSource("formatsAndCodecs")
    void kafkaClientsReadsEveryRecordBack(byte magic, CompressionType type) {
        List<Input> inputs = inputs(magic);
        RecordsBuilder builder = RecordsBuilder.create(magic, type, 1 << 20);
        for (Input input : inputs) {
            assertThat(builder.tryAppend(input.timestamp(), input.key(), input.value(), input.headers())).isTrue();
        }

        MemoryRecords records = MemoryRecords.readableRecords(builder.build());

        List<MutableRecordBatch> batches = new ArrayList<>();
        records.batches().forEach(batches::add);
        // Uncompressed legacy entries are each their own shallow "batch" to kafka-clients.
        int expectedBatches = magic < 2 && type == CompressionType.NONE ? inputs.size() : 1;
        assertThat(batches).hasSize(expectedBatches);
        assertThat(records.validBytes()).isEqualTo(records.sizeInBytes());

        List<Record> decoded = new ArrayList<>();
        for (MutableRecordBatch batch : batches) {
            batch.ensureValid();
            assertThat(batch.magic()).isEqualTo(magic);
            assertThat(batch.compressionType().id).isEqualTo((byte) type.id());
            assertThat(batch.isTransactional()).isFalse();
            assertThat(batch.producerId()).isEqualTo(RecordBatch.NO_PRODUCER_ID);
            batch.forEach(decoded::add);
        }
        assertThat(decoded).hasSize(inputs.size());

        long maxTimestamp = inputs.stream().mapToLong(Input::timestamp).max().orElseThrow();
        MutableRecordBatch last = batches.get(batches.size() - 1);
        assertThat(last.lastOffset()).isEqualTo(inputs.size() - 1);
        if (magic == 2) {
            assertThat(last.countOrNull()).isEqualTo(inputs.size());
            assertThat(last.baseOffset()).isZero();
            assertThat(last.maxTimestamp()).isEqualTo(maxTimestamp);
            assertThat(last.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
            assertThat(last.partitionLeaderEpoch()).isEqualTo(RecordBatch.NO_PARTITION_LEADER_EPOCH);
            assertThat(last.producerEpoch()).isEqualTo(RecordBatch.NO_PRODUCER_EPOCH);
            assertThat(last.baseSequence()).isEqualTo(RecordBatch.NO_SEQUENCE);
        } else if (magic == 1 && type != CompressionType.NONE) {
            assertThat(last.maxTimestamp()).as("wrapper timestamp").isEqualTo(maxTimestamp);
            assertThat(last.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
        }

        for (int i = 0; i < inputs.size(); i++) {
            Input input = inputs.get(i);
            Record record = decoded.get(i);
            record.ensureValid();
            assertThat(record.offset()).isEqualTo(i);
            assertThat(record.timestamp()).isEqualTo(magic == 0 ? RecordBatch.NO_TIMESTAMP : input.timestamp());
            assertThat(content(record.key())).isEqualTo(input.key());
            assertThat(content(record.value())).isEqualTo(input.value());
            List<Header> headers = new ArrayList<>();
            for (org.apache.kafka.common.header.Header header : record.headers()) {
                headers.add(new Header(header.key(), header.value()));
            }
            assertThat(headers).containsExactly(input.headers() == null ? new Header[0] : input.headers());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecsForMagic2")
    void idempotentAndTransactionalFieldsAreReadBackAfterRestamping(CompressionType type) {
        RecordBatchBuilder builder = new RecordBatchBuilder(type, true, 1 << 20);
        for (int i = 0; i < 5; i++) {
            builder.tryAppend(BASE + i, bytes("k" + i), bytes("v" + i), null);
        }
        ByteBuffer batch = builder.build(1000L, (short) 5, Integer.MAX_VALUE - 1);
        RecordBatchBuilder.restamp(batch, 2000L, (short) 6, 40);

        RecordBatch decoded = MemoryRecords.readableRecords(batch).batches().iterator().next();

        decoded.ensureValid();
        assertThat(decoded.isTransactional()).isTrue();
        assertThat(decoded.isControlBatch()).isFalse();
        assertThat(decoded.producerId()).isEqualTo(2000L);
        assertThat(decoded.producerEpoch()).isEqualTo((short) 6);
        assertThat(decoded.baseSequence()).isEqualTo(40);
        assertThat(decoded.lastSequence()).isEqualTo(44);
        assertThat(decoded.compressionType().id).isEqualTo((byte) type.id());
        assertThat(decoded.countOrNull()).isEqualTo(5);
    }

    static Stream<CompressionType> codecsForMagic2() {
        return Stream.of(CompressionType.values());
    }

    @ParameterizedTest(name = "magic {0}")
    @ValueSource(bytes = {0, 1, 2})
    void uncompressedBytesEqualKafkaClientsOwnBuilder(byte magic) {
        List<Input> inputs = inputs(magic);
        RecordsBuilder ours = RecordsBuilder.create(magic, CompressionType.NONE, 1 << 20);
        MemoryRecordsBuilder theirs = MemoryRecords.builder(ByteBuffer.allocate(1 << 20), magic, Compression.NONE,
                TimestampType.CREATE_TIME, 0L, RecordBatch.NO_TIMESTAMP, RecordBatch.NO_PRODUCER_ID,
                RecordBatch.NO_PRODUCER_EPOCH, RecordBatch.NO_SEQUENCE, false, RecordBatch.NO_PARTITION_LEADER_EPOCH);
        for (Input input : inputs) {
            ours.tryAppend(input.timestamp(), input.key(), input.value(), input.headers());
            theirs.append(input.timestamp(), input.key(), input.value(), kafkaHeaders(input.headers()));
        }

        ByteBuffer expected = theirs.build().buffer();

        assertThat(ours.build()).isEqualTo(expected);
    }

    @Test
    void idempotentMagic2BytesEqualKafkaClientsOwnBuilder() {
        RecordBatchBuilder ours = new RecordBatchBuilder(CompressionType.NONE, true, 1 << 20);
        MemoryRecordsBuilder theirs = MemoryRecords.builder(ByteBuffer.allocate(1 << 20), RecordBatch.MAGIC_VALUE_V2,
                Compression.NONE, TimestampType.CREATE_TIME, 0L, RecordBatch.NO_TIMESTAMP, 123_456_789L, (short) 3, 17,
                true, RecordBatch.NO_PARTITION_LEADER_EPOCH);
        for (int i = 0; i < 10; i++) {
            ours.tryAppend(BASE + i * 1000L, bytes("key-" + i), bytes("value-" + i), new Header[] {new Header("i", bytes("" + i))});
            theirs.append(BASE + i * 1000L, bytes("key-" + i), bytes("value-" + i),
                    new org.apache.kafka.common.header.Header[] {new RecordHeader("i", bytes("" + i))});
        }

        assertThat(ours.build(123_456_789L, (short) 3, 17)).isEqualTo(theirs.build().buffer());
    }

    @Test
    void kafkaClientsRejectsABatchWhoseBytesChangedAfterTheCrc() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, false, 1024);
        builder.tryAppend(BASE, bytes("k"), bytes("v"), null);
        ByteBuffer batch = builder.build();
        batch.put(batch.limit() - 2, (byte) 'w');

        RecordBatch decoded = MemoryRecords.readableRecords(batch).batches().iterator().next();

        assertThat(decoded.isValid()).isFalse();
        assertThatThrownBy(decoded::ensureValid).hasMessageContaining("corrupt").hasMessageContaining("crc");
    }

    private static org.apache.kafka.common.header.Header[] kafkaHeaders(Header[] headers) {
        if (headers == null) {
            return new org.apache.kafka.common.header.Header[0];
        }
        org.apache.kafka.common.header.Header[] out = new org.apache.kafka.common.header.Header[headers.length];
        for (int i = 0; i < headers.length; i++) {
            out[i] = new RecordHeader(headers[i].key(), headers[i].value());
        }
        return out;
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
