package dev.legacykafka.test.artifacts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the SLF4J binding a broker classpath lacks. Broker artifacts depend on slf4j-api only (the
 * binding lives in the distribution's {@code libs/}), so without one the broker runs silently and a
 * failed start tells nothing. The choice follows what the broker already brings: log4j 2 if its
 * api is there (4.x), else log4j 1.2 or reload4j in the version matching slf4j-api.
 */
public final class LoggingBinding {

    private static final Set<String> BINDINGS = Set.of(
            "org.slf4j:slf4j-log4j12", "org.slf4j:slf4j-reload4j",
            "org.apache.logging.log4j:log4j-slf4j-impl", "org.apache.logging.log4j:log4j-slf4j2-impl",
            "ch.qos.logback:logback-classic");

    private LoggingBinding() {
    }

    /**
     * The coordinates to add so the given classpath logs.
     *
     * @param resolved {@code groupId:artifactId:version} of every artifact on the broker classpath
     * @return coordinates to add; empty if a binding is present or slf4j is not used at all
     */
    public static List<String> missingArtifacts(Collection<String> resolved) {
        if (resolved.stream().anyMatch(c -> BINDINGS.contains(Coordinates.groupAndArtifact(c)))) {
            return List.of();
        }
        Optional<String> slf4j = Coordinates.versionOf(resolved, "org.slf4j:slf4j-api");
        if (slf4j.isEmpty()) {
            return List.of();
        }
        List<String> extras = new ArrayList<>();
        Optional<String> log4j2 = Coordinates.versionOf(resolved, "org.apache.logging.log4j:log4j-api");
        if (log4j2.isPresent()) {
            String binding = slf4j.get().startsWith("1.") ? "log4j-slf4j-impl" : "log4j-slf4j2-impl";
            extras.add("org.apache.logging.log4j:" + binding + ":" + log4j2.get());
            if (Coordinates.versionOf(resolved, "org.apache.logging.log4j:log4j-core").isEmpty()) {
                extras.add("org.apache.logging.log4j:log4j-core:" + log4j2.get());
            }
            return extras;
        }
        // slf4j-reload4j exists from 1.7.33 on; either binding brings its log4j 1.2 backend along.
        String binding = Coordinates.compareVersions(slf4j.get(), "1.7.33") >= 0 ? "slf4j-reload4j" : "slf4j-log4j12";
        extras.add("org.slf4j:" + binding + ":" + slf4j.get());
        return extras;
    }
}
