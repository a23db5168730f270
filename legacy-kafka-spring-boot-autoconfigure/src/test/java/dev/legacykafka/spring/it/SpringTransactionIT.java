package dev.legacykafka.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.errors.LegacyKafkaException;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.TransactionalProducerPool;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

/**
 * legacykafka.transaction-id-prefix on real brokers: @Transactional commit and rollback, eight
 * transactions at once, a database transaction's rollback, a zombie fenced by a restart that reuses
 * its ids; every outcome read back by kcat with read_committed. Commit/rollback and the database
 * rollback run on 0.11.0.3, 2.8.2 and 4.4.0; the slower parallel and fencing cases on 0.11.0.3 and 4.4.0.
 */
@Tag(IntegrationTest.TAG)
class SpringTransactionIT {

    private static final Duration READ = Duration.ofSeconds(30);

    @ParameterizedTest
    @ValueSource(strings = {ItBrokers.V0_11, ItBrokers.V2_8, ItBrokers.V4})
    void transactionalCommitsAndRollsBack(String version) {
        KafkaBroker broker = ItBrokers.get(version);
        String topic = "it-spring-tx-" + version.replace('.', '-');
        broker.createTopic(topic, 1);
        try (ConfigurableApplicationContext context = start(broker, "it-spring-tx-" + version + "-")) {
            Orders orders = context.getBean(Orders.class);
            orders.sendBoth(topic, "committed-1", "committed-2");
            assertThatThrownBy(() -> orders.sendThenFail(topic, "rolled-back"))
                    .isInstanceOf(IllegalStateException.class).hasMessage("business failure");
            @SuppressWarnings("unchecked")
            LegacyKafkaTemplate<String, String> template = context.getBean(LegacyKafkaTemplate.class);
            assertThatThrownBy(() -> template.send(topic, "outside"))
                    .hasMessageContaining("legacykafka.template.allow-non-transactional");
        }
        assertThat(KcatReader.readToEnd(broker, topic, READ, true)).extracting(ConsumedRecord::value)
                .containsExactly("committed-1", "committed-2");
        assertThat(KcatReader.readToEnd(broker, topic, READ, false)).extracting(ConsumedRecord::value)
                .contains("rolled-back");
    }

    @ParameterizedTest
    @ValueSource(strings = {ItBrokers.V0_11, ItBrokers.V4})
    void eightTransactionsAtOnceAreFasterThanOneAfterAnotherAndStayApart(String version) throws Exception {
        KafkaBroker broker = ItBrokers.get(version);
        String topic = "it-spring-tx-parallel-" + version.replace('.', '-');
        broker.createTopic(topic, 3);
        try (ConfigurableApplicationContext context = start(broker, "it-spring-par-" + version + "-",
                "legacykafka.transaction.max-producers=8")) {
            @SuppressWarnings("unchecked")
            LegacyKafkaTemplate<String, String> template = context.getBean(LegacyKafkaTemplate.class);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                runEight(pool, template, topic, "warm", -1); // creates and initialises the eight producers
                long parallelStart = System.nanoTime();
                runEight(pool, template, topic, "par", 3); // thread 3's transaction aborts
                long parallel = System.nanoTime() - parallelStart;
                long serialStart = System.nanoTime();
                for (int thread = 0; thread < 8; thread++) {
                    transaction(template, topic, "ser", thread, -1);
                }
                long serial = System.nanoTime() - serialStart;
                assertThat(parallel).as("8 at once: %d ms, one after another: %d ms",
                        TimeUnit.NANOSECONDS.toMillis(parallel), TimeUnit.NANOSECONDS.toMillis(serial))
                        .isLessThan(serial / 2);
            } finally {
                pool.shutdownNow();
            }
            assertThat(context.getBean(TransactionalProducerPool.class).size()).isEqualTo(8);
        }
        List<String> committed = KcatReader.readToEnd(broker, topic, READ, true).stream()
                .filter(r -> r.value().startsWith("par-")).map(ConsumedRecord::value).toList();
        List<String> expected = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            for (int i = 0; i < 5; i++) {
                if (thread != 3) {
                    expected.add("par-" + thread + "-" + i);
                }
            }
        }
        // Thread 3 aborted while the seven others committed: none of its records, all of theirs.
        assertThat(committed).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static void runEight(ExecutorService pool, LegacyKafkaTemplate<String, String> template, String topic,
                                 String run, int failing) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            int t = thread;
            futures.add(pool.submit(() -> {
                try {
                    transaction(template, topic, run, t, failing);
                } catch (IllegalStateException expected) {
                    assertThat(t).isEqualTo(failing);
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get(60, TimeUnit.SECONDS);
        }
    }

    private static void transaction(LegacyKafkaTemplate<String, String> template, String topic, String run, int thread,
                                    int failing) {
        template.executeInTransaction(t -> {
            for (int i = 0; i < 5; i++) {
                t.send(topic, "thread-" + thread, run + "-" + thread + "-" + i);
                sleep(100); // work inside the transaction
            }
            if (thread == failing) {
                t.flush();
                throw new IllegalStateException("thread " + thread + " fails");
            }
            return null;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {ItBrokers.V0_11, ItBrokers.V2_8, ItBrokers.V4})
    void aDatabaseRollbackAbortsTheKafkaRecords(String version) {
        KafkaBroker broker = ItBrokers.get(version);
        String topic = "it-spring-tx-db-" + version.replace('.', '-');
        broker.createTopic(topic, 1);
        try (ConfigurableApplicationContext context = start(broker, "it-spring-db-" + version + "-")) {
            Orders orders = context.getBean(Orders.class);
            orders.saveAndSend(topic, "db-committed", false);
            assertThatThrownBy(() -> orders.saveAndSend(topic, "db-rolled-back", true))
                    .isInstanceOf(IllegalStateException.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForList("select id from orders", String.class)).containsExactly("db-committed");
        }
        assertThat(KcatReader.readToEnd(broker, topic, READ, true)).extracting(ConsumedRecord::value)
                .containsExactly("db-committed");
    }

    @ParameterizedTest
    @ValueSource(strings = {ItBrokers.V0_11, ItBrokers.V4})
    void aRestartReusesTheIdsAndFencesItsZombie(String version) {
        KafkaBroker broker = ItBrokers.get(version);
        String topic = "it-spring-tx-fence-" + version.replace('.', '-');
        broker.createTopic(topic, 1);
        String prefix = "it-spring-fence-" + version + "-";
        try (ConfigurableApplicationContext zombie = start(broker, prefix)) {
            @SuppressWarnings("unchecked")
            LegacyKafkaTemplate<String, String> old = zombie.getBean(LegacyKafkaTemplate.class);
            old.executeInTransaction(t -> t.send(topic, "zombie-before"));
            assertThat(zombie.getBean(TransactionalProducerPool.class).idleTransactionalIds()).containsExactly(prefix + "0");
            // The "restarted" instance, while the old one still runs: same prefix, so the same id.
            try (ConfigurableApplicationContext restarted = start(broker, prefix)) {
                @SuppressWarnings("unchecked")
                LegacyKafkaTemplate<String, String> current = restarted.getBean(LegacyKafkaTemplate.class);
                current.executeInTransaction(t -> t.send(topic, "restarted"));
                assertThat(restarted.getBean(TransactionalProducerPool.class).idleTransactionalIds())
                        .containsExactly(prefix + "0");
                long start = System.nanoTime();
                assertThatThrownBy(() -> old.executeInTransaction(t -> {
                    t.send(topic, "zombie-after");
                    t.flush();
                    return null;
                })).isInstanceOf(LegacyKafkaException.class);
                // The fenced zombie's records fail at once, not after the delivery timeout (120 s).
                assertThat((System.nanoTime() - start) / 1_000_000).as("ms until the zombie's transaction failed")
                        .isLessThan(10_000);
            }
        }
        assertThat(KcatReader.readToEnd(broker, topic, READ, true)).extracting(ConsumedRecord::value)
                .containsExactly("zombie-before", "restarted");
    }

    private static ConfigurableApplicationContext start(KafkaBroker broker, String prefix, String... more) {
        List<String> properties = new ArrayList<>(List.of("legacykafka.bootstrap-servers=" + broker.bootstrapServers(),
                "legacykafka.client-id=" + prefix + "client", "legacykafka.transaction-id-prefix=" + prefix,
                "legacykafka.producer.linger=0ms", "spring.main.allow-bean-definition-overriding=false"));
        properties.addAll(List.of(more));
        return new SpringApplicationBuilder(TxApplication.class).web(WebApplicationType.NONE)
                .properties(properties.toArray(String[]::new)).run();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableTransactionManagement
    static class TxApplication {

        @Bean
        DataSource dataSource() {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            new JdbcTemplate(dataSource).execute("create table orders (id varchar(40))");
            return dataSource;
        }

        @Bean
        @Primary
        DataSourceTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }

        @Bean
        Orders orders(LegacyKafkaTemplate<String, String> template, JdbcTemplate jdbc) {
            return new Orders(template, jdbc);
        }
    }

    /** What an application's service looks like: @Transactional methods that send. */
    static class Orders {

        private final LegacyKafkaTemplate<String, String> template;

        private final JdbcTemplate jdbc;

        Orders(LegacyKafkaTemplate<String, String> template, JdbcTemplate jdbc) {
            this.template = template;
            this.jdbc = jdbc;
        }

        @Transactional("legacyKafkaTransactionManager")
        public void sendBoth(String topic, String first, String second) {
            template.send(topic, "k", first);
            template.send(topic, "k", second);
        }

        @Transactional("legacyKafkaTransactionManager")
        public void sendThenFail(String topic, String value) {
            template.send(topic, "k", value);
            template.flush(); // in the log, so the abort has something to hide
            throw new IllegalStateException("business failure");
        }

        @Transactional // the database's (primary) transaction manager
        public void saveAndSend(String topic, String id, boolean fail) {
            jdbc.update("insert into orders values (?)", id);
            template.send(topic, id, id);
            if (fail) {
                template.flush();
                throw new IllegalStateException("database rollback");
            }
        }
    }
}
