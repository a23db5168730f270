package dev.legacykafka.client.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.LegacyKafkaProducer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The scripted broker itself: kafka-clients' own idempotent producer (an implementation that is
 * not ours) gets its records written once and in order through a fault, and ours does without one.
 */
class ScriptedBrokerSelfTest {

    @Test
    void kafkaClientsProducerWritesThroughTheScriptedBroker() throws Exception {
        try (ScriptedBroker broker = ScriptedBroker.start(2)) {
            broker.createTopic(TopicSpec.of("self", 2));
            broker.faults().when(ProduceMatcher.nthRequest(2)).answer(Errors.NOT_ENOUGH_REPLICAS);
            broker.faults().when(ProduceMatcher.nthRequest(4)).dropResponse();
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
            props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10);
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                for (int i = 0; i < 20; i++) {
                    futures.add(producer.send(new ProducerRecord<>("self", i % 2, bytes("k" + i), SendLedger.valueFor(i, 0))));
                    if (i % 4 == 3) {
                        futures.get(i).get(); // several requests, so the faults meet some
                    }
                }
                producer.flush();
            }
            for (int i = 0; i < 20; i++) {
                RecordMetadata metadata = futures.get(i).get();
                assertThat(broker.log("self", i % 2).get((int) metadata.offset()).valueString()).startsWith("id-" + i + "|");
            }
            assertThat(broker.log("self", 0)).hasSize(10);
            assertThat(broker.log("self", 1)).hasSize(10);
            assertThat(broker.produceRequests()).extracting(ReceivedProduce::outcome).anyMatch(o -> o.contains("DROP_RESPONSE"));
        }
    }

    @Test
    void ourProducerWritesWithoutFaults() {
        try (ScriptedBroker broker = ScriptedBroker.start(3)) {
            broker.createTopic(TopicSpec.of("plain", 3));
            SendLedger ledger = new SendLedger();
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(FastProducers.config(broker).build())) {
                for (int i = 0; i < 60; i++) {
                    ledger.send(producer, "plain", i % 3);
                }
                assertThat(ledger.awaitAll(5_000)).isTrue();
            }
            DeliveryInvariants.Report report = DeliveryInvariants.assertHold(broker, ledger);
            assertThat(report.acknowledged()).isEqualTo(60);
            assertThat(broker.produceRequests()).allSatisfy(r -> assertThat(r.event().producerId()).isNotNegative());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
