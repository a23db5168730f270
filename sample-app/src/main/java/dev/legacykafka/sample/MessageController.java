package dev.legacykafka.sample;

import dev.legacykafka.client.SendResult;
import dev.legacykafka.spring.LegacyKafkaRecord;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sends messages through the injected {@link LegacyKafkaTemplate}, as an application would. */
@RestController
@RequestMapping("/api/messages")
class MessageController {

    private final LegacyKafkaTemplate<String, String> template;
    private final SampleProperties properties;

    MessageController(LegacyKafkaTemplate<String, String> template, SampleProperties properties) {
        this.template = template;
        this.properties = properties;
    }

    /** One message with a key and optional headers; answers with where the broker put it. */
    @PostMapping
    CompletableFuture<ResponseEntity<Map<String, Object>>> send(@RequestBody OutgoingMessage message) {
        LegacyKafkaRecord<String, String> record = LegacyKafkaRecord.of(topicOf(message.topic()), message.key(), message.value());
        if (message.headers() != null) {
            for (Map.Entry<String, String> header : message.headers().entrySet()) {
                record = record.withHeader(header.getKey(), header.getValue());
            }
        }
        return template.send(record)
                .thenApply(result -> ResponseEntity.ok(describe(result)))
                .exceptionally(error -> ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(failure(error)));
    }

    /** {@code count} messages keyed {@code key-0..}; answers how many were acknowledged and the first failure. */
    @PostMapping("/batch")
    Map<String, Object> sendBatch(@RequestParam(defaultValue = "100") int count, @RequestParam(required = false) String topic) {
        List<CompletableFuture<SendResult>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            futures.add(template.send(topicOf(topic), "key-" + i, "message " + i));
        }
        int acknowledged = 0;
        String firstError = null;
        for (CompletableFuture<SendResult> future : futures) {
            try {
                future.join();
                acknowledged++;
            } catch (RuntimeException e) {
                if (firstError == null) {
                    firstError = rootMessage(e);
                }
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("sent", count);
        summary.put("acknowledged", acknowledged);
        summary.put("firstError", firstError);
        return summary;
    }

    /**
     * {@code count} messages in one transaction (needs {@code legacykafka.transactional-id}): all of
     * them become visible to read_committed consumers together, or none.
     */
    @PostMapping("/transaction")
    ResponseEntity<Map<String, Object>> sendInTransaction(@RequestParam(defaultValue = "10") int count,
                                                          @RequestParam(required = false) String topic) {
        if (!template.isTransactional()) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error",
                    "No transactional id: set legacykafka.transactional-id to send in transactions"));
        }
        String target = topicOf(topic);
        int sent = template.executeInTransaction(t -> {
            for (int i = 0; i < count; i++) {
                t.send(target, "tx-key-" + i, "transactional message " + i);
            }
            return count;
        });
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("committed", sent);
        summary.put("topic", target);
        return ResponseEntity.ok(summary);
    }

    private String topicOf(String requested) {
        return requested == null || requested.isBlank() ? properties.getTopic() : requested;
    }

    static Map<String, Object> describe(SendResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topic", result.topic());
        body.put("partition", result.partition());
        body.put("offset", result.offset());
        body.put("logAppendTime", result.logAppendTime());
        body.put("logStartOffset", result.logStartOffset());
        body.put("throttleTimeMs", result.throttleTimeMs());
        body.put("produceVersion", result.produceVersion());
        return body;
    }

    static Map<String, Object> failure(Throwable error) {
        return Map.of("error", rootMessage(error));
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause instanceof java.util.concurrent.CompletionException) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /**
     * A message to send.
     *
     * @param topic   topic, or null for the sample's default topic
     * @param key     key, may be null
     * @param value   value
     * @param headers headers (need a RecordBatch broker, 0.11+), may be null
     */
    record OutgoingMessage(String topic, String key, String value, Map<String, String> headers) {
    }
}
