package dev.legacykafka.spring.testcontainers;

import dev.legacykafka.spring.autoconfigure.LegacyKafkaConnectionDetails;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.testcontainers.kafka.ConfluentKafkaContainer;

/**
 * {@link LegacyKafkaConnectionDetails} for a {@code @ServiceConnection}-annotated Testcontainers
 * {@link ConfluentKafkaContainer} ({@code confluentinc/cp-kafka} 7.4+).
 */
class ConfluentKafkaContainerConnectionDetailsFactory
        extends ContainerConnectionDetailsFactory<ConfluentKafkaContainer, LegacyKafkaConnectionDetails> {

    @Override
    protected LegacyKafkaConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<ConfluentKafkaContainer> source) {
        return new ConfluentKafkaContainerConnectionDetails(source);
    }

    /** Reads the container lazily: it is started only when first asked. */
    static final class ConfluentKafkaContainerConnectionDetails extends ContainerConnectionDetails<ConfluentKafkaContainer>
            implements LegacyKafkaConnectionDetails {

        private ConfluentKafkaContainerConnectionDetails(ContainerConnectionSource<ConfluentKafkaContainer> source) {
            super(source);
        }

        @Override
        public List<String> getBootstrapServers() {
            return List.of(getContainer().getBootstrapServers());
        }

        /**
         * The bundle of the container's {@code @Ssl...} annotations, if any; the security protocol is
         * then SSL, otherwise PLAINTEXT.
         */
        @Override
        public @Nullable SslBundle getSslBundle() {
            return super.getSslBundle();
        }
    }
}
