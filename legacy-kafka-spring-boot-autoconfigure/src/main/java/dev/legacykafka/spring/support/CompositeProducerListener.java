package dev.legacykafka.spring.support;

import dev.legacykafka.client.ProducerListener;
import dev.legacykafka.client.RecordError;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Passes every callback to several {@link ProducerListener}s in order, since a producer takes one
 * listener. A listener that throws is logged and the others still hear the event.
 */
public final class CompositeProducerListener implements ProducerListener {

    private static final Log logger = LogFactory.getLog(CompositeProducerListener.class);

    private final List<ProducerListener> delegates;

    /** @param delegates the listeners, called in this order */
    public CompositeProducerListener(List<? extends ProducerListener> delegates) {
        this.delegates = List.copyOf(delegates);
    }

    /** The listeners, in call order. */
    public List<ProducerListener> getDelegates() {
        return delegates;
    }

    @Override
    public void onThrottle(String broker, int throttleTimeMs) {
        each(listener -> listener.onThrottle(broker, throttleTimeMs));
    }

    @Override
    public void onRecordError(RecordError error) {
        each(listener -> listener.onRecordError(error));
    }

    @Override
    public void onBatchAcknowledged(String topic, int partition, int records, int sizeInBytes) {
        each(listener -> listener.onBatchAcknowledged(topic, partition, records, sizeInBytes));
    }

    @Override
    public void onRecordsFailed(String topic, int records, String error) {
        each(listener -> listener.onRecordsFailed(topic, records, error));
    }

    @Override
    public void onBatchRetried(String topic, int partition, int records, int attempt, String error) {
        each(listener -> listener.onBatchRetried(topic, partition, records, attempt, error));
    }

    @Override
    public void onProduceRequestCompleted(String broker, int produceVersion, long latencyNanos) {
        each(listener -> listener.onProduceRequestCompleted(broker, produceVersion, latencyNanos));
    }

    @Override
    public void onProduceVersionSelected(String broker, int produceVersion, int magic) {
        each(listener -> listener.onProduceVersionSelected(broker, produceVersion, magic));
    }

    private void each(Consumer<ProducerListener> call) {
        for (ProducerListener delegate : delegates) {
            try {
                call.accept(delegate);
            } catch (RuntimeException ex) {
                logger.warn("ProducerListener " + delegate.getClass().getName() + " failed; the others still run", ex);
            }
        }
    }
}
