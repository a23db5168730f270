package dev.legacykafka.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.errors.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProducerConfigTest {

    private static ProducerConfig.Builder valid() {
        return ProducerConfig.builder().bootstrapServers("127.0.0.1:9092");
    }

    @Test
    void defaultsAreThoseDocumented() {
        ProducerConfig config = valid().build();
        assertThat(config.pinnedProduceVersion()).isNull();
        assertThat(config.acks()).isEqualTo(Acks.ALL);
        assertThat(config.lingerMs()).isEqualTo(5);
        assertThat(config.batchSize()).isEqualTo(16384);
        assertThat(config.bufferMemory()).isEqualTo(32L * 1024 * 1024);
        assertThat(config.deliveryTimeoutMs()).isEqualTo(120_000);
        assertThat(config.brokerVersionFallback()).isEqualTo("0.8.2");
        assertThat(config.clientId()).startsWith("legacy-kafka-producer-");
        assertThat(config.bootstrapServers()).containsExactly("127.0.0.1:9092");
    }

    @Test
    void apiVersionAcceptsAutoAndZeroToThirteen() {
        assertThat(valid().apiVersion("auto").build().pinnedProduceVersion()).isNull();
        assertThat(valid().apiVersion("AUTO").build().pinnedProduceVersion()).isNull();
        for (int v = 0; v <= 13; v++) {
            assertThat(valid().apiVersion(Integer.toString(v)).build().pinnedProduceVersion()).isEqualTo(v);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"14", "-1", "v3", ""})
    void apiVersionOutsideTheRangeNamesTheSetting(String value) {
        assertThatThrownBy(() -> valid().apiVersion(value).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'api-version'")
                .hasMessageContaining("auto or 0..13")
                .satisfies(e -> assertThat(((ConfigException) e).setting()).isEqualTo("api-version"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "-2", "most", ""})
    void invalidAcksNamesTheSetting(String value) {
        assertThatThrownBy(() -> valid().acks(value))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'acks'")
                .hasMessageContaining(value.isEmpty() ? "Invalid value" : value);
    }

    @Test
    void acksSpellings() {
        assertThat(Acks.parse("all")).isEqualTo(Acks.ALL);
        assertThat(Acks.parse("-1")).isEqualTo(Acks.ALL);
        assertThat(Acks.parse("1")).isEqualTo(Acks.LEADER);
        assertThat(Acks.parse("0")).isEqualTo(Acks.NONE);
        assertThat(Acks.ALL.wireValue()).isEqualTo((short) -1);
    }

    @Test
    void negativeSizesNameTheirSetting() {
        assertThatThrownBy(() -> valid().batchSize(-1).build()).hasMessageContaining("'batch-size'");
        assertThatThrownBy(() -> valid().bufferMemory(0).build()).hasMessageContaining("'buffer-memory'");
        assertThatThrownBy(() -> valid().maxRequestSize(-5).build()).hasMessageContaining("'max-request-size'");
        assertThatThrownBy(() -> valid().lingerMs(-1).build()).hasMessageContaining("'linger'");
        assertThatThrownBy(() -> valid().maxInFlightRequestsPerConnection(0).build()).hasMessageContaining("'max-in-flight'");
    }

    @Test
    void deliveryTimeoutMustCoverLingerAndRequestTimeout() {
        assertThatThrownBy(() -> valid().lingerMs(100).requestTimeoutMs(1000).deliveryTimeoutMs(1000).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'delivery-timeout'")
                .hasMessageContaining("1100 ms");
    }

    @Test
    void zstdWithAPinnedVersionBelowSevenIsRefused() {
        assertThatThrownBy(() -> valid().apiVersion(6).compression(CompressionType.ZSTD).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'compression'")
                .hasMessageContaining("Produce v7");
        assertThat(valid().apiVersion(7).compression(CompressionType.ZSTD).build().compression()).isEqualTo(CompressionType.ZSTD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:", ":9092", "host:port", "host:70000"})
    void malformedBootstrapServersAreRefused(String server) {
        assertThatThrownBy(() -> ProducerConfig.builder().bootstrapServers(server).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'bootstrap-servers'")
                .hasMessageContaining(server);
    }

    @Test
    void emptyBootstrapServersAreRefused() {
        assertThatThrownBy(() -> ProducerConfig.builder().build()).hasMessageContaining("'bootstrap-servers'");
    }

    @Test
    void brokerVersionFallbackMustBeAVersionWithoutApiVersions() {
        assertThat(ProducerConfig.fallbackProduceVersion("0.8.2")).isZero();
        assertThat(ProducerConfig.fallbackProduceVersion("0.9.0.1")).isEqualTo(1);
        assertThatThrownBy(() -> valid().brokerVersionFallback("0.10.2").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'broker-version-fallback'");
    }

    @Test
    void idempotenceAndSequencedPipelining() {
        assertThat(valid().build().idempotenceWanted()).isTrue();
        assertThat(valid().acks("1").build().idempotenceWanted()).isFalse();
        assertThat(valid().acks("1").build().sequencedPipelining()).isTrue();
        assertThat(valid().acks("1").idempotence(false).build().sequencedPipelining()).isFalse();
        assertThat(valid().acks("1").maxInFlightRequestsPerConnection(1).build().sequencedPipelining()).isFalse();
        assertThat(valid().acks("1").apiVersion(2).build().sequencedPipelining()).isFalse();
        assertThat(valid().acks("0").build().sequencedPipelining()).isFalse();
        assertThat(valid().apiVersion(2).build().idempotenceWanted()).isFalse();
        assertThat(valid().transactionalId("tx").build().idempotenceWanted()).isTrue();
        assertThatThrownBy(() -> valid().acks("1").idempotence(true).build()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'idempotence'").hasMessageContaining("acks=all");
        assertThatThrownBy(() -> valid().transactionalId("tx").apiVersion(2).build()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'transactional-id'").hasMessageContaining("pinned to 2");
    }

    @Test
    void ipv6LiteralsParse() {
        assertThat(ProducerConfig.parseHostPort("[::1]:9092")).containsExactly("::1", "9092");
    }
}
