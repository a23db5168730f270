package dev.legacykafka.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.legacykafka.client.Header;
import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.PartitionInfo;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.errors.BrokerErrorException;
import dev.legacykafka.client.errors.LegacyKafkaException;
import dev.legacykafka.spring.serializer.RecordSerializationException;
import dev.legacykafka.spring.serializer.StringRecordSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class TemplateSendListenerTests {

    private final LegacyKafkaProducer producer = mock(LegacyKafkaProducer.class);

    private final SendResult result = new SendResult("orders", 1, 42, -1, 0, 0, 9);

    private final LegacyKafkaTemplate<String, String> template = new LegacyKafkaTemplate<>(producer,
            new StringRecordSerializer(), new StringRecordSerializer());

    private final List<String> heard = new ArrayList<>();

    TemplateSendListenerTests() {
        given(producer.send(any())).willReturn(CompletableFuture.completedFuture(result));
        given(producer.config()).willReturn(ProducerConfig.builder().bootstrapServers("localhost:9092")
                .clientId("app-1").build());
    }

    @Test
    void listenersHearEachSuccessInOrderBeforeTheFutureCompletes() {
        CompletableFuture<SendResult> pending = new CompletableFuture<>();
        given(producer.send(any())).willReturn(pending);
        template.setSendListeners(List.of(recording("first"), recording("second")));
        CompletableFuture<SendResult> send = template.send("orders", "k", "v");
        assertThat(heard).isEmpty();
        send.thenRun(() -> heard.add("caller"));
        pending.complete(result);
        assertThat(heard).containsExactly("first:ok:orders:42", "second:ok:orders:42", "caller");
    }

    @Test
    void listenersHearBrokerFailuresWithTheCause() {
        LegacyKafkaException cause = new BrokerErrorException(6, "NOT_LEADER_OR_FOLLOWER", true, "orders", 1, null);
        given(producer.send(any())).willReturn(CompletableFuture.failedFuture(cause));
        List<Throwable> errors = new ArrayList<>();
        template.setSendListeners(List.of(new LegacyKafkaSendListener() {
            @Override
            public void onError(LegacyKafkaRecord<?, ?> record, Throwable exception) {
                errors.add(exception);
            }
        }));
        assertThatThrownBy(() -> template.send("orders", "v").join()).cause().isSameAs(cause);
        assertThat(errors).containsExactly(cause);
    }

    @Test
    void listenersHearSerializationFailuresAndNothingIsSent() {
        LegacyKafkaTemplate<String, String> broken = new LegacyKafkaTemplate<>(producer, new StringRecordSerializer(),
                (topic, data) -> {
                    throw new RecordSerializationException("nope");
                });
        broken.setSendListeners(List.of(recording("l")));
        assertThat(broken.send("orders", "k", "v")).isCompletedExceptionally();
        assertThat(heard).containsExactly("l:error:orders:RecordSerializationException");
        verify(producer, never()).send(any());
    }

    @Test
    void aListenerThatThrowsNeitherFailsTheSendNorSilencesTheOthers() {
        template.setSendListeners(List.of(new LegacyKafkaSendListener() {
            @Override
            public void onSuccess(LegacyKafkaRecord<?, ?> record, SendResult sendResult) {
                throw new IllegalStateException("listener bug");
            }
        }, recording("after")));
        assertThat(template.send("orders", "v").join()).isSameAs(result);
        assertThat(heard).containsExactly("after:ok:orders:42");
    }

    @Test
    void instrumentationHeadersGoToTheProducerAsHeadersIfSupportedAndItHearsTheOutcome() {
        Header traceparent = new Header("traceparent", "00-abc-def-01".getBytes());
        given(producer.sendWithOptionalHeaders(any(), anyList())).willReturn(CompletableFuture.completedFuture(result));
        List<String> outcomes = new ArrayList<>();
        template.setSendInstrumentation((record, clientId) -> new SendInstrumentation.Send() {
            @Override
            public List<Header> headersIfSupported() {
                return List.of(traceparent);
            }

            @Override
            public void success(SendResult sendResult) {
                outcomes.add(clientId + " " + record.topic() + " " + sendResult.offset());
            }
        });
        template.send(LegacyKafkaRecord.of("orders", "k", "v").withHeader("own", "x")).join();

        ArgumentCaptor<ProducerRecord> record = ArgumentCaptor.forClass(ProducerRecord.class);
        verify(producer).sendWithOptionalHeaders(record.capture(), org.mockito.ArgumentMatchers.eq(List.of(traceparent)));
        assertThat(record.getValue().headers()).extracting(Header::key).containsExactly("own");
        assertThat(outcomes).containsExactly("app-1 orders 42");
    }

    @Test
    void anInstrumentationThatThrowsNeverFailsTheSend() {
        template.setSendInstrumentation((record, clientId) -> {
            throw new IllegalStateException("instrumentation bug");
        });
        template.setSendListeners(List.of(recording("l")));
        assertThat(template.send("orders", "v").join()).isSameAs(result);
        assertThat(heard).containsExactly("l:ok:orders:42");
    }

    @Test
    void partitionsForAsksTheProducer() {
        List<PartitionInfo> partitions = List.of(new PartitionInfo("orders", 0, 1, "b1:9092"));
        given(producer.partitionsFor("orders")).willReturn(partitions);
        assertThat(template.partitionsFor("orders")).isEqualTo(partitions);
    }

    private LegacyKafkaSendListener recording(String name) {
        return new LegacyKafkaSendListener() {
            @Override
            public void onSuccess(LegacyKafkaRecord<?, ?> record, SendResult sendResult) {
                heard.add(name + ":ok:" + record.topic() + ":" + sendResult.offset());
            }

            @Override
            public void onError(LegacyKafkaRecord<?, ?> record, Throwable exception) {
                heard.add(name + ":error:" + record.topic() + ":" + exception.getClass().getSimpleName());
            }
        };
    }
}
