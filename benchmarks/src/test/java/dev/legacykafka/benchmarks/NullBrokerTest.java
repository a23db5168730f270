package dev.legacykafka.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class NullBrokerTest {

    private static final byte[] VALUE = "0123456789".repeat(10).getBytes(StandardCharsets.US_ASCII);

    @Test
    void apiVersionsAboveThreeGetTheVersionZeroRefusalWithTheRanges() throws Exception {
        try (NullBroker broker = new NullBroker(0); Connection c = new Connection(broker)) {
            ByteBuffer r = c.call(header((short) 18, (short) 4, 7, "x"));
            assertThat(r.getInt()).isEqualTo(7);
            assertThat(r.getShort()).isEqualTo(NullBroker.UNSUPPORTED_VERSION);
            assertThat(r.getInt()).isEqualTo(NullBroker.SUPPORTED.length);
            assertThat(r.getShort()).isEqualTo((short) 0); // Produce
            assertThat(r.getShort()).isEqualTo((short) 3);
            assertThat(r.getShort()).isEqualTo((short) 8);
        }
    }

    @Test
    void apiVersionsThreeIsAnsweredInTheCompactEncoding() throws Exception {
        try (NullBroker broker = new NullBroker(0); Connection c = new Connection(broker)) {
            ByteBuffer request = ByteBuffer.allocate(64);
            request.put(header((short) 18, (short) 3, 9, "x"));
            request.put((byte) 0); // header tagged fields
            request.put((byte) 2).put((byte) 'a').put((byte) 2).put((byte) '1').put((byte) 0); // name, version, tags
            ByteBuffer r = c.call(trim(request));
            assertThat(r.getInt()).isEqualTo(9);
            assertThat(r.getShort()).isZero();
            assertThat(r.get()).isEqualTo((byte) (NullBroker.SUPPORTED.length + 1));
            r.position(r.position() + NullBroker.SUPPORTED.length * 7);
            assertThat(r.getInt()).isZero(); // throttle
            assertThat(r.get()).isZero(); // tags
            assertThat(r.remaining()).isZero();
        }
    }

    @Test
    void produceIsAcknowledgedWithOffsetsAndCountedWithoutBeingStored() throws Exception {
        try (NullBroker broker = new NullBroker(0); Connection c = new Connection(broker)) {
            broker.createTopic("t", 2);
            ReplayRequests.Frame frame = ReplayRequests.produce("x", (short) 1, 1000, "t", 1, null, VALUE, 600);
            for (int i = 1; i <= 2; i++) {
                frame.correlationId(i);
                ByteBuffer r = c.call(ByteBuffer.wrap(frame.bytes, 4, frame.bytes.length - 4));
                assertThat(r.getInt()).isEqualTo(i);
                assertThat(r.getInt()).isEqualTo(1); // topics
                assertThat(r.getShort()).isEqualTo((short) 1);
                assertThat(r.get()).isEqualTo((byte) 't');
                assertThat(r.getInt()).isEqualTo(1); // partitions
                assertThat(r.getInt()).isEqualTo(1);
                assertThat(r.getShort()).isZero();
                assertThat(r.getLong()).isEqualTo((i - 1) * 600L); // base offset
            }
            assertThat(broker.recordCount("t")).isEqualTo(1200);
            ReplayRequests.Frame unknown = ReplayRequests.produce("x", (short) 1, 1000, "u", 0, null, VALUE, 1);
            ByteBuffer r = c.call(ByteBuffer.wrap(unknown.bytes, 4, unknown.bytes.length - 4));
            r.position(4 + 4 + 2 + 1 + 4 + 4);
            assertThat(r.getShort()).isEqualTo(NullBroker.UNKNOWN_TOPIC_OR_PARTITION);
        }
    }

    @Test
    void aReplayBatchIsAValidRecordBatchOfAsManyRecordsAsFit() {
        int perBatch = ReplayRequests.recordsPerBatch(null, VALUE, 65_536);
        byte[] batch = ReplayRequests.batch(null, VALUE, perBatch);
        assertThat(batch.length).isLessThanOrEqualTo(65_536);
        assertThat(ReplayRequests.batch(null, VALUE, perBatch + 1).length).isGreaterThan(65_536);
        // 100-byte values, null keys: 110 bytes per record once offset deltas need two bytes, as a
        // producer fills it (kafka-clients and legacy-kafka send 595 records per 64 KiB request too).
        assertThat(perBatch).isEqualTo(595);
        ByteBuffer b = ByteBuffer.wrap(batch);
        assertThat(b.getInt(ReplayRequests.BATCH_LENGTH_OFFSET)).isEqualTo(batch.length - 12);
        assertThat(NullBroker.countRecords(b, 0, batch.length)).isEqualTo(perBatch);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(batch, ReplayRequests.ATTRIBUTES_OFFSET, batch.length - ReplayRequests.ATTRIBUTES_OFFSET);
        assertThat(b.getInt(ReplayRequests.CRC_OFFSET)).isEqualTo((int) crc.getValue());
    }

    @Test
    void aCombinedReplayRequestCarriesABatchOfEveryPartitionEachWithItsOwnSequence() throws Exception {
        try (NullBroker broker = new NullBroker(0); Connection c = new Connection(broker)) {
            broker.createTopic("t", 3);
            ReplayRequests.Frame frame = ReplayRequests.produce(ReplayRequests.PRODUCE_VERSION, "x", (short) -1, 1000,
                    "t", new int[] {0, 1, 2}, null, VALUE, 10);
            assertThat(frame.records).isEqualTo(30);
            frame.stamp(123L, 7L, (short) 0, 1, 40);
            ByteBuffer b = ByteBuffer.wrap(frame.bytes);
            assertThat(b.getInt(frame.batchOffsets[1] + ReplayRequests.BASE_SEQUENCE_OFFSET)).isEqualTo(40);
            assertThat(b.getInt(frame.batchOffsets[0] + ReplayRequests.BASE_SEQUENCE_OFFSET)).isEqualTo(-1);
            int at = frame.batchOffsets[1];
            int end = at + 12 + b.getInt(at + ReplayRequests.BATCH_LENGTH_OFFSET);
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(frame.bytes, at + ReplayRequests.ATTRIBUTES_OFFSET, end - at - ReplayRequests.ATTRIBUTES_OFFSET);
            assertThat(b.getInt(at + ReplayRequests.CRC_OFFSET)).isEqualTo((int) crc.getValue());
            c.call(ByteBuffer.wrap(frame.bytes, 4, frame.bytes.length - 4));
            assertThat(broker.recordCount("t")).isEqualTo(30);
        }
    }

    @Test
    void kafkaClientsAndLegacyKafkaProduceToIt() throws Exception {
        try (NullBroker broker = new NullBroker(0)) {
            broker.createTopic("t", 3);
            Properties props = new Properties();
            props.put("bootstrap.servers", broker.bootstrapServers());
            props.put("acks", "all");
            props.put("key.serializer", ByteArraySerializer.class.getName());
            props.put("value.serializer", ByteArraySerializer.class.getName());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
                RecordMetadata metadata = producer.send(new ProducerRecord<>("t", VALUE)).get(10, TimeUnit.SECONDS);
                assertThat(metadata.offset()).isZero();
            }
            dev.legacykafka.client.ProducerConfig config = dev.legacykafka.client.ProducerConfig.builder()
                    .bootstrapServers(broker.bootstrapServers()).acks("all").build();
            try (dev.legacykafka.client.LegacyKafkaProducer producer = new dev.legacykafka.client.LegacyKafkaProducer(config)) {
                producer.send(dev.legacykafka.client.ProducerRecord.of("t", null, VALUE)).get(10, TimeUnit.SECONDS);
            }
            assertThat(broker.recordCount("t")).isEqualTo(2);
        }
    }

    private static ByteBuffer header(short apiKey, short version, int correlationId, String clientId) {
        ByteBuffer b = ByteBuffer.allocate(10 + clientId.length());
        b.putShort(apiKey).putShort(version).putInt(correlationId).putShort((short) clientId.length())
                .put(clientId.getBytes(StandardCharsets.US_ASCII));
        return b.flip();
    }

    private static ByteBuffer trim(ByteBuffer b) {
        return b.flip();
    }

    /** A raw connection: sends a request frame, reads the answer's frame. */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;

        Connection(NullBroker broker) throws IOException {
            socket = new Socket("127.0.0.1", broker.port());
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        ByteBuffer call(ByteBuffer request) throws IOException {
            byte[] frame = new byte[4 + request.remaining()];
            ByteBuffer.wrap(frame).putInt(request.remaining()).put(request);
            out.write(frame);
            byte[] answer = new byte[in.readInt()];
            in.readFully(answer);
            return ByteBuffer.wrap(answer);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
