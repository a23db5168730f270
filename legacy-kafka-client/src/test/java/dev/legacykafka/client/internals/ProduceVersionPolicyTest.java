package dev.legacykafka.client.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.errors.UnsupportedVersionException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProduceVersionPolicyTest {

    private static BrokerVersions broker(int min, int max) {
        return new BrokerVersions("b:9092", Map.of(0, new int[] {min, max}), false, 0);
    }

    @Test
    void autoTakesTheHighestVersionBothSpeak() {
        ProduceVersionPolicy auto = new ProduceVersionPolicy(null);
        assertThat(auto.select(broker(0, 2))).isEqualTo(2);
        assertThat(auto.select(broker(0, 11))).isEqualTo(11);
        assertThat(auto.select(broker(0, 13))).isEqualTo(13);
        assertThat(auto.select(broker(3, 15))).isEqualTo(13);
        assertThat(auto.select(BrokerVersions.fallback("old:9092", 0))).isZero();
    }

    @Test
    void pinnedVersionOutsideTheBrokersRangeNamesTheRange() {
        ProduceVersionPolicy pinned = new ProduceVersionPolicy(5);
        assertThatThrownBy(() -> pinned.select(broker(0, 2)))
                .isInstanceOf(UnsupportedVersionException.class)
                .hasMessageContaining("pinned to Produce v5")
                .hasMessageContaining("supports Produce v0 to v2");
        assertThat(pinned.select(broker(0, 9))).isEqualTo(5);
    }

    @Test
    void pinnedLegacyVersionOnKafka4SaysTheBrokerDropsIt() {
        ProduceVersionPolicy pinned = new ProduceVersionPolicy(2);
        assertThatThrownBy(() -> pinned.select(broker(0, 13)))
                .isInstanceOf(UnsupportedVersionException.class)
                .hasMessageContaining("Kafka 4.x")
                .hasMessageContaining("closes the connection on v0-v2");
        assertThat(pinned.select(broker(0, 11))).isEqualTo(2);
    }

    @Test
    void fallbackRangeIsExplained() {
        assertThatThrownBy(() -> new ProduceVersionPolicy(3).select(BrokerVersions.fallback("old:9092", 1)))
                .hasMessageContaining("broker-version-fallback");
    }

    @Test
    void formatFollowsTheVersion() {
        assertThat(ProduceVersionPolicy.magicFor(0)).isZero();
        assertThat(ProduceVersionPolicy.magicFor(1)).isZero();
        assertThat(ProduceVersionPolicy.magicFor(2)).isEqualTo((byte) 1);
        for (int v = 3; v <= 13; v++) {
            assertThat(ProduceVersionPolicy.magicFor(v)).isEqualTo((byte) 2);
        }
    }
}
