package dev.legacykafka.test.reader;

import dev.legacykafka.test.KafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads a topic with kcat (librdkafka), an implementation of the Kafka protocol that shares no
 * code with ours, so a test can check what our producer wrote. Works with every broker version:
 * 0.8/0.9 brokers are read with ApiVersions disabled and the matching fallback version.
 *
 * <p>Records are read as text: keys, values and header values must be UTF-8 without line breaks,
 * and header keys and values must not contain {@code ,} or {@code =}.
 */
public final class KcatReader {

    private static final String KCAT = "kcat";
    /** One record per block of three lines: numbers, key, value. */
    private static final String FORMAT = "%p %o %T %K %S %h\\n%k\\n%s\\n";

    private KcatReader() {
    }

    /** Whether kcat is on the PATH (Debian package {@code kcat}; .ci/run installs it). */
    public static boolean isInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, KCAT))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads every record of the topic, from the beginning of every partition to its end offset
     * (the high watermark; with read_committed, the last stable offset) as the broker has it when
     * kcat gets there. Nothing is cut at a count, so a test that compares what it sent with this
     * list exactly sees lost records, duplicates and extras alike.
     *
     * @throws IllegalStateException if kcat is missing, fails, or does not finish in time
     */
    public static List<ConsumedRecord> readToEnd(KafkaBroker broker, String topic, Duration timeout) {
        return readToEnd(broker, topic, timeout, true);
    }

    /**
     * Like {@link #readToEnd(KafkaBroker, String, Duration)}, choosing the isolation level on
     * 0.11+ brokers: read_committed skips records of open and aborted transactions,
     * read_uncommitted shows them too.
     */
    public static List<ConsumedRecord> readToEnd(KafkaBroker broker, String topic, Duration timeout,
                                                 boolean readCommitted) {
        return read(broker.bootstrapServers(), broker.version().toString(), topic, -1, timeout, readCommitted);
    }

    /**
     * Like {@link #readToEnd(KafkaBroker, String, Duration)}, for a broker this library did not
     * start (a container, say), given by its bootstrap servers; it must answer ApiVersions
     * (Kafka 0.10 or newer).
     */
    public static List<ConsumedRecord> readToEnd(String bootstrapServers, String topic, Duration timeout) {
        return read(bootstrapServers, null, topic, -1, timeout, true);
    }

    /**
     * Reads the topic from the beginning, stopping at the end of every partition or after
     * {@code maxRecords}, whichever comes first.
     *
     * @deprecated a read that stops after the expected count cannot see duplicates or extras; use
     *     {@link #readToEnd(KafkaBroker, String, Duration)} and compare exactly
     */
    @Deprecated
    public static List<ConsumedRecord> readAll(KafkaBroker broker, String topic, int maxRecords, Duration timeout) {
        return readAll(broker, topic, maxRecords, timeout, true);
    }

    /**
     * Like {@link #readAll(KafkaBroker, String, int, Duration)}, choosing the isolation level.
     *
     * @deprecated use {@link #readToEnd(KafkaBroker, String, Duration, boolean)}
     */
    @Deprecated
    public static List<ConsumedRecord> readAll(KafkaBroker broker, String topic, int maxRecords, Duration timeout,
                                               boolean readCommitted) {
        return read(broker.bootstrapServers(), broker.version().toString(), topic, maxRecords, timeout, readCommitted);
    }

    private static List<ConsumedRecord> read(String bootstrapServers, String version, String topic, int maxRecords,
                                             Duration timeout, boolean readCommitted) {
        if (!isInstalled()) {
            throw new IllegalStateException("kcat is not installed: apt-get install kcat (the tests use it as an "
                    + "independent reader; .ci/run installs it)");
        }
        // -e: exit once every partition has been read to its end offset.
        List<String> command = new ArrayList<>(List.of(KCAT, "-C", "-b", bootstrapServers, "-t", topic,
                "-o", "beginning", "-e", "-q"));
        if (maxRecords >= 0) {
            command.addAll(List.of("-c", Integer.toString(maxRecords)));
        }
        command.addAll(List.of("-f", FORMAT.replace("\\n", "\n")));
        if (!readCommitted) {
            command.addAll(List.of("-X", "isolation.level=read_uncommitted"));
        }
        if (version != null && (version.startsWith("0.8") || version.startsWith("0.9"))) {
            command.addAll(List.of("-X", "api.version.request=false", "-X", "broker.version.fallback=" + version));
        }
        String output = run(command, timeout);
        return parse(output);
    }

    static List<ConsumedRecord> parse(String output) {
        List<ConsumedRecord> records = new ArrayList<>();
        String[] lines = output.split("\n", -1);
        for (int i = 0; i + 2 < lines.length; i += 3) {
            String[] fields = lines[i].split(" ", 6);
            if (fields.length < 5) {
                throw new IllegalStateException("Unexpected kcat output line: " + lines[i]);
            }
            int partition = Integer.parseInt(fields[0]);
            long offset = Long.parseLong(fields[1]);
            long timestamp = Long.parseLong(fields[2]);
            int keyLength = Integer.parseInt(fields[3]);
            int valueLength = Integer.parseInt(fields[4]);
            String headerText = fields.length > 5 ? fields[5] : "";
            records.add(new ConsumedRecord(partition, offset, keyLength < 0 ? null : lines[i + 1],
                    valueLength < 0 ? null : lines[i + 2], timestamp, parseHeaders(headerText)));
        }
        return records;
    }

    private static List<Map.Entry<String, String>> parseHeaders(String text) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (text.isEmpty()) {
            return headers;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            headers.add(eq < 0 ? new AbstractMap.SimpleEntry<>(pair, null)
                    : new AbstractMap.SimpleEntry<>(pair.substring(0, eq), pair.substring(eq + 1)));
        }
        return headers;
    }

    private static String run(List<String> command, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            Thread out = pump(process.getInputStream(), stdout);
            Thread err = pump(process.getErrorStream(), stderr);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kcat did not finish within " + timeout + ": " + String.join(" ", command)
                        + "\n" + stderr.toString(StandardCharsets.UTF_8));
            }
            out.join();
            err.join();
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kcat failed with exit code " + process.exitValue() + ": "
                        + String.join(" ", command) + "\n" + stderr.toString(StandardCharsets.UTF_8));
            }
            return stdout.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Could not run kcat", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running kcat", e);
        }
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
        Thread thread = new Thread(() -> {
            try {
                in.transferTo(sink);
            } catch (IOException ignored) {
                // The process ended; what was read is all there is.
            }
        }, "kcat-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
