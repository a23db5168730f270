package dev.legacykafka.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.Header;
import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.errors.UnsupportedVersionException;
import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.RequestFrame;
import dev.legacykafka.client.protocol.RequestHeader;
import dev.legacykafka.client.protocol.ResponseFrame;
import dev.legacykafka.client.protocol.message.ProduceRequest;
import dev.legacykafka.client.protocol.message.ProduceResponse;
import dev.legacykafka.client.record.LegacyMessageSetBuilder;
import dev.legacykafka.client.record.RecordBatchBuilder;
import dev.legacykafka.client.record.RecordsBuilder;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import dev.legacykafka.test.reader.KcatReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Why the record format must follow the Produce version, shown on real brokers with hand-built
 * requests, and how the producer refuses what a version cannot carry instead of dropping it.
 */
@Timeout(120)
class FormatRulesIT {

    /** Outcome of one raw Produce request: the partition's error code, or -100 when the broker dropped the connection. */
    private static final short DROPPED = -100;

    @ParameterizedTest(name = "Kafka {0}: Produce v3 with MessageSet magic 1 -> {1}")
    @CsvSource({"0.11.0.3, -100", "2.8.2, 87", "3.9.1, 87", "4.4.0, 87"})
    void brokersRejectProduceV3CarryingMessageSetMagic1(String brokerVersion, short expected) throws Exception {
        KafkaBroker broker = KafkaBrokers.shared(brokerVersion);
        String topic = "magic1-in-v3";
        broker.createTopic(topic, 1, Map.of());
        RecordsBuilder messageSet = new LegacyMessageSetBuilder((byte) 1, CompressionType.NONE, 1024);
        messageSet.tryAppend(System.currentTimeMillis(), "k".getBytes(), "v".getBytes(), null);
        assertThat(rawProduce(broker, topic, (short) 3, messageSet.build())).isEqualTo(expected);

        // The same record as a RecordBatch is accepted: the format, not the request, was the problem.
        RecordsBuilder recordBatch = new RecordBatchBuilder(CompressionType.NONE, false, 1024);
        recordBatch.tryAppend(System.currentTimeMillis(), "k".getBytes(), "v".getBytes(), null);
        assertThat(rawProduce(broker, topic, (short) 3, recordBatch.build())).isZero();
        // kcat, read to the end of the log, finds that record and nothing of the refused request.
        assertThat(KcatReader.readToEnd(broker, topic, Duration.ofSeconds(30))).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("k");
            assertThat(r.value()).isEqualTo("v");
            assertThat(r.offset()).isZero();
        });
    }

    @Test
    void kafka4DropsTheConnectionOnProduceV2ThoughItAdvertisesIt() throws Exception {
        KafkaBroker broker = KafkaBrokers.shared("4.4.0");
        broker.createTopic("legacy-on-4", 1, Map.of());
        RecordsBuilder messageSet = new LegacyMessageSetBuilder((byte) 1, CompressionType.NONE, 1024);
        messageSet.tryAppend(System.currentTimeMillis(), "k".getBytes(), "v".getBytes(), null);
        assertThat(rawProduce(broker, "legacy-on-4", (short) 2, messageSet.build())).isEqualTo(DROPPED);
    }

    @Test
    void pinningProduceV2OnKafka4FailsTheSendSayingWhy() throws Exception {
        KafkaBroker broker = KafkaBrokers.shared("4.4.0");
        broker.createTopic("pinned-v2-on-4", 1, Map.of());
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(ProducerConfig.builder()
                .bootstrapServers(broker.bootstrapServers()).apiVersion(2).build())) {
            assertThatThrownBy(() -> producer.send(ProducerRecord.of("pinned-v2-on-4", "v".getBytes())).get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(UnsupportedVersionException.class)
                    .hasMessageContaining("pinned to Produce v2")
                    .hasMessageContaining("Kafka 4.x")
                    .hasMessageContaining("v0-v2");
        }
    }

    @Test
    void pinnedVersionTheBrokerLacksFailsNamingTheBrokersRange() throws Exception {
        KafkaBroker broker = KafkaBrokers.shared("0.10.2.2");
        broker.createTopic("pinned-v5-on-0102", 1, Map.of());
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(ProducerConfig.builder()
                .bootstrapServers(broker.bootstrapServers()).apiVersion(5).build())) {
            assertThatThrownBy(() -> producer.send(ProducerRecord.of("pinned-v5-on-0102", "v".getBytes())).get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(UnsupportedVersionException.class)
                    .hasMessageContaining("pinned to Produce v5")
                    .hasMessageContaining("supports Produce v0 to v2");
        }
    }

    @ParameterizedTest(name = "headers with Produce v{0}")
    @ValueSource(ints = {0, 1, 2})
    void headersOnAMessageSetVersionFailTheSendAndNothingIsWritten(int produceVersion) throws Exception {
        KafkaBroker broker = KafkaBrokers.shared("0.10.2.2");
        String topic = "headers-v" + produceVersion;
        broker.createTopic(topic, 1, Map.of());
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(ProducerConfig.builder()
                .bootstrapServers(broker.bootstrapServers()).apiVersion(produceVersion).build())) {
            ProducerRecord withHeaders = ProducerRecord.of(topic, "k".getBytes(), "v".getBytes())
                    .withHeaders(List.of(new Header("trace", "1".getBytes())));
            assertThatThrownBy(() -> producer.send(withHeaders).get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(UnsupportedVersionException.class)
                    .hasMessageContaining("Produce v" + produceVersion)
                    .hasMessageContaining("headers")
                    .hasMessageContaining("not sent");
            // A record without headers still goes, so the topic is readable and holds exactly that one.
            producer.send(ProducerRecord.of(topic, "k".getBytes(), "plain".getBytes())).get(30, TimeUnit.SECONDS);
        }
        assertThat(KcatReader.readToEnd(broker, topic, Duration.ofSeconds(30))).singleElement()
                .satisfies(r -> {
                    assertThat(r.key()).isEqualTo("k");
                    assertThat(r.value()).isEqualTo("plain");
                });
    }

    @Test
    void zstdBelowProduceV7FailsTheSendNamingTheVersion() throws Exception {
        KafkaBroker broker = KafkaBrokers.shared("0.11.0.3");
        broker.createTopic("zstd-on-011", 1, Map.of());
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(ProducerConfig.builder()
                .bootstrapServers(broker.bootstrapServers()).compression(CompressionType.ZSTD).build())) {
            assertThatThrownBy(() -> producer.send(ProducerRecord.of("zstd-on-011", "v".getBytes())).get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(UnsupportedVersionException.class)
                    .hasMessageContaining("zstd")
                    .hasMessageContaining("Produce v3");
        }
    }

    /** Sends one Produce request on a fresh socket and returns the partition's error code, or {@link #DROPPED}. */
    private static short rawProduce(KafkaBroker broker, String topic, short version, ByteBuffer records) throws IOException {
        ProduceRequest request = new ProduceRequest(null, (short) 1, 10_000, List.of(new ProduceRequest.TopicData(topic, null,
                List.of(new ProduceRequest.PartitionData(0, records)))));
        ByteBuffer frame = RequestFrame.encode(new RequestHeader(ApiKey.PRODUCE, version, 7, "format-rules-it"), request);
        try (Socket socket = new Socket(broker.host(), broker.port())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(frame.array(), frame.arrayOffset(), frame.remaining());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size;
            try {
                size = in.readInt();
            } catch (EOFException | java.net.SocketException dropped) {
                return DROPPED;
            }
            byte[] payload = new byte[size];
            in.readFully(payload);
            ProduceResponse response = ResponseFrame.read(ByteBuffer.wrap(payload), ApiKey.PRODUCE, version, 7, ProduceResponse::read);
            return response.topics().get(0).partitions().get(0).errorCode();
        }
    }
}
