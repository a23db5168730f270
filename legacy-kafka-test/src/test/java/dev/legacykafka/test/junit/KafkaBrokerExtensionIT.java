package dev.legacykafka.test.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import dev.legacykafka.test.KafkaVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@KafkaBrokerTest(version = "0.11.0.3")
class KafkaBrokerExtensionIT {

    private KafkaBroker injectedIntoLifecycleMethod;

    @BeforeEach
    void remember(KafkaBroker broker) {
        injectedIntoLifecycleMethod = broker;
    }

    @Test
    void injectsTheSharedBrokerOfTheClassAnnotation(KafkaBroker broker) {
        assertThat(broker.version()).isEqualTo(KafkaVersion.parse("0.11.0.3"));
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker).isSameAs(KafkaBrokers.shared("0.11.0.3")).isSameAs(injectedIntoLifecycleMethod);
    }

    @Test
    @KafkaBrokerTest(version = "2.8.2", config = {"num.partitions=2", "auto.create.topics.enable=false"})
    void theMethodAnnotationWins(KafkaBroker broker) {
        assertThat(broker.version()).isEqualTo(KafkaVersion.parse("2.8.2"));
        assertThat(broker).isNotSameAs(KafkaBrokers.shared("2.8.2"));
    }

    @Test
    void theParameterAnnotationWins(@KafkaBrokerTest(version = "4.4.0") KafkaBroker broker) {
        assertThat(broker.version()).isEqualTo(KafkaVersion.parse("4.4.0"));
        assertThat(broker.zookeeperConnect()).isEmpty();
    }

    @Nested
    class NestedTests {

        @Test
        void inheritTheEnclosingAnnotation(KafkaBroker broker) {
            assertThat(broker.version()).isEqualTo(KafkaVersion.parse("0.11.0.3"));
            assertThat(broker.zookeeperConnect()).isPresent();
        }
    }
}
