package dev.legacykafka.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** kcat (librdkafka), the independent client the ITs check brokers with. */
final class Kcat {

    static final Path BINARY = Path.of(System.getProperty("legacykafka.kcat", "/usr/bin/kcat"));

    private Kcat() {
    }

    /** Metadata as kcat sees it, as JSON. */
    static String metadataJson(KafkaBroker broker, String topic) {
        List<String> args = new ArrayList<>(List.of("-L", "-J"));
        if (topic != null) {
            args.addAll(List.of("-t", topic));
        }
        return run(broker, args, null);
    }

    /** Produces one line per value to partition 0. */
    static void produce(KafkaBroker broker, String topic, String... values) {
        run(broker, List.of("-P", "-t", topic, "-p", "0"), String.join("\n", values) + "\n");
    }

    /** Consumes partition 0 from the beginning to its end, one value per line. */
    static List<String> consume(KafkaBroker broker, String topic) {
        String out = run(broker, List.of("-C", "-t", topic, "-p", "0", "-o", "beginning", "-e", "-q"), null);
        return out.isBlank() ? List.of() : List.of(out.strip().split("\n"));
    }

    /** The number of partitions of a topic in kcat's metadata JSON, and how many of them have a leader. */
    static int[] partitionsAndLeaders(String json, String topic) {
        // Skip "query":{"topic":...}; the answer is in the "topics" array.
        int start = json.indexOf("\"topic\":\"" + topic + "\"", Math.max(0, json.indexOf("\"topics\"")));
        if (start < 0) {
            return new int[] {0, 0};
        }
        int end = json.indexOf("\"topic\":\"", start + 1);
        String section = json.substring(start, end < 0 ? json.length() : end);
        int partitions = 0;
        int leaders = 0;
        Matcher m = Pattern.compile("\"partition\":\\s*(\\d+),\\s*\"leader\":\\s*(-?\\d+)").matcher(section);
        while (m.find()) {
            partitions++;
            if (Integer.parseInt(m.group(2)) >= 0) {
                leaders++;
            }
        }
        return new int[] {partitions, leaders};
    }

    private static String run(KafkaBroker broker, List<String> args, String stdin) {
        List<String> command = new ArrayList<>(List.of("-b", broker.bootstrapServers()));
        if (!broker.version().supportsApiVersions()) {
            command.addAll(List.of("-X", "api.version.request=false", "-X",
                    "broker.version.fallback=" + broker.version()));
        }
        command.addAll(args);
        ToolResult result = execute(command, stdin);
        if (!result.succeeded()) {
            throw new IllegalStateException("kcat failed (" + result.exitCode() + "): " + command + "\n"
                    + result.output());
        }
        return result.output();
    }

    /**
     * Runs kcat against one listener with librdkafka settings ({@code -X key=value}), returning
     * whatever happened instead of throwing.
     *
     * @param bootstrap {@code host:port} of the listener
     * @param settings librdkafka settings such as {@code security.protocol=sasl_ssl}
     * @param args kcat's mode and its options, e.g. {@code -L -J}
     * @param stdin what to feed a producer, or null
     */
    static ToolResult attempt(String bootstrap, Map<String, String> settings, List<String> args, String stdin) {
        List<String> command = new ArrayList<>(List.of("-b", bootstrap));
        settings.forEach((key, value) -> command.addAll(List.of("-X", key + "=" + value)));
        command.addAll(args);
        return execute(command, stdin);
    }

    private static ToolResult execute(List<String> arguments, String stdin) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("kcat not found at " + BINARY + " (apt-get install kcat)");
        }
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> copy(process.getInputStream(), out));
            reader.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kcat timed out: " + command);
            }
            reader.join();
            return new ToolResult(process.exitValue(), out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // process ended
        }
    }
}
