package dev.legacykafka.spring.autoconfigure;

import dev.legacykafka.client.LegacyKafkaProducer;
import java.time.Duration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Closes the auto-configured producer when the application context closes, sending what is
 * buffered within {@code legacykafka.producer.close-timeout}; records still without an outcome
 * then fail with {@code ProducerClosedException}.
 *
 * <p>A separate bean because Spring cannot pass the timeout to a destroy method. The producer
 * bean is built with this one injected, so it depends on it: Spring destroys the producer and
 * every bean using it (templates, and their users' {@code @PreDestroy} sends) before this closer.
 */
final class LegacyKafkaProducerCloser implements DisposableBean {

    private static final Log logger = LogFactory.getLog(LegacyKafkaProducerCloser.class);

    private final Duration closeTimeout;

    private volatile LegacyKafkaProducer producer;

    LegacyKafkaProducerCloser(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    /** Returns the producer, now closed with this bean. */
    LegacyKafkaProducer manage(LegacyKafkaProducer producer) {
        this.producer = producer;
        return producer;
    }

    @Override
    public void destroy() {
        LegacyKafkaProducer toClose = producer;
        if (toClose == null) {
            return;
        }
        producer = null;
        logger.info("Closing legacy-kafka producer " + toClose.config().clientId() + ", waiting up to "
                + closeTimeout.toMillis() + "ms for buffered records");
        toClose.close(closeTimeout);
    }
}
