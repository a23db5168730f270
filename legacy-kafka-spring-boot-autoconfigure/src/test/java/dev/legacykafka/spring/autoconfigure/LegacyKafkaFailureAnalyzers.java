package dev.legacykafka.spring.autoconfigure;

import java.util.List;
import java.util.Objects;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** The failure analyzers registered in META-INF/spring.factories by this module, for tests. */
public final class LegacyKafkaFailureAnalyzers {

    private LegacyKafkaFailureAnalyzers() {
    }

    /** Analyses a failure as Spring Boot would, with this module's analyzers only. */
    public static FailureAnalysis analyze(Throwable failure) {
        // Some of Boot's own analyzers need constructor arguments: skip what does not instantiate.
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class,
                null, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> { }));
        return analyzers.stream().filter(a -> a.getClass().getPackageName().startsWith("dev.legacykafka"))
                .map(a -> a.analyze(failure)).filter(Objects::nonNull).findFirst()
                .orElseThrow(() -> new AssertionError("No legacy-kafka failure analysis for " + failure));
    }
}
