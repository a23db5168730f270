package dev.legacykafka.test.cluster;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** kcat (librdkafka) against a cluster's proxies: produce with acks=all, and a reader running in the background. */
final class ClusterKcat {

    private static final String KCAT = System.getProperty("legacykafka.kcat", "/usr/bin/kcat");

    private ClusterKcat() {
    }

    /** Values {@code prefix-from} to {@code prefix-(to-1)}. */
    static List<String> values(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + "-" + i).collect(Collectors.toList());
    }

    /** Produces one record per value to the partition with acks=all, failing if any is not acknowledged. */
    static void produce(String bootstrap, String topic, int partition, List<String> values) {
        List<String> command = List.of(KCAT, "-b", bootstrap, "-P", "-t", topic, "-p", Integer.toString(partition),
                "-X", "acks=all", "-X", "message.timeout.ms=30000", "-X", "enable.idempotence=false");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write((String.join("\n", values) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread pump = pump(process.getInputStream(), out);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kcat producer timed out: " + command);
            }
            pump.join(5_000);
            String output = out.toString(StandardCharsets.UTF_8);
            // kcat reports each undelivered record ("Delivery failed"); errors about a bootstrap broker
            // that is down are only informational.
            if (process.exitValue() != 0 || output.contains("Delivery failed")) {
                throw new IllegalStateException("kcat producer failed (" + process.exitValue() + "): " + command + "\n"
                        + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A kcat consumer reading one partition from the beginning until it has {@code count} records; unbuffered (-u), so values arrive as read. */
    static Reader startReader(String bootstrap, String topic, int partition, int count) {
        List<String> command = List.of(KCAT, "-b", bootstrap, "-C", "-t", topic, "-p", Integer.toString(partition),
                "-o", "beginning", "-c", Integer.toString(count), "-u", "-f", "%s\\n");
        try {
            return new Reader(new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A running kcat consumer; its values and its stderr are collected as they come. */
    static final class Reader implements AutoCloseable {

        private final Process process;
        private final List<String> values = new CopyOnWriteArrayList<>();
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        private final Thread outPump;

        Reader(Process process) {
            this.process = process;
            this.outPump = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        values.add(line);
                    }
                } catch (IOException e) {
                    // process ended
                }
            }, "kcat-reader");
            outPump.setDaemon(true);
            outPump.start();
            pump(process.getErrorStream(), stderr);
        }

        int count() {
            return values.size();
        }

        /** Waits until kcat has read its count and exited; returns the values. */
        List<String> await(long timeoutSeconds) throws InterruptedException {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("kcat reader still running after " + timeoutSeconds + " s with "
                        + values.size() + " values; stderr:\n" + stderr());
            }
            outPump.join(5_000);
            return new ArrayList<>(values);
        }

        String stderr() {
            synchronized (stderr) {
                return stderr.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (sink) {
                        sink.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        }, "kcat-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
