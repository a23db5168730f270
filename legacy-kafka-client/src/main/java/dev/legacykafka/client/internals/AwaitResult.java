package dev.legacykafka.client.internals;

import dev.legacykafka.client.errors.LegacyKafkaException;
import dev.legacykafka.client.errors.TimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * An application thread waiting for work it handed to the network thread (a broker probe, a
 * transaction step): the network thread's exception comes back as it is, anything else as a
 * {@link LegacyKafkaException} naming the operation.
 */
final class AwaitResult {

    private AwaitResult() {
    }

    /**
     * @param waitMs    how long to wait
     * @param operation what is awaited, for messages
     * @param bound     the bound as the user knows it, for the timeout message (e.g. "max-block (60000 ms)")
     */
    static <T> T of(CompletableFuture<T> future, long waitMs, String operation, String bound) {
        try {
            return future.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LegacyKafkaException legacy) {
                throw legacy;
            }
            throw new LegacyKafkaException(operation + " failed: " + cause, cause);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException(operation + " did not finish within " + bound, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LegacyKafkaException("Interrupted during " + operation, e);
        }
    }
}
