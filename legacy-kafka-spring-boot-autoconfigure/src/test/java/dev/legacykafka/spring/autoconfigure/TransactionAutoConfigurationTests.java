package dev.legacykafka.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.LegacyKafkaTransactionManager;
import dev.legacykafka.spring.TransactionalProducerPool;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the transactional producer pool and the transaction manager. */
class TransactionAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LegacyKafkaAutoConfiguration.class))
            .withPropertyValues("legacykafka.bootstrap-servers=" + LegacyKafkaAutoConfigurationTests.UNREACHABLE,
                    "legacykafka.startup.diagnostics=false");

    @Test
    void withoutTransactionsThereIsNoPoolNorTransactionManager() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(TransactionalProducerPool.class)
                    .doesNotHaveBean(LegacyKafkaTransactionManager.class);
            assertThat(context.getBean(LegacyKafkaTemplate.class).isTransactional()).isFalse();
        });
        runner.withPropertyValues("legacykafka.transaction-id-prefix=").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(TransactionalProducerPool.class));
    }

    @Test
    void aPrefixGivesAPoolATransactionManagerAndATransactionalTemplate() {
        runner.withPropertyValues("legacykafka.transaction-id-prefix=orders-tx-", "legacykafka.transaction.max-producers=8",
                "legacykafka.template.allow-non-transactional=true").run(context -> {
            TransactionalProducerPool pool = context.getBean(TransactionalProducerPool.class);
            assertThat(pool.getMaxProducers()).isEqualTo(8);
            assertThat(context).hasBean("legacyKafkaTransactionManager");
            assertThat(context.getBean("legacyKafkaTransactionManager", LegacyKafkaTransactionManager.class)
                    .getResourceFactory()).isSameAs(pool);
            LegacyKafkaTemplate<?, ?> template = context.getBean(LegacyKafkaTemplate.class);
            assertThat(template.isTransactional()).isTrue();
            assertThat(template.getTransactionalProducers()).isSameAs(pool);
            assertThat(template.isAllowNonTransactional()).isTrue();
        });
    }

    @Test
    void aTransactionalIdIsAPoolOfOne() {
        runner.withPropertyValues("legacykafka.transactional-id=orders").run(context -> {
            assertThat(context.getBean(TransactionalProducerPool.class).getMaxProducers()).isEqualTo(1);
            assertThat(context).hasSingleBean(LegacyKafkaTransactionManager.class);
            assertThat(context.getBean(LegacyKafkaTemplate.class).isAllowNonTransactional()).isFalse();
        });
    }

    @Test
    void onlyThePoolCarriesTheTransactionalIdNotTheProducerBean() {
        // Two producers with one transactional id fence each other once both initialise transactions.
        for (String property : List.of("legacykafka.transactional-id=orders", "legacykafka.transaction-id-prefix=orders-")) {
            runner.withPropertyValues(property).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(ProducerConfig.class).transactionalId()).as(property).isNull();
                LegacyKafkaProducer bean = context.getBean(LegacyKafkaProducer.class);
                assertThat(bean.config().transactionalId()).as(property).isNull();
                LegacyKafkaTemplate<?, ?> template = context.getBean(LegacyKafkaTemplate.class);
                assertThat(template.getProducer()).isSameAs(bean);
                assertThat(template.getTransactionalProducers()).isSameAs(context.getBean(TransactionalProducerPool.class));
            });
        }
    }

    @Test
    void aTransactionalIdStillFailsStartupOnAVersionWithoutTransactions() {
        runner.withPropertyValues("legacykafka.transactional-id=orders", "legacykafka.api-version=2")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("legacykafka.transactional-id"));
    }

    @Test
    void bothPropertiesFailStartupNamingBoth() {
        runner.withPropertyValues("legacykafka.transactional-id=orders", "legacykafka.transaction-id-prefix=orders-")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("legacykafka.transactional-id")
                        .hasMessageContaining("legacykafka.transaction-id-prefix"));
    }

    @Test
    void aPrefixWithAMessageSetVersionFailsStartup() {
        runner.withPropertyValues("legacykafka.transaction-id-prefix=orders-", "legacykafka.api-version=2")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void theApplicationsTransactionManagerWins() {
        runner.withPropertyValues("legacykafka.transaction-id-prefix=orders-")
                .withUserConfiguration(OwnTransactionManager.class).run(context -> {
                    assertThat(context).hasSingleBean(LegacyKafkaTransactionManager.class);
                    assertThat(context).hasBean("mine").doesNotHaveBean("legacyKafkaTransactionManager");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnTransactionManager {

        @Bean
        LegacyKafkaTransactionManager mine(TransactionalProducerPool pool) {
            return new LegacyKafkaTransactionManager(pool);
        }
    }

    @Test
    void unusedPoolClosesWithTheContext() {
        runner.withPropertyValues("legacykafka.transaction-id-prefix=orders-", "legacykafka.producer.max-block=1s")
                .run(context -> assertThat(context.getBean(TransactionalProducerPool.class).size()).isZero());
        assertThat(Duration.ofSeconds(1)).isPositive();
    }
}
