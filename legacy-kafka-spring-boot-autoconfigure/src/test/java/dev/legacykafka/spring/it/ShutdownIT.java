package dev.legacykafka.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.errors.ProducerClosedException;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The producer follows the application context: buffered records go out on shutdown, later sends fail clearly. */
@Tag(IntegrationTest.TAG)
class ShutdownIT {

    private static KafkaBroker broker;

    @BeforeAll
    static void brokerUp() {
        broker = ItBrokers.get(ItBrokers.V4);
        broker.createTopic("it-shutdown", 1);
    }

    @Test
    void closingTheContextSendsWhatIsBufferedThenFailsLateSends() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ItApplication.class)
                .web(WebApplicationType.NONE)
                .properties("legacykafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "legacykafka.client-id=it-shutdown", "legacykafka.producer.linger=60s",
                        "legacykafka.producer.delivery-timeout=120s", "legacykafka.producer.close-timeout=10s")
                .run();
        @SuppressWarnings("unchecked")
        LegacyKafkaTemplate<String, String> template = context.getBean(LegacyKafkaTemplate.class);
        List<CompletableFuture<SendResult>> sends = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sends.add(template.send("it-shutdown", "k" + i, "v" + i));
        }
        // A 60 s linger holds them in the buffer: only the shutdown sends them.
        Thread.sleep(300);
        assertThat(sends).noneMatch(CompletableFuture::isDone);

        long start = System.nanoTime();
        context.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(1, TimeUnit.SECONDS);
        assertThat(sends).allMatch(send -> send.join().offset() >= 0);
        // One partition: the log holds exactly the twenty records, in send order, at the offsets reported.
        List<ConsumedRecord> read = KcatReader.readToEnd(broker, "it-shutdown", Duration.ofSeconds(30));
        assertThat(read).extracting(r -> r.key() + "=" + r.value())
                .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "k" + i + "=v" + i).toList());
        assertThat(read).extracting(ConsumedRecord::offset)
                .containsExactlyElementsOf(sends.stream().map(send -> send.join().offset()).toList());

        CompletableFuture<SendResult> late = template.send("it-shutdown", "late", "v");
        assertThatThrownBy(late::join).cause().isInstanceOf(ProducerClosedException.class);
    }
}
