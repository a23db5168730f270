package dev.legacykafka.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.legacykafka.client.Header;
import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.spring.serializer.StringRecordSerializer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

class TemplateMessageSendTests {

    private final LegacyKafkaProducer producer = mock(LegacyKafkaProducer.class);

    private final LegacyKafkaTemplate<String, String> template = new LegacyKafkaTemplate<>(producer,
            new StringRecordSerializer(), new StringRecordSerializer(), "fallback");

    TemplateMessageSendTests() {
        given(producer.send(any())).willReturn(CompletableFuture.completedFuture(
                new SendResult("orders", 1, 42, -1, 0, 0, 9)));
    }

    @Test
    void topicKeyPartitionAndTimestampComeFromTheHeaders() {
        template.send(MessageBuilder.withPayload("v").setHeader(LegacyKafkaHeaders.TOPIC, "orders")
                .setHeader(LegacyKafkaHeaders.KEY, "k").setHeader(LegacyKafkaHeaders.PARTITION, 3)
                .setHeader(LegacyKafkaHeaders.TIMESTAMP, 1_700_000_000_000L).setHeader("tenant", "acme")
                .setHeader("raw", new byte[] {1}).setHeader("contentType", MimeTypeUtils.APPLICATION_JSON).build())
                .join();
        ProducerRecord sent = sent();
        assertThat(sent.topic()).isEqualTo("orders");
        assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo("k");
        assertThat(new String(sent.value(), StandardCharsets.UTF_8)).isEqualTo("v");
        assertThat(sent.partition()).isEqualTo(3);
        assertThat(sent.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(sent.headers()).containsExactlyInAnyOrder(
                new Header("tenant", "acme".getBytes(StandardCharsets.UTF_8)), new Header("raw", new byte[] {1}));
    }

    @Test
    void aMessageWithoutATopicGoesToTheDefaultTopicWithoutHeaders() {
        template.send(MessageBuilder.withPayload("v").build()).join();
        ProducerRecord sent = sent();
        assertThat(sent.topic()).isEqualTo("fallback");
        assertThat(sent.key()).isNull();
        assertThat(sent.partition()).isNull();
        assertThat(sent.timestamp()).isNull();
        assertThat(sent.headers()).isEmpty();
    }

    @Test
    void numbersGivenAsTextAreAccepted() {
        template.send(MessageBuilder.withPayload("v").setHeader(LegacyKafkaHeaders.PARTITION, "2").build()).join();
        assertThat(sent().partition()).isEqualTo(2);
    }

    @Test
    void noTopicAnywhereSaysWhatToSet() {
        LegacyKafkaTemplate<String, String> noDefault = new LegacyKafkaTemplate<>(producer,
                new StringRecordSerializer(), new StringRecordSerializer());
        assertThatThrownBy(() -> noDefault.send(MessageBuilder.withPayload("v").build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(LegacyKafkaHeaders.TOPIC)
                .hasMessageContaining("legacykafka.template.default-topic");
    }

    private ProducerRecord sent() {
        ArgumentCaptor<ProducerRecord> record = ArgumentCaptor.forClass(ProducerRecord.class);
        verify(producer).send(record.capture());
        return record.getValue();
    }
}
