package dev.legacykafka.client.protocol.message;

import static dev.legacykafka.client.protocol.message.KafkaWire.hex;
import static dev.legacykafka.client.protocol.message.KafkaWire.kafka;
import static dev.legacykafka.client.protocol.message.KafkaWire.kafkaBody;
import static dev.legacykafka.client.protocol.message.KafkaWire.ourBody;
import static dev.legacykafka.client.protocol.message.KafkaWire.parseWithKafka;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.RequestFrame;
import dev.legacykafka.client.protocol.RequestHeader;
import dev.legacykafka.client.protocol.message.ProduceRequest.PartitionData;
import dev.legacykafka.client.protocol.message.ProduceRequest.TopicData;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProduceRequestTest {

    private static final UUID ORDERS_ID = UUID.fromString("4d2f6c1e-8a3b-4c5d-9e0f-112233445566");
    private static final UUID AUDIT_ID = UUID.fromString("00000000-0000-0001-0000-000000000002");

    private static ByteBuffer batch(String value) {
        return MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord(1_700_000_000_000L, "k".getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8))).buffer();
    }

    private static ProduceRequest sample(short version) {
        String transactionalId = version >= 3 ? "txn-é" : null;
        return new ProduceRequest(transactionalId, (short) -1, 30_000, List.of(
                new TopicData(version >= 13 ? null : "orders", version >= 13 ? ORDERS_ID : null, List.of(
                        new PartitionData(0, batch("a")),
                        new PartitionData(7, batch("bb")))),
                new TopicData(version >= 13 ? null : "audit", version >= 13 ? AUDIT_ID : null, List.of(
                        new PartitionData(2, batch("ccc"))))));
    }

    /** The request kafka-clients should decode from ours: the same fields, field by field. */
    private static ProduceRequestData toKafka(ProduceRequest ours) {
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        for (TopicData topic : ours.topics()) {
            List<ProduceRequestData.PartitionProduceData> partitions = new ArrayList<>();
            for (PartitionData partition : topic.partitions()) {
                partitions.add(new ProduceRequestData.PartitionProduceData()
                        .setIndex(partition.index())
                        .setRecords(MemoryRecords.readableRecords(partition.records().duplicate())));
            }
            topics.add(new ProduceRequestData.TopicProduceData()
                    .setName(topic.name() == null ? "" : topic.name())
                    .setTopicId(kafka(topic.topicId()))
                    .setPartitionData(partitions));
        }
        return new ProduceRequestData()
                .setTransactionalId(ours.transactionalId())
                .setAcks(ours.acks())
                .setTimeoutMs(ours.timeoutMs())
                .setTopicData(topics);
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13})
    void kafkaClientsDecodesWhatWeWrite(short version) {
        ProduceRequest ours = sample(version);
        ProduceRequestData expected = toKafka(ours);
        assertThat(parseWithKafka(ours, version)).isEqualTo(expected);
        assertThat(ourBody(ours, version)).isEqualTo(kafkaBody(expected, version));
    }

    // kafka-clients 4.4 no longer knows Produce v0-v2 (removed in Kafka 4.0): its generated code
    // encodes them with the v3 layout. These vectors are computed by hand from the 2.x schemas.

    private static final String RECORDS = "aabb";
    private static final String V0_BODY = "0001" + "000003e8" // acks 1, timeout 1000
            + "00000001" + "0001" + "74" // one topic "t"
            + "00000002" // two partitions
            + "00000000" + "00000002" + RECORDS // partition 0, records
            + "00000003" + "ffffffff"; // partition 3, null records

    private static ProduceRequest small(String transactionalId) {
        return new ProduceRequest(transactionalId, (short) 1, 1000, List.of(new TopicData("t", null, List.of(
                new PartitionData(0, ByteBuffer.wrap(KafkaWire.unhex(RECORDS))), new PartitionData(3, null)))));
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2})
    void versionsZeroToTwoHaveNoTransactionalId(short version) {
        assertThat(ourBody(small(null), version)).isEqualTo(V0_BODY);
        ByteBuffer frame = RequestFrame.encode(new RequestHeader(ApiKey.PRODUCE, version, 5, "c"), small(null));
        assertThat(hex(frame)).isEqualTo("0000002e" + "0000" + "000" + version + "00000005" + "000163" + V0_BODY);
    }

    @Test
    void versionThreeAddsTheTransactionalIdFirst() {
        assertThat(ourBody(small(null), (short) 3)).isEqualTo("ffff" + V0_BODY);
        assertThat(ourBody(small("tx"), (short) 8)).isEqualTo("00027478" + V0_BODY);
    }

    @Test
    void flexibleVersionNineByHand() {
        assertThat(ourBody(small("tx"), (short) 9)).isEqualTo("037478" + "0001" + "000003e8"
                + "02" + "0274" + "03"
                + "00000000" + "03" + RECORDS + "00"
                + "00000003" + "00" + "00"
                + "00" + "00");
    }

    @Test
    void topicIdReplacesTheNameAtVersionThirteen() {
        ProduceRequest request = new ProduceRequest(null, (short) 0, 5, List.of(new TopicData("ignored", AUDIT_ID,
                List.of())));
        assertThat(ourBody(request, (short) 13)).isEqualTo("00" + "0000" + "00000005" + "02"
                + "00000000000000010000000000000002" + "01" + "00" + "00");
        assertThat(request.expectsResponse()).isFalse();
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2})
    void transactionsBelowVersionThreeFailInsteadOfBeingDropped(short version) {
        assertThatThrownBy(() -> ourBody(small("tx"), version))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v3+");
    }

    @Test
    void missingTopicNameOrIdFails() {
        ProduceRequest byId = new ProduceRequest(null, (short) 1, 5, List.of(new TopicData(null, AUDIT_ID, List.of())));
        ProduceRequest byName = new ProduceRequest(null, (short) 1, 5, List.of(new TopicData("t", null, List.of())));
        assertThatThrownBy(() -> ourBody(byId, (short) 12)).hasMessageContaining("topic names");
        assertThatThrownBy(() -> ourBody(byName, (short) 13)).hasMessageContaining("topic ids");
        assertThatThrownBy(() -> ourBody(byName, (short) 14)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodingLeavesRecordBuffersAsTheyWereAndAllocatesTheExactFrame() {
        ProduceRequest request = sample((short) 9);
        List<ByteBuffer> records = request.topics().stream()
                .flatMap(t -> t.partitions().stream()).map(PartitionData::records).toList();
        List<String> before = records.stream().map(b -> b.position() + "/" + b.limit()).toList();
        RequestHeader header = new RequestHeader(ApiKey.PRODUCE, (short) 9, 1, "c");
        ByteBuffer frame = RequestFrame.encode(header, request);
        assertThat(records.stream().map(b -> b.position() + "/" + b.limit()).toList()).isEqualTo(before);
        assertThat(frame.capacity()).isEqualTo(RequestFrame.sizeInBytes(header, request));
        assertThat(frame.remaining()).isEqualTo(frame.capacity());
    }

    @Test
    void recordsAreTheBufferSliceFromPositionToLimit() {
        ByteBuffer shared = ByteBuffer.wrap(KafkaWire.unhex("ffaabbff"));
        shared.position(1).limit(3);
        ProduceRequest request = new ProduceRequest(null, (short) 1, 1000, List.of(new TopicData("t", null,
                List.of(new PartitionData(0, shared), new PartitionData(3, null)))));
        assertThat(ourBody(request, (short) 0)).isEqualTo(V0_BODY);
    }
}
