package dev.legacykafka.client.scripted;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.errors.LegacyKafkaException;
import dev.legacykafka.client.errors.ProducerClosedException;
import dev.legacykafka.client.errors.TimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every record a test sent, in send order, with its future and how many times its callback ran.
 * Values carry the record's id ({@code id-<n>|}) so the broker's log can be matched back to sends.
 */
final class SendLedger {

    /** One send. */
    static final class Sent {
        final int id;
        final String topic;
        final int partition;
        final byte[] key;
        final CompletableFuture<SendResult> future;
        final AtomicInteger completions = new AtomicInteger();

        Sent(int id, String topic, int partition, byte[] key, CompletableFuture<SendResult> future) {
            this.id = id;
            this.topic = topic;
            this.partition = partition;
            this.key = key;
            this.future = future;
        }

        boolean succeeded() {
            return future.isDone() && !future.isCompletedExceptionally();
        }

        SendResult result() {
            return future.join();
        }

        /** The exception the send failed with, unwrapped, or null. */
        Throwable failure() {
            if (!future.isCompletedExceptionally()) {
                return null;
            }
            try {
                future.join();
                return null;
            } catch (CompletionException e) {
                return e.getCause();
            } catch (RuntimeException e) {
                return e;
            }
        }

        /**
         * Whether the producer gave up without knowing if the broker wrote the record: a timeout, a
         * retriable error it stopped retrying, or the producer closing.
         */
        boolean outcomeUncertain() {
            Throwable failure = failure();
            return failure instanceof TimeoutException || failure instanceof ProducerClosedException
                    || (failure instanceof LegacyKafkaException e && e.isRetriable())
                    // an abort that caught the record between attempts says so
                    || (failure != null && String.valueOf(failure.getMessage()).contains("may have been written"));
        }

        @Override
        public String toString() {
            Throwable failure = failure();
            String state = !future.isDone() ? "pending" : failure == null ? "offset " + result().offset()
                    : failure.getClass().getSimpleName() + ": " + failure.getMessage();
            return "send#" + id + " to " + topic + "-" + partition + " (" + state + ")";
        }
    }

    private final List<Sent> sends = new CopyOnWriteArrayList<>();

    /**
     * Sends a record with a value of at least {@code valueBytes} bytes that names its id.
     *
     * @param key the key, or null for none
     */
    Sent send(LegacyKafkaProducer producer, String topic, int partition, String key, int valueBytes) {
        int id = sends.size();
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        byte[] value = valueFor(id, valueBytes);
        CompletableFuture<SendResult> future = producer.send(new ProducerRecord(topic, partition, keyBytes, value, null, null));
        Sent sent = new Sent(id, topic, partition, keyBytes, future);
        future.whenComplete((result, error) -> sent.completions.incrementAndGet());
        sends.add(sent);
        return sent;
    }

    /** A keyed record of about 20 bytes. */
    Sent send(LegacyKafkaProducer producer, String topic, int partition) {
        return send(producer, topic, partition, "k" + sends.size(), 0);
    }

    /**
     * Sends {@code count} keyed records to one partition, pausing 10 ms after every 4, so that with
     * small batches several requests of the partition are in flight at once (a tight loop fills few
     * batches before the first is sent).
     *
     * @param nullKeyAt send ids (this ledger's numbering) that get no key
     */
    void sendPaced(LegacyKafkaProducer producer, String topic, int partition, int count, int valueBytes,
                   java.util.Set<Integer> nullKeyAt) {
        for (int i = 0; i < count; i++) {
            int id = sends.size();
            send(producer, topic, partition, nullKeyAt.contains(id) ? null : "k" + id, valueBytes);
            if (i % 4 == 3) {
                pause(10);
            }
        }
    }

    /** {@link #sendPaced(LegacyKafkaProducer, String, int, int, int, java.util.Set)} with keys and small values. */
    void sendPaced(LegacyKafkaProducer producer, String topic, int partition, int count) {
        sendPaced(producer, topic, partition, count, 0, java.util.Set.of());
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static byte[] valueFor(int id, int minBytes) {
        byte[] prefix = ("id-" + id + "|").getBytes(StandardCharsets.UTF_8);
        byte[] value = Arrays.copyOf(prefix, Math.max(prefix.length, minBytes));
        Arrays.fill(value, prefix.length, value.length, (byte) 'x');
        return value;
    }

    /** The send id a logged record carries, or -1 when it is not one of ours. */
    static int idOf(LoggedRecord record) {
        String value = record.valueString();
        if (value == null || !value.startsWith("id-")) {
            return -1;
        }
        int bar = value.indexOf('|');
        return bar < 0 ? -1 : Integer.parseInt(value.substring(3, bar));
    }

    /** Waits until every send completed or the time is up; returns whether all completed. */
    boolean awaitAll(long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (Sent sent : sends) {
            long left = deadline - System.nanoTime();
            try {
                sent.future.handle((r, e) -> null).get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        return true;
    }

    List<Sent> all() {
        return List.copyOf(sends);
    }

    Sent get(int id) {
        return sends.get(id);
    }

    List<Sent> succeeded() {
        List<Sent> out = new ArrayList<>();
        for (Sent sent : sends) {
            if (sent.succeeded()) {
                out.add(sent);
            }
        }
        return out;
    }

    List<Sent> failed() {
        List<Sent> out = new ArrayList<>();
        for (Sent sent : sends) {
            if (sent.future.isCompletedExceptionally()) {
                out.add(sent);
            }
        }
        return out;
    }

    List<Sent> pending() {
        List<Sent> out = new ArrayList<>();
        for (Sent sent : sends) {
            if (!sent.future.isDone()) {
                out.add(sent);
            }
        }
        return out;
    }
}
