package dev.legacykafka.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaVersionTest {

    @Test
    void comparesNumericallyNotLexically() {
        List<String> sorted = Stream.of("4.4.0", "0.10.2.2", "2.8.2", "0.9.0.1", "0.8.2.2", "3.9.1", "0.11.0.3")
                .map(KafkaVersion::parse).sorted().map(KafkaVersion::toString).collect(Collectors.toList());
        assertThat(sorted).containsExactly("0.8.2.2", "0.9.0.1", "0.10.2.2", "0.11.0.3", "2.8.2", "3.9.1", "4.4.0");
    }

    @Test
    void trailingZerosDoNotMatter() {
        assertThat(KafkaVersion.parse("2.8")).isEqualTo(KafkaVersion.parse("2.8.0"))
                .hasSameHashCodeAs(KafkaVersion.parse("2.8.0.0"));
        assertThat(KafkaVersion.parse("2.8.1")).isNotEqualTo(KafkaVersion.parse("2.8"));
        assertThat(KafkaVersion.parse("0.10.2.2").atLeast("0.10")).isTrue();
        assertThat(KafkaVersion.parse("0.9.0.1").before("0.10")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4", "4.x", "4.4.0-rc1", "1.2.3.4.5", "v4.4.0"})
    void rejectsWhatIsNotAReleaseNumber(String text) {
        assertThatThrownBy(() -> KafkaVersion.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @ParameterizedTest
    @CsvSource({
        "0.8.2.2, kafka_2.10, false, false, false",
        "0.9.0.1, kafka_2.11, false, false, true",
        "0.10.2.2, kafka_2.11, true, false, true",
        "0.11.0.3, kafka_2.11, true, false, true",
        "1.1.1, kafka_2.12, true, false, true",
        "2.3.1, kafka_2.12, true, false, true",
        "2.8.2, kafka_2.13, true, false, true",
        "3.9.1, kafka_2.13, true, true, true",
        "4.4.0, kafka_2.13, true, true, true"})
    void knowsWhatEachReleaseNeeds(String version, String artifact, boolean apiVersions, boolean kraft,
            boolean quotas) {
        KafkaVersion v = KafkaVersion.parse(version);
        assertThat(v.brokerArtifactId()).isEqualTo(artifact);
        assertThat(v.supportsApiVersions()).isEqualTo(apiVersions);
        assertThat(v.usesKRaft()).isEqualTo(kraft);
        assertThat(v.supportsClientQuotas()).isEqualTo(quotas);
    }

    @Test
    void addsJaxbOnlyWhereTheBrokerNeedsIt() {
        assertThat(KafkaVersion.parse("0.9.0.1").extraArtifacts()).isEmpty();
        assertThat(KafkaVersion.parse("0.10.2.2").extraArtifacts()).containsExactly("javax.xml.bind:jaxb-api:2.3.1");
        assertThat(KafkaVersion.parse("2.0.1").extraArtifacts()).containsExactly("javax.xml.bind:jaxb-api:2.3.1");
        assertThat(KafkaVersion.parse("2.8.2").extraArtifacts()).isEmpty();
    }

    @Test
    void toolsComeFromTheSameMajorLineFrom3On() {
        assertThat(KafkaVersion.parse("2.8.2").toolsArtifact()).isEmpty();
        assertThat(KafkaVersion.parse("3.9.1").toolsArtifact()).contains("org.apache.kafka:kafka-tools:[3.0.0,3.9.1]");
        assertThat(KafkaVersion.parse("4.4.0").toolsArtifact()).contains("org.apache.kafka:kafka-tools:[4.0.0,4.4.0]");
    }

    @Test
    void toolOptionsFollowTheReleaseThatIntroducedThem() {
        assertThat(KafkaVersion.parse("2.1.1").topicCommandUsesBootstrapServer()).isFalse();
        assertThat(KafkaVersion.parse("2.2.0").topicCommandUsesBootstrapServer()).isTrue();
        assertThat(KafkaVersion.parse("2.5.1").configCommandUsesBootstrapServer()).isFalse();
        assertThat(KafkaVersion.parse("2.6.0").configCommandUsesBootstrapServer()).isTrue();
        assertThat(KafkaVersion.parse("0.9.0.1").needsLegacyHostSettings()).isTrue();
        assertThat(KafkaVersion.parse("0.10.0.0").needsLegacyHostSettings()).isFalse();
    }
}
