package dev.legacykafka.test.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Logging configuration for child JVMs, for log4j 1.2/reload4j and log4j 2 alike: both files are
 * written and both system properties passed, each backend reads its own. Servers log INFO to stdout
 * (which goes to their log file); tools log warnings to stderr so their stdout stays clean.
 */
final class LoggingConfig {

    private static final String PATTERN = "[%d] %p %m (%c)%n";

    private LoggingConfig() {
    }

    /** Writes the configuration files into {@code dir} and returns the JVM options that select them. */
    static List<String> write(Path dir, boolean tool) {
        String name = tool ? "tool" : "server";
        Path log4j1 = dir.resolve(name + "-log4j.properties");
        Path log4j2 = dir.resolve(name + "-log4j2.properties");
        try {
            Files.writeString(log4j1, log4j1(tool), StandardCharsets.ISO_8859_1);
            Files.writeString(log4j2, log4j2(tool), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write logging configuration to " + dir, e);
        }
        return List.of(
                "-Dlog4j.configuration=" + log4j1.toUri(),
                "-Dlog4j2.configurationFile=" + log4j2,
                "-Dkafka.logs.dir=" + dir);
    }

    static String log4j1(boolean tool) {
        return String.join("\n",
                "log4j.rootLogger=" + (tool ? "WARN" : "INFO") + ", console",
                "log4j.appender.console=org.apache.log4j.ConsoleAppender",
                "log4j.appender.console.Target=" + (tool ? "System.err" : "System.out"),
                "log4j.appender.console.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.console.layout.ConversionPattern=" + PATTERN,
                "log4j.logger.kafka.request.logger=WARN",
                "log4j.logger.state.change.logger=WARN",
                "");
    }

    static String log4j2(boolean tool) {
        return String.join("\n",
                "status = warn",
                "appender.console.type = Console",
                "appender.console.name = console",
                "appender.console.target = " + (tool ? "SYSTEM_ERR" : "SYSTEM_OUT"),
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = " + PATTERN,
                "rootLogger.level = " + (tool ? "warn" : "info"),
                "rootLogger.appenderRef.console.ref = console",
                "logger.request.name = kafka.request.logger",
                "logger.request.level = warn",
                "logger.state.name = state.change.logger",
                "logger.state.level = warn",
                "");
    }
}
