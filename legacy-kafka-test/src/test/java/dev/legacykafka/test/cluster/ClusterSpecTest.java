package dev.legacykafka.test.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSpecTest {

    @Test
    void threeBrokersWithHalfAGigabyteEachByDefault() {
        ClusterSpec spec = ClusterSpec.of("2.8.2");
        assertThat(spec.brokers()).isEqualTo(3);
        assertThat(spec.config()).isEmpty();
        assertThat(spec.jvmOptions()).contains("-Xmx512m");
        assertThat(spec.startTimeout()).isEqualTo(ClusterSpec.DEFAULT_START_TIMEOUT);
    }

    @Test
    void withersChangeOneThing() {
        ClusterSpec spec = ClusterSpec.of("4.4.0").withBrokers(5).withConfig("b", "2").withConfig("a", "1")
                .withJvmOptions("-Xmx256m").withStartTimeout(Duration.ofSeconds(30));
        assertThat(spec.brokers()).isEqualTo(5);
        assertThat(spec.config()).containsExactly(java.util.Map.entry("a", "1"), java.util.Map.entry("b", "2"));
        assertThat(spec.jvmOptions()).isEqualTo(List.of("-Xmx256m"));
        assertThat(spec.startTimeout()).hasSeconds(30);
        assertThat(spec).isEqualTo(ClusterSpec.of("4.4.0").withBrokers(5).withConfig("a", "1").withConfig("b", "2")
                .withJvmOptions("-Xmx256m").withStartTimeout(Duration.ofSeconds(30)));
        assertThat(spec.toString()).startsWith("5 x Kafka 4.4.0");
    }

    @Test
    void refusesReleasesWithoutNamedListenersAndEmptyClusters() {
        assertThatThrownBy(() -> ClusterSpec.of("0.10.1.1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.10.2");
        assertThatThrownBy(() -> ClusterSpec.of("0.9.0.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterSpec.of("2.8.2").withBrokers(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fullIsrMeansEveryReplicaInSyncUnderALeader() {
        assertThat(new PartitionState("t", 0, 1, List.of(1, 2, 3), List.of(3, 1, 2)).hasFullIsr()).isTrue();
        assertThat(new PartitionState("t", 0, 1, List.of(1, 2, 3), List.of(1, 2)).hasFullIsr()).isFalse();
        assertThat(new PartitionState("t", 0, -1, List.of(1, 2, 3), List.of(1, 2, 3)).hasFullIsr()).isFalse();
    }
}
