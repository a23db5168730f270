package dev.legacykafka.spring;

import dev.legacykafka.client.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/** Turns a Spring {@link Message} into a {@link LegacyKafkaRecord}, reading the {@link LegacyKafkaHeaders}. */
final class MessageRecords {

    private MessageRecords() {
    }

    @SuppressWarnings("unchecked")
    static <K, V> LegacyKafkaRecord<K, V> toRecord(Message<?> message, @Nullable String defaultTopic) {
        MessageHeaders headers = message.getHeaders();
        Object topic = headers.get(LegacyKafkaHeaders.TOPIC);
        if (topic == null && defaultTopic == null) {
            throw new IllegalStateException("The message has no " + LegacyKafkaHeaders.TOPIC + " header and the template "
                    + "no default topic (legacykafka.template.default-topic)");
        }
        return new LegacyKafkaRecord<>(topic != null ? topic.toString() : defaultTopic,
                number(headers, LegacyKafkaHeaders.PARTITION) == null ? null
                        : number(headers, LegacyKafkaHeaders.PARTITION).intValue(),
                (K) headers.get(LegacyKafkaHeaders.KEY), (V) message.getPayload(),
                number(headers, LegacyKafkaHeaders.TIMESTAMP) == null ? null
                        : number(headers, LegacyKafkaHeaders.TIMESTAMP).longValue(),
                recordHeaders(headers));
    }

    private static @Nullable Number number(MessageHeaders headers, String name) {
        Object value = headers.get(name);
        if (value == null || value instanceof Number) {
            return (Number) value;
        }
        try {
            return Long.valueOf(value.toString().trim());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("Header " + name + " must be a number, was " + value, ex);
        }
    }

    /** Every other header whose value is text or bytes; Spring's own id and timestamp are left out. */
    private static List<Header> recordHeaders(MessageHeaders headers) {
        List<Header> mapped = new ArrayList<>();
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            String name = header.getKey();
            if (name.startsWith(LegacyKafkaHeaders.PREFIX) || MessageHeaders.ID.equals(name)
                    || MessageHeaders.TIMESTAMP.equals(name)) {
                continue;
            }
            if (header.getValue() instanceof byte[] bytes) {
                mapped.add(new Header(name, bytes));
            } else if (header.getValue() instanceof CharSequence text) {
                mapped.add(new Header(name, text.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return mapped;
    }
}
