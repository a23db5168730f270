package dev.legacykafka.spring.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** The factories load from META-INF/spring.factories without a Docker engine. */
class ServiceConnectionRegistrationTests {

    @Test
    @SuppressWarnings("rawtypes")
    void bothKafkaContainerFactoriesAreRegistered() {
        List<ConnectionDetailsFactory> factories = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(ConnectionDetailsFactory.class, null,
                SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> { }));
        assertThat(factories).hasAtLeastOneElementOfType(ApacheKafkaContainerConnectionDetailsFactory.class)
                .hasAtLeastOneElementOfType(ConfluentKafkaContainerConnectionDetailsFactory.class);
    }
}
