package dev.legacykafka.spring.serializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingRecordSerializerTests {

    private final RecordSerializer<Object> fallback = (topic, data) -> bytes("fallback:" + data);

    @Test
    void aTopicRouteWinsOverATypeRouteWhichWinsOverTheFallback() {
        RoutingRecordSerializer routing = new RoutingRecordSerializer(List.of(
                RecordSerializerRoute.valuesOfType(Integer.class, (topic, data) -> bytes("int:" + data)),
                RecordSerializerRoute.valuesOfTopic("invoices", (topic, data) -> bytes("invoice:" + data)),
                RecordSerializerRoute.valuesOfType(Number.class, (topic, data) -> bytes("number:" + data))), fallback);

        assertThat(text(routing.serialize("invoices", 7))).isEqualTo("invoice:7");
        assertThat(text(routing.serialize("orders", 7))).isEqualTo("int:7");
        assertThat(text(routing.serialize("orders", 7L))).isEqualTo("number:7");
        assertThat(text(routing.serialize("orders", "x"))).isEqualTo("fallback:x");
        assertThat(text(routing.serialize("orders", null))).isEqualTo("fallback:null");
        assertThat(text(routing.serialize("invoices", null))).isEqualTo("invoice:null");
    }

    @Test
    void twoRoutesForOneTopicAreRefused() {
        RecordSerializer<Object> any = (topic, data) -> null;
        assertThatThrownBy(() -> new RoutingRecordSerializer(List.of(RecordSerializerRoute.keysOfTopic("t", any),
                RecordSerializerRoute.keysOfTopic("t", any)), fallback))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key serializer routes for topic t");
    }

    @Test
    void aRouteHasATopicOrATypeNotBoth() {
        assertThatThrownBy(() -> new RecordSerializerRoute(RecordSerializerRoute.Part.KEY, "t", String.class,
                new StringRecordSerializer())).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
