package dev.legacykafka.spring.testcontainers;

import dev.legacykafka.spring.autoconfigure.LegacyKafkaConnectionDetails;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.testcontainers.kafka.KafkaContainer;

/**
 * {@link LegacyKafkaConnectionDetails} for a {@code @ServiceConnection}-annotated Testcontainers
 * {@link KafkaContainer} ({@code apache/kafka}, {@code apache/kafka-native}).
 */
class ApacheKafkaContainerConnectionDetailsFactory
        extends ContainerConnectionDetailsFactory<KafkaContainer, LegacyKafkaConnectionDetails> {

    @Override
    protected LegacyKafkaConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<KafkaContainer> source) {
        return new ApacheKafkaContainerConnectionDetails(source);
    }

    /** Reads the container lazily: it is started only when first asked. */
    static final class ApacheKafkaContainerConnectionDetails extends ContainerConnectionDetails<KafkaContainer>
            implements LegacyKafkaConnectionDetails {

        private ApacheKafkaContainerConnectionDetails(ContainerConnectionSource<KafkaContainer> source) {
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
