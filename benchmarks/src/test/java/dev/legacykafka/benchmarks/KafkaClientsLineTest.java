package dev.legacykafka.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** kafka-clients 3.9.1 beside 4.x: the isolated loader sees its own jar, the shared types, and nothing else. */
class KafkaClientsLineTest {

    private static final String PRODUCER = "org.apache.kafka.clients.producer.KafkaProducer";

    @Test
    void theOldLinesKafkaProducerComesFromThe391Jar() throws Exception {
        try (IsolatedKafkaClients loader = IsolatedKafkaClients.of(IsolatedKafkaClients.defaultDirectory())) {
            Class<?> producer = Class.forName(PRODUCER, false, loader);
            assertThat(producer.getClassLoader()).isSameAs(loader);
            assertThat(Path.of(producer.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName())
                    .hasToString("kafka-clients-3.9.1.jar");
            assertThat(producer).isNotSameAs(Class.forName(PRODUCER));
        }
    }

    @Test
    void onlyTheSharedHarnessTypesCrossAndTheDriversAreDefinedAgain() throws Exception {
        try (IsolatedKafkaClients loader = IsolatedKafkaClients.of(IsolatedKafkaClients.defaultDirectory())) {
            assertThat(Class.forName(ProducerDriver.class.getName(), false, loader)).isSameAs(ProducerDriver.class);
            assertThat(Class.forName(Measurement.class.getName(), false, loader)).isSameAs(Measurement.class);
            Class<?> driver = Class.forName(KafkaClientsDriver.class.getName(), false, loader);
            assertThat(driver).isNotSameAs(KafkaClientsDriver.class);
            assertThat(driver.getClassLoader()).isSameAs(loader);
            // Nothing else of the harness, and no 4.x class, is visible.
            assertThatThrownBy(() -> Class.forName(ProducerComparison.class.getName(), false, loader))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> Class.forName("org.apache.kafka.common.utils.internals.AppInfoParser", false,
                    loader)).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void eachLineNamesItsReleaseAndTheOldOneLabelsItsRows() {
        KafkaClientsLine old = KafkaClientsLine.oldLine();
        assertThat(old.version()).isEqualTo("3.9.1");
        assertThat(old.isolated()).isTrue();
        assertThat(old.label("kafka-clients")).isEqualTo("kafka-clients 3.9.1");
        KafkaClientsLine current = KafkaClientsLine.classpath();
        assertThat(current.version()).startsWith("4.");
        assertThat(current.label("kafka-clients")).isEqualTo("kafka-clients");
        assertThat(KafkaClientsLine.forOptions(BenchmarkOptions.parse("--broker-version", "0.11.0.3")).isolated())
                .isTrue();
        assertThat(KafkaClientsLine.forOptions(BenchmarkOptions.parse("--broker-version", "2.8.2")).isolated())
                .isFalse();
    }

    @Test
    void theOldLinesDriverIsAProducerDriverOver391() throws Exception {
        Properties settings = new Properties();
        // Nothing listens there; constructing and closing a producer needs no broker.
        settings.put("bootstrap.servers", "127.0.0.1:1");
        ProducerDriver driver = KafkaClientsLine.oldLine().newDriver("kafka-clients 3.9.1", settings, "t");
        try {
            assertThat(driver.getClass().getClassLoader()).isInstanceOf(IsolatedKafkaClients.class);
            assertThat(driver.name()).isEqualTo("kafka-clients 3.9.1");
            var field = driver.getClass().getDeclaredField("producer");
            field.setAccessible(true);
            Class<?> producer = field.get(driver).getClass();
            assertThat(producer.getName()).isEqualTo(PRODUCER);
            assertThat(producer.getClassLoader()).isSameAs(driver.getClass().getClassLoader());
        } finally {
            driver.close();
        }
    }
}
