package dev.legacykafka.spring.observation;

import dev.legacykafka.client.Header;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.spring.LegacyKafkaRecord;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The Observation context of one send: the record, the producer's client id and, once
 * acknowledged, the broker's {@link SendResult}. Its carrier collects the headers a tracer's
 * propagator writes (W3C {@code traceparent}, {@code tracestate}, baggage), which the template adds
 * to the record where its Produce version carries headers.
 */
public class LegacyKafkaSenderContext extends SenderContext<List<Header>> {

    private final LegacyKafkaRecord<?, ?> record;

    private final String clientId;

    private @Nullable SendResult result;

    /**
     * @param record   the record being sent
     * @param clientId the client id of the producer sending it
     */
    public LegacyKafkaSenderContext(LegacyKafkaRecord<?, ?> record, String clientId) {
        super(LegacyKafkaSenderContext::setHeader, Kind.PRODUCER);
        this.record = Objects.requireNonNull(record, "record");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        setCarrier(new ArrayList<>());
        setRemoteServiceName("Apache Kafka");
    }

    private static void setHeader(@Nullable List<Header> carrier, String key, String value) {
        if (carrier != null) {
            carrier.removeIf(header -> header.key().equals(key));
            carrier.add(new Header(key, value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The record being sent, before serialization. */
    public LegacyKafkaRecord<?, ?> getRecord() {
        return record;
    }

    /** The record's topic. */
    public String getTopic() {
        return record.topic();
    }

    /** The client id of the producer sending the record. */
    public String getClientId() {
        return clientId;
    }

    /** What the broker answered, or null until the record is acknowledged (and if it failed). */
    public @Nullable SendResult getResult() {
        return result;
    }

    /** Sets what the broker answered. */
    public void setResult(SendResult result) {
        this.result = result;
    }

    /** The headers the propagator wrote, in order. */
    public List<Header> getPropagationHeaders() {
        List<Header> carrier = getCarrier();
        return carrier == null ? List.of() : List.copyOf(carrier);
    }
}
