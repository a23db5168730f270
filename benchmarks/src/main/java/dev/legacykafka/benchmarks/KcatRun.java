package dev.legacykafka.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * librdkafka as a third peer: {@code kcat -P} reading one value per line from stdin, with the
 * settings the Java clients get. Only wall-clock throughput is comparable (kcat reports no
 * per-record latency and runs outside this JVM); the clock runs from process start to exit, which
 * includes kcat's connect and its final flush (milliseconds against seconds of sending).
 */
final class KcatRun {

    /** Lines per block written to kcat's stdin. */
    private static final int LINES_PER_BLOCK = 1024;

    private KcatRun() {
    }

    /** Where kcat is, or null if it is not installed. */
    static String executable() {
        for (String candidate : List.of("/usr/bin/kcat", "/usr/local/bin/kcat", "/usr/bin/kafkacat")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    /** Clock ticks per second of {@code /proc/<pid>/stat} times (USER_HZ, 100 on Linux). */
    private static final long CLOCK_TICKS = 100;

    /**
     * What one kcat run took.
     *
     * @param elapsedNanos wall time from process start to exit
     * @param cpuNanos     CPU time (user + system) of the kcat process, or -1 if unknown
     */
    record Outcome(long elapsedNanos, long cpuNanos) {
    }

    /**
     * Produces {@code records} values (and keys, when the options have them) to {@code topic}.
     * kcat runs under a {@code sh} that, once kcat has exited and been reaped, copies its own
     * {@code /proc/<pid>/stat}: the children's CPU fields there (cutime, cstime) are kcat's CPU.
     *
     * @throws IllegalStateException if kcat fails
     */
    static Outcome produce(String kcat, BenchmarkOptions options, String bootstrapServers, String topic, long records,
                        byte[] key, byte[] value, java.nio.file.Path trustedCa) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(kcat, "-P", "-b", bootstrapServers, "-t", topic,
                "-X", "acks=" + options.acks(),
                "-X", "linger.ms=" + options.lingerMs(),
                "-X", "batch.size=" + options.batchSize(),
                "-X", "queue.buffering.max.kbytes=" + Math.max(1, options.bufferMemory() / 1024),
                // librdkafka also caps queued messages (100 000 by default, 10 MB of 100-byte values);
                // the Java clients are bounded by bytes only.
                "-X", "queue.buffering.max.messages=" + 10_000_000,
                "-X", "max.in.flight=" + options.maxInFlight(),
                "-X", "compression.codec=" + options.compression()));
        // --idempotence on/off applies to every client; by default librdkafka keeps its own (off).
        Boolean idempotence = options.idempotenceSetting();
        if (idempotence != null) {
            command.addAll(List.of("-X", "enable.idempotence=" + idempotence));
        }
        if (trustedCa != null) {
            command.addAll(List.of("-X", "security.protocol=ssl", "-X", "ssl.ca.location=" + trustedCa));
        }
        if (key != null) {
            command.addAll(List.of("-K", "\t"));
        }
        byte[] block = block(key, value);
        Path statFile;
        try {
            statFile = Files.createTempFile("kcat-", ".stat");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c",
                "f=$1; shift; \"$@\"; rc=$?; cat /proc/$$/stat > \"$f\"; exit $rc", "sh", statFile.toString()));
        wrapped.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(wrapped).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Path stderr;
        try {
            stderr = Files.createTempFile("kcat-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        builder.redirectError(stderr.toFile());
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + kcat, e);
        }
        try (OutputStream in = new BufferedOutputStream(process.getOutputStream(), 1 << 16)) {
            long lineLength = block.length / LINES_PER_BLOCK;
            long left = records;
            while (left >= LINES_PER_BLOCK) {
                in.write(block);
                left -= LINES_PER_BLOCK;
            }
            in.write(block, 0, (int) (left * lineLength));
        } catch (IOException e) {
            process.destroyForcibly();
            throw new IllegalStateException("kcat stopped reading its input: " + tail(stderr), e);
        }
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("kcat did not finish within 10 minutes");
        }
        long elapsed = System.nanoTime() - start;
        if (process.exitValue() != 0) {
            throw new IllegalStateException("kcat exited with " + process.exitValue() + ": " + tail(stderr));
        }
        long cpu = -1;
        try {
            cpu = childrenCpuNanos(Files.readString(statFile, StandardCharsets.US_ASCII));
            Files.deleteIfExists(stderr);
            Files.deleteIfExists(statFile);
        } catch (IOException | RuntimeException ignored) {
            // Unknown CPU is reported as n/a; a leftover temp file is harmless.
        }
        return new Outcome(elapsed, cpu);
    }

    /** cutime + cstime (fields 16 and 17) of a {@code /proc/<pid>/stat} line, in nanoseconds. */
    static long childrenCpuNanos(String stat) {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        long ticks = Long.parseLong(fields[16 - 3]) + Long.parseLong(fields[17 - 3]);
        return ticks * (1_000_000_000L / CLOCK_TICKS);
    }

    /** utime + stime (fields 14 and 15) of a {@code /proc/<pid>/stat} line, in nanoseconds. */
    static long ownCpuNanos(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
        return ticks * (1_000_000_000L / CLOCK_TICKS);
    }

    private static byte[] block(byte[] key, byte[] value) {
        int line = (key == null ? 0 : key.length + 1) + value.length + 1;
        byte[] block = new byte[line * LINES_PER_BLOCK];
        for (int i = 0; i < LINES_PER_BLOCK; i++) {
            int at = i * line;
            if (key != null) {
                System.arraycopy(key, 0, block, at, key.length);
                at += key.length;
                block[at++] = '\t';
            }
            System.arraycopy(value, 0, block, at, value.length);
            block[at + value.length] = '\n';
        }
        return block;
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no output)";
        }
    }
}
