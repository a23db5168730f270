package dev.legacykafka.test.artifacts;

import dev.legacykafka.test.KafkaVersion;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The tools of a distribution live in two jars: {@code kafka-tools} and the broker jar (ConfigCommand
 * and StorageTool stayed there for most of 3.x/4.x). A tools classpath therefore gets the broker jar
 * of the same version, so it is a complete distribution even when the broker itself is newer.
 */
final class ToolsCompanion {

    private ToolsCompanion() {
    }

    /**
     * @param resolved {@code groupId:artifactId:version} of every artifact on the classpath
     * @return the broker jar matching {@code kafka-tools}, if tools are there without it
     */
    static List<String> missingArtifacts(Collection<String> resolved) {
        Optional<String> tools = Coordinates.versionOf(resolved, "org.apache.kafka:kafka-tools");
        boolean hasBrokerJar = resolved.stream()
                .anyMatch(c -> Coordinates.groupAndArtifact(c).startsWith("org.apache.kafka:kafka_"));
        if (tools.isEmpty() || hasBrokerJar) {
            return List.of();
        }
        KafkaVersion version = KafkaVersion.parse(tools.get());
        return List.of("org.apache.kafka:" + version.brokerArtifactId() + ":" + version);
    }
}
