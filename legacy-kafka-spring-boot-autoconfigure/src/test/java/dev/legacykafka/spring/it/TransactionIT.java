package dev.legacykafka.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.TransactionalProducerPool;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** legacykafka.transactional-id gives the template real transactions: commit on return, abort on exception. */
@Tag(IntegrationTest.TAG)
class TransactionIT {

    @Test
    void executeInTransactionCommitsOnReturnAndAbortsOnException() {
        KafkaBroker broker = ItBrokers.get(ItBrokers.V4);
        broker.createTopic("it-transactions", 1);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ItApplication.class)
                .web(WebApplicationType.NONE)
                .properties("legacykafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "legacykafka.client-id=it-transactions", "legacykafka.transactional-id=it-transactions")
                .run()) {
            @SuppressWarnings("unchecked")
            LegacyKafkaTemplate<String, String> template = context.getBean(LegacyKafkaTemplate.class);
            assertThat(template.isTransactional()).isTrue();

            String returned = template.executeInTransaction(t -> {
                t.send("it-transactions", "k1", "committed-1");
                t.send("it-transactions", "k2", "committed-2");
                return "done";
            });
            assertThat(returned).isEqualTo("done");

            assertThatThrownBy(() -> template.executeInTransaction(t -> {
                t.send("it-transactions", "k3", "aborted");
                t.flush(); // written to the log, so the abort has something to hide
                throw new IllegalStateException("business failure");
            })).isInstanceOf(IllegalStateException.class).hasMessage("business failure");
        }
        assertThat(KcatReader.readToEnd(broker, "it-transactions", Duration.ofSeconds(30), true))
                .extracting(ConsumedRecord::value).containsExactly("committed-1", "committed-2");
        assertThat(KcatReader.readToEnd(broker, "it-transactions", Duration.ofSeconds(30), false))
                .extracting(ConsumedRecord::value).contains("aborted");
    }

    /**
     * One producer per transactional id: the producer bean carries none, so the application may use
     * it directly and allow-non-transactional sends go through it, while the pool's producer (the only
     * one with the id) keeps committing.
     */
    @Test
    void theProducerBeanCarriesNoTransactionalIdSoNothingFencesThePool() throws Exception {
        KafkaBroker broker = ItBrokers.get(ItBrokers.V4);
        String topic = "it-transactions-one-id";
        broker.createTopic(topic, 1);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ItApplication.class)
                .web(WebApplicationType.NONE)
                .properties("legacykafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "legacykafka.client-id=it-one-id", "legacykafka.transactional-id=it-one-id",
                        "legacykafka.template.allow-non-transactional=true")
                .run()) {
            @SuppressWarnings("unchecked")
            LegacyKafkaTemplate<String, String> template = context.getBean(LegacyKafkaTemplate.class);
            LegacyKafkaProducer bean = context.getBean(LegacyKafkaProducer.class);
            assertThat(bean.config().transactionalId()).isNull();
            template.executeInTransaction(t -> t.send(topic, "k", "tx-1"));
            bean.send(new ProducerRecord(topic, null, null, "direct".getBytes(StandardCharsets.UTF_8), null, java.util.List.of()))
                    .get(30, TimeUnit.SECONDS);
            template.send(topic, "k", "non-transactional").get(30, TimeUnit.SECONDS);
            template.executeInTransaction(t -> t.send(topic, "k", "tx-2"));
            assertThat(context.getBean(TransactionalProducerPool.class).idleTransactionalIds()).containsExactly("it-one-id");
        }
        assertThat(KcatReader.readToEnd(broker, topic, Duration.ofSeconds(30), true)).extracting(ConsumedRecord::value)
                .containsExactly("tx-1", "direct", "non-transactional", "tx-2");
    }
}
