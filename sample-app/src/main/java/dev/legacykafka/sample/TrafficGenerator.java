package dev.legacykafka.sample;

import dev.legacykafka.spring.LegacyKafkaTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends a round of records now and then when {@code sample.traffic-enabled} is set, so the
 * dashboard has something to show; failures are counted by the starter's meters, and logged here.
 *
 * <p>A lifecycle bean of the first phase to stop: when the application shuts down it stops sending
 * and stops waiting for the round in flight at once, so the scheduler is not held up for the
 * round's 30 s and the producer is closed (delivering that round) right after.
 */
@Component
class TrafficGenerator implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(TrafficGenerator.class);
    /** Makes each record about 100 bytes, like a small JSON event. */
    private static final String PADDING = " " + "x".repeat(80);

    private final LegacyKafkaTemplate<String, String> template;
    private final SampleProperties properties;
    private final AtomicLong sequence = new AtomicLong();
    /** Completed when the application stops: a round waiting for acknowledgements gives up waiting. */
    private volatile CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);

    TrafficGenerator(LegacyKafkaTemplate<String, String> template, SampleProperties properties) {
        this.template = template;
        this.properties = properties;
    }

    @Override
    public void start() {
        stopped = new CompletableFuture<>();
    }

    @Override
    public void stop() {
        stopped.complete(null);
    }

    @Override
    public boolean isRunning() {
        return !stopped.isDone();
    }

    @Scheduled(fixedDelayString = "${sample.traffic-interval:200ms}")
    void sendRound() {
        if (!properties.isTrafficEnabled() || !isRunning()) {
            return;
        }
        List<CompletableFuture<?>> round = new ArrayList<>();
        for (int i = 0; i < properties.getTrafficBatch(); i++) {
            long n = sequence.incrementAndGet();
            round.add(template.send(properties.getTopic(), "user-" + (n % 17), "event " + n + PADDING));
        }
        if (!properties.getCompactedTopic().isBlank()) {
            // A compacted topic refuses records without a key: the broker's record_errors at work.
            template.send(properties.getCompactedTopic(), null, "keyless " + sequence.get())
                    .exceptionally(error -> {
                        logger.debug("Keyless record refused as expected: " + error.getMessage());
                        return null;
                    });
        }
        // Wait for the round, so a throttled producer slows the generator down instead of piling up a backlog
        // that would delay the REST API's own sends.
        try {
            CompletableFuture.anyOf(CompletableFuture.allOf(round.toArray(CompletableFuture[]::new)), stopped)
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            logger.debug("Some generated records failed: " + e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            logger.warn("Generated records are still not acknowledged after 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
