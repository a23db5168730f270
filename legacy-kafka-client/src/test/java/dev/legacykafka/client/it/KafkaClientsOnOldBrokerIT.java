package dev.legacykafka.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's reason for this project: the Java client Spring Boot 4 brings (kafka-clients 4.x) cannot
 * produce to a 0.10.2.2 broker, and fails with {@code UnsupportedVersionException}; this producer can.
 */
@Timeout(120)
class KafkaClientsOnOldBrokerIT {

    @Test
    void kafkaClients4FailsAgainst0102WhereThisProducerSucceeds() throws Exception {
        KafkaBroker broker = KafkaBrokers.shared("0.10.2.2");
        String topic = "kafka-clients-4-on-0-10";
        broker.createTopic(topic, 1, Map.of());

        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("key.serializer", ByteArraySerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        props.put("enable.idempotence", "false");
        props.put("acks", "1");
        props.put("max.block.ms", "10000");
        props.put("request.timeout.ms", "5000");
        props.put("delivery.timeout.ms", "10000");
        Throwable failure;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            failure = catchThrowable(() -> producer.send(
                    new org.apache.kafka.clients.producer.ProducerRecord<>(topic, "v".getBytes())).get(30, TimeUnit.SECONDS));
        }
        assertThat(causes(failure)).as("kafka-clients (the test classpath's, 4.x) against 0.10.2.2: %s", failure)
                .anyMatch(UnsupportedVersionException.class::isInstance);

        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(
                ProducerConfig.builder().bootstrapServers(broker.bootstrapServers()).build())) {
            SendResult result = producer.send(ProducerRecord.of(topic, "v".getBytes())).get(30, TimeUnit.SECONDS);
            assertThat(result.produceVersion()).isEqualTo(2);
        }
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
