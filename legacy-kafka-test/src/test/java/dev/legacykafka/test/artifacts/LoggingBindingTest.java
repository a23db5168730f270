package dev.legacykafka.test.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoggingBindingTest {

    @Test
    void log4j2BrokersGetTheSlf4j1BridgeInTheirLog4jVersion() {
        List<String> kafka44 = List.of("org.apache.kafka:kafka_2.13:4.4.0", "org.slf4j:slf4j-api:1.7.36",
                "org.apache.logging.log4j:log4j-api:2.25.5", "org.apache.logging.log4j:log4j-core:2.25.5");
        assertThat(LoggingBinding.missingArtifacts(kafka44))
                .containsExactly("org.apache.logging.log4j:log4j-slf4j-impl:2.25.5");
    }

    @Test
    void slf4j2WithLog4j2GetsTheSlf4j2BridgeAndCore() {
        List<String> resolved = List.of("org.slf4j:slf4j-api:2.0.17", "org.apache.logging.log4j:log4j-api:2.24.3");
        assertThat(LoggingBinding.missingArtifacts(resolved)).containsExactly(
                "org.apache.logging.log4j:log4j-slf4j2-impl:2.24.3", "org.apache.logging.log4j:log4j-core:2.24.3");
    }

    @Test
    void log4j1BrokersGetReload4jWhereSlf4jHasIt() {
        assertThat(LoggingBinding.missingArtifacts(List.of("org.slf4j:slf4j-api:1.7.36")))
                .containsExactly("org.slf4j:slf4j-reload4j:1.7.36");
        assertThat(LoggingBinding.missingArtifacts(List.of("org.slf4j:slf4j-api:1.7.30")))
                .containsExactly("org.slf4j:slf4j-log4j12:1.7.30");
    }

    @Test
    void anExistingBindingIsKept() {
        List<String> kafka082 = List.of("org.slf4j:slf4j-api:1.7.6", "org.slf4j:slf4j-log4j12:1.6.1",
                "log4j:log4j:1.2.16");
        assertThat(LoggingBinding.missingArtifacts(kafka082)).isEmpty();
        assertThat(LoggingBinding.missingArtifacts(List.of("org.scala-lang:scala-library:2.13.5"))).isEmpty();
    }

    @Test
    void zookeeper35GetsItsJuteJar() {
        assertThat(ZooKeeperJute.missingArtifacts(List.of("org.apache.zookeeper:zookeeper:3.5.9")))
                .containsExactly("org.apache.zookeeper:zookeeper-jute:3.5.9");
        assertThat(ZooKeeperJute.missingArtifacts(List.of("org.apache.zookeeper:zookeeper:3.4.14"))).isEmpty();
        assertThat(ZooKeeperJute.missingArtifacts(List.of("org.apache.zookeeper:zookeeper:3.8.4",
                "org.apache.zookeeper:zookeeper-jute:3.8.4"))).isEmpty();
        assertThat(ZooKeeperJute.missingArtifacts(List.of("org.slf4j:slf4j-api:1.7.36"))).isEmpty();
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(Coordinates.compareVersions("1.7.33", "1.7.6")).isPositive();
        assertThat(Coordinates.compareVersions("3.5.9", "3.5")).isPositive();
        assertThat(Coordinates.compareVersions("2.0.0-alpha1", "2.0.0")).isZero();
    }

    @Test
    void toolsWithoutTheirBrokerJarGetTheOneOfTheirVersion() {
        assertThat(ToolsCompanion.missingArtifacts(List.of("org.apache.kafka:kafka-tools:4.3.1",
                "org.apache.kafka:kafka-clients:4.3.1"))).containsExactly("org.apache.kafka:kafka_2.13:4.3.1");
        assertThat(ToolsCompanion.missingArtifacts(List.of("org.apache.kafka:kafka-tools:3.9.1",
                "org.apache.kafka:kafka_2.13:3.9.1"))).isEmpty();
        assertThat(ToolsCompanion.missingArtifacts(List.of("org.apache.kafka:kafka_2.11:0.10.2.2"))).isEmpty();
    }
}
