package dev.legacykafka.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.PartitionInfo;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.spring.LegacyKafkaHeaders;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.support.MessageBuilder;

/** partitionsFor and send(Message) against Kafka 4.4.0, read back with kcat. */
@Tag(IntegrationTest.TAG)
class TemplateConveniencesIT {

    private static KafkaBroker broker;

    @BeforeAll
    static void brokerUp() {
        broker = ItBrokers.get(ItBrokers.V4);
        broker.createTopic("it-conveniences", 3);
    }

    @Test
    void partitionsForListsEveryPartitionWithItsLeaderAndAMessageIsSentAsItsHeadersSay() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ItApplication.class)
                .web(WebApplicationType.NONE)
                .properties("legacykafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "legacykafka.client-id=it-conveniences")
                .run()) {
            @SuppressWarnings("unchecked")
            LegacyKafkaTemplate<String, String> template = context.getBean(LegacyKafkaTemplate.class);

            List<PartitionInfo> partitions = template.partitionsFor("it-conveniences");
            assertThat(partitions).extracting(PartitionInfo::partition).containsExactly(0, 1, 2);
            assertThat(partitions).allSatisfy(partition -> {
                assertThat(partition.topic()).isEqualTo("it-conveniences");
                // The advertised address: the same port, the host as the broker advertises it.
                String bootstrap = broker.bootstrapServers();
                assertThat(partition.leader()).endsWith(bootstrap.substring(bootstrap.lastIndexOf(':')));
                assertThat(partition.leaderId()).isNotNegative();
            });

            SendResult result = template.send(MessageBuilder.withPayload("from a message")
                    .setHeader(LegacyKafkaHeaders.TOPIC, "it-conveniences").setHeader(LegacyKafkaHeaders.KEY, "m-1")
                    .setHeader(LegacyKafkaHeaders.PARTITION, 2).setHeader(LegacyKafkaHeaders.TIMESTAMP, 1_700_000_000_000L)
                    .setHeader("tenant", "acme").build()).join();
            assertThat(result.partition()).isEqualTo(2);
            List<ConsumedRecord> read = KcatReader.readToEnd(broker, "it-conveniences", Duration.ofSeconds(30));
            assertThat(read).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("m-1");
                assertThat(record.value()).isEqualTo("from a message");
                assertThat(record.partition()).isEqualTo(2);
                assertThat(record.timestamp()).isEqualTo(1_700_000_000_000L);
                assertThat(record.headers()).containsExactly(Map.entry("tenant", "acme"));
            });
        }
    }
}
