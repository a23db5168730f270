package dev.legacykafka.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.legacykafka.client.Header;
import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.errors.ProducerClosedException;
import dev.legacykafka.spring.serializer.RecordSerializationException;
import dev.legacykafka.spring.serializer.RecordSerializer;
import dev.legacykafka.spring.serializer.StringRecordSerializer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class LegacyKafkaTemplateTests {

    private final LegacyKafkaProducer producer = mock(LegacyKafkaProducer.class);

    private final SendResult result = new SendResult("orders", 1, 42, -1, 0, 0, 9);

    private final LegacyKafkaTemplate<String, String> template = new LegacyKafkaTemplate<>(producer,
            new StringRecordSerializer(), new StringRecordSerializer(), "orders");

    LegacyKafkaTemplateTests() {
        given(producer.send(any())).willReturn(CompletableFuture.completedFuture(result));
    }

    @Test
    void sendValueOnly() {
        assertThat(template.send("orders", "v").join()).isEqualTo(result);
        ProducerRecord sent = sent();
        assertThat(sent.topic()).isEqualTo("orders");
        assertThat(sent.key()).isNull();
        assertThat(sent.partition()).isNull();
        assertThat(text(sent.value())).isEqualTo("v");
    }

    @Test
    void sendKeyAndValue() {
        template.send("orders", "k", "v").join();
        ProducerRecord sent = sent();
        assertThat(text(sent.key())).isEqualTo("k");
        assertThat(text(sent.value())).isEqualTo("v");
    }

    @Test
    void sendToAPartition() {
        template.send("orders", 3, "k", "v").join();
        assertThat(sent().partition()).isEqualTo(3);
    }

    @Test
    void sendARecordWithHeadersAndTimestamp() {
        template.send(LegacyKafkaRecord.<String, String>of("orders", "k", "v").withHeader("trace", "abc")
                .withHeader("raw", new byte[] {1, 2}).withPartition(2).withTimestamp(1000)).join();
        ProducerRecord sent = sent();
        assertThat(sent.headers()).containsExactly(new Header("trace", "abc".getBytes(StandardCharsets.UTF_8)),
                new Header("raw", new byte[] {1, 2}));
        assertThat(sent.partition()).isEqualTo(2);
        assertThat(sent.timestamp()).isEqualTo(1000);
    }

    @Test
    void eachSendCompletesWhenItsProducerSendDoesWithWhatTheProducerReported() {
        // One pending producer send per template call, each answered with a result of its own.
        List<CompletableFuture<SendResult>> pending = new ArrayList<>();
        given(producer.send(any())).willAnswer(invocation -> {
            CompletableFuture<SendResult> future = new CompletableFuture<>();
            pending.add(future);
            return future;
        });
        List<CompletableFuture<SendResult>> sends = List.of(template.send("orders", "v"),
                template.send("orders", "k", "v"), template.send("orders", 2, "k", "v"),
                template.send(LegacyKafkaRecord.of("orders", "k", "v")), template.sendDefault("v"),
                template.sendDefault("k", "v"), template.sendDefault(2, "k", "v"));
        assertThat(pending).hasSameSizeAs(sends);
        assertThat(sends).as("nothing completes before the broker answers").noneMatch(CompletableFuture::isDone);

        // Answered in reverse order: each template future follows its own producer send, not the first answer.
        List<SendResult> answers = new ArrayList<>();
        for (int i = pending.size() - 1; i >= 0; i--) {
            SendResult answer = new SendResult("orders", i % 3, 100 + i, 1_700_000_000_000L + i, 5, i, 9);
            answers.add(0, answer);
            pending.get(i).complete(answer);
            assertThat(sends.get(i)).isCompleted();
            assertThat(sends.subList(0, i)).noneMatch(CompletableFuture::isDone);
        }
        for (int i = 0; i < sends.size(); i++) {
            assertThat(sends.get(i).join()).as("send %d", i).isSameAs(answers.get(i));
        }
    }

    @Test
    void aSendFailingAfterItWasAcceptedFailsTheTemplatesFutureWithTheSameCause() {
        CompletableFuture<SendResult> pending = new CompletableFuture<>();
        given(producer.send(any())).willReturn(pending);
        CompletableFuture<SendResult> send = template.send("orders", "k", "v");
        assertThat(send).isNotDone();

        ProducerClosedException cause = new ProducerClosedException("closed while in flight");
        pending.completeExceptionally(cause);

        assertThatThrownBy(send::join).cause().isSameAs(cause);
    }

    @Test
    void sendDefaultUsesTheDefaultTopic() {
        template.sendDefault("v").join();
        template.sendDefault("k", "v").join();
        template.sendDefault(4, "k", "v").join();
        ArgumentCaptor<ProducerRecord> records = ArgumentCaptor.forClass(ProducerRecord.class);
        verify(producer, org.mockito.Mockito.times(3)).send(records.capture());
        assertThat(records.getAllValues()).extracting(ProducerRecord::topic).containsOnly("orders");
        assertThat(records.getAllValues().get(2).partition()).isEqualTo(4);
    }

    @Test
    void sendDefaultWithoutADefaultTopicSaysWhichPropertyToSet() {
        LegacyKafkaTemplate<String, String> noDefault = new LegacyKafkaTemplate<>(producer,
                new StringRecordSerializer(), new StringRecordSerializer());
        assertThatThrownBy(() -> noDefault.sendDefault("v")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("legacykafka.template.default-topic");
    }

    @Test
    void aFailingSerializerFailsTheFutureAndSendsNothing() {
        RecordSerializer<String> failing = (topic, data) -> {
            throw new RecordSerializationException("nope");
        };
        LegacyKafkaTemplate<String, String> broken = new LegacyKafkaTemplate<>(producer, failing, failing);
        CompletableFuture<SendResult> send = broken.send("orders", "v");
        assertThat(send).isCompletedExceptionally();
        assertThatThrownBy(send::join).cause().isInstanceOf(RecordSerializationException.class).hasMessage("nope");
        verify(producer, never()).send(any());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aValueOfTheWrongTypeFailsTheFutureNamingTheType() {
        LegacyKafkaTemplate raw = template;
        CompletableFuture<SendResult> send = raw.send("orders", 12345);
        assertThatThrownBy(send::join).cause().isInstanceOf(RecordSerializationException.class)
                .hasMessageContaining("java.lang.Integer").hasMessageContaining(StringRecordSerializer.class.getName());
    }

    @Test
    void aClosedProducersFailureReachesTheCaller() {
        given(producer.send(any())).willReturn(CompletableFuture.failedFuture(new ProducerClosedException("closed")));
        assertThatThrownBy(() -> template.send("orders", "v").join()).cause()
                .isInstanceOf(ProducerClosedException.class);
    }

    @Test
    void flushFlushesTheProducer() {
        template.flush();
        verify(producer).flush();
    }

    @Test
    void recordsCopyTheirHeaders() {
        LegacyKafkaRecord<String, String> record = new LegacyKafkaRecord<>("t", null, null, null, null, null);
        assertThat(record.headers()).isEmpty();
        assertThat(record.withHeader("a", (String) null).headers()).containsExactly(new Header("a", null));
        assertThat(record.headers()).isEqualTo(List.of());
    }

    private ProducerRecord sent() {
        ArgumentCaptor<ProducerRecord> record = ArgumentCaptor.forClass(ProducerRecord.class);
        verify(producer).send(record.capture());
        return record.getValue();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
