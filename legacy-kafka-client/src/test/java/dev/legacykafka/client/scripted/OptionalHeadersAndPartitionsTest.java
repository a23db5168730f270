package dev.legacykafka.client.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.Header;
import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.PartitionInfo;
import dev.legacykafka.client.ProducerRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sendWithOptionalHeaders(record, headers) on a RecordBatch version, and partitionsFor: every partition with
 * its leader. (The scripted broker speaks Produce v3+ only: that the optional headers are left out
 * on v0-v2 is proven against a real Kafka 0.10.2.2 by the starter's TracingIT.)
 */
class OptionalHeadersAndPartitionsTest {

    private static final String TOPIC = "optional";

    private static final List<Header> TRACE = List.of(new Header("traceparent", new byte[] {1, 2, 3}));

    @Test
    void onRecordBatchVersionsTheSendWithOptionalHeadersGoesThrough() throws Exception {
        try (ScriptedBroker broker = ScriptedBroker.start(1)) {
            broker.createTopic(TopicSpec.of(TOPIC, 1));
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker).build())) {
                ProducerRecord record = new ProducerRecord(TOPIC, 0, new byte[] {1}, new byte[] {2}, null,
                        List.of(new Header("own", new byte[] {9})));
                assertThat(producer.sendWithOptionalHeaders(record, TRACE).get().produceVersion()).isGreaterThanOrEqualTo(3);
            }
            assertThat(broker.log(TOPIC, 0)).hasSize(1);
        }
    }

    @Test
    void partitionsForListsEachPartitionWithItsLeader() {
        try (ScriptedBroker broker = ScriptedBroker.start(2)) {
            broker.createTopic(TopicSpec.of(TOPIC, 3));
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker).build())) {
                List<PartitionInfo> partitions = producer.partitionsFor(TOPIC);
                assertThat(partitions).extracting(PartitionInfo::partition).containsExactly(0, 1, 2);
                assertThat(partitions).allSatisfy(partition -> {
                    assertThat(partition.topic()).isEqualTo(TOPIC);
                    assertThat(partition.leaderId()).isNotNegative();
                    assertThat(partition.leader()).isNotNull().contains(":");
                });
            }
        }
    }
}
