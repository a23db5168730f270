package dev.legacykafka.client.it;

import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.errors.BrokerErrorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The futures of a run of sends, indexed in send order: waits for them within a bound, and tells
 * each one's outcome and a count of all outcomes for assertion messages, so a failing test says
 * at once how many records failed and why.
 */
final class SendOutcomes {

    private final List<CompletableFuture<SendResult>> futures;

    SendOutcomes(List<CompletableFuture<SendResult>> futures) {
        this.futures = List.copyOf(futures);
    }

    /** Waits until every future is done or the bound has passed; it does not fail either way. */
    SendOutcomes awaitAll(Duration bound) throws InterruptedException {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Some failed or some are still pending: both are outcomes the caller asserts on.
        }
        return this;
    }

    int size() {
        return futures.size();
    }

    /** Indexes of futures still without an outcome. */
    List<Integer> pending() {
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            if (!futures.get(i).isDone()) {
                pending.add(i);
            }
        }
        return pending;
    }

    /** The result of send {@code i}, or null if it failed or is pending. */
    SendResult result(int i) {
        CompletableFuture<SendResult> future = futures.get(i);
        return future.isDone() && !future.isCompletedExceptionally() ? future.join() : null;
    }

    /** The exception send {@code i} failed with, or null if it succeeded or is pending. */
    Throwable failure(int i) {
        CompletableFuture<SendResult> future = futures.get(i);
        if (!future.isCompletedExceptionally()) {
            return null;
        }
        try {
            future.join();
            throw new IllegalStateException("completed exceptionally yet joined");
        } catch (CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (CancellationException e) {
            return e;
        }
    }

    /** One send's outcome in a few words: "acknowledged", "pending", or the exception with its error name. */
    String describe(int i) {
        if (result(i) != null) {
            return "acknowledged at " + result(i).partition() + "/" + result(i).offset();
        }
        Throwable failure = failure(i);
        return failure == null ? "pending" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    /** How many sends ended how, e.g. {acknowledged=2970, RecordErrorException INVALID_RECORD=30}. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < futures.size(); i++) {
            counts.merge(kind(i), 1, Integer::sum);
        }
        return counts;
    }

    private String kind(int i) {
        if (result(i) != null) {
            return "acknowledged";
        }
        Throwable failure = failure(i);
        if (failure == null) {
            return "pending";
        }
        String name = failure.getClass().getSimpleName();
        return failure instanceof BrokerErrorException broker ? name + " " + broker.errorName() : name;
    }
}
