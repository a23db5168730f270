package dev.legacykafka.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.test.broker.ContainerKafkaBroker;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Runs only where a Docker engine answers; skipped elsewhere. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerKafkaBrokerIT {

    @Test
    void containerBrokerCreatesTopicsAndAnswersKcat() {
        try (ContainerKafkaBroker broker = ContainerKafkaBroker.start(BrokerSpec.of("3.9.1")
                .withConfig("auto.create.topics.enable", "false"))) {
            broker.createTopic("in-a-container", 3, Map.of("cleanup.policy", "compact"));
            assertThat(Kcat.partitionsAndLeaders(Kcat.metadataJson(broker, "in-a-container"), "in-a-container"))
                    .containsExactly(3, 3);
            broker.setClientQuota("slow", 1024);
        }
    }
}
