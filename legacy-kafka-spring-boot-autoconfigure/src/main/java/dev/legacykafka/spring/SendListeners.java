package dev.legacykafka.spring;

import dev.legacykafka.client.SendResult;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** Calls several {@link LegacyKafkaSendListener}s in order; one that throws is logged and skipped. */
final class SendListeners {

    private static final Log logger = LogFactory.getLog(SendListeners.class);

    static final SendListeners NONE = new SendListeners(List.of());

    private final List<LegacyKafkaSendListener> listeners;

    SendListeners(List<? extends LegacyKafkaSendListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    List<LegacyKafkaSendListener> listeners() {
        return listeners;
    }

    void success(LegacyKafkaRecord<?, ?> record, SendResult result) {
        each(listener -> listener.onSuccess(record, result));
    }

    void error(LegacyKafkaRecord<?, ?> record, Throwable exception) {
        each(listener -> listener.onError(record, exception));
    }

    private void each(Consumer<LegacyKafkaSendListener> call) {
        for (LegacyKafkaSendListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException | LinkageError ex) {
                logger.warn("LegacyKafkaSendListener " + listener.getClass().getName()
                        + " threw; the send's outcome is unchanged and the other listeners still run", ex);
            }
        }
    }
}
