package dev.legacykafka.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The development run ({@link TestSampleApplication}: the sample on its own embedded broker, traffic
 * flowing) in a child JVM of its own process group, as a terminal runs it: so a test can press
 * Ctrl-C (SIGINT to the whole group, broker included) or send SIGTERM, and time the exit.
 */
final class DevRunProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private DevRunProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts the dev run and returns once the application has started.
     *
     * @param output where the child's stdout and stderr go
     * @param args Spring Boot arguments, e.g. {@code --server.port=0}
     */
    static DevRunProcess start(Path output, Duration startTimeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        // A JVM that starts with SIGINT ignored (as children of background shells do) never reacts to
        // Ctrl-C: perl puts SIGINT back to its default first. Then setsid: a process group of its
        // own, like a shell job, which Ctrl-C signals as a whole.
        command.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die", "setsid"));
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TestSampleApplication.class.getName());
        command.addAll(List.of(args));
        Files.createDirectories(output.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        DevRunProcess run = new DevRunProcess(process, output);
        try {
            run.awaitOutput("Started TestSampleApplication", startTimeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            run.close(); // the caller gets no handle to close: the application and its broker must not outlive the test
            throw e;
        }
        return run;
    }

    /** Whether {@code perl} and {@code setsid} are there to start the child as a terminal would. */
    static boolean canStart() {
        try {
            return new ProcessBuilder("perl", "-e", "exec @ARGV or die", "setsid", "--version")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ctrl-C in a terminal: SIGINT to the application and the brokers it started. */
    void pressCtrlC() throws IOException, InterruptedException {
        signal("-INT", "-" + process.pid());
    }

    /** SIGTERM to the application alone, as a service manager stops it. */
    void terminate() throws IOException, InterruptedException {
        signal("-TERM", Long.toString(process.pid()));
    }

    /** Waits for the application to exit; returns how long it took, or null if it did not within the bound. */
    Duration awaitExit(Duration bound) throws InterruptedException {
        long start = System.nanoTime();
        boolean exited = process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        return exited ? Duration.ofNanos(System.nanoTime() - start) : null;
    }

    /** Everything the application printed so far. */
    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** The HTTP port the application listens on (it is started with {@code --server.port=0}). */
    int port() throws IOException {
        Matcher started = Pattern.compile("Tomcat started on port (\\d+)").matcher(output());
        if (!started.find()) {
            throw new IllegalStateException("No 'Tomcat started on port' in " + output);
        }
        return Integer.parseInt(started.group(1));
    }

    /** Waits until the application has printed {@code text}. */
    void awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The dev run exited with " + process.exitValue() + " before printing '"
                        + text + "'; see " + output);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The dev run did not print '" + text + "' within " + timeout + "; see " + output);
            }
            Thread.sleep(100);
        }
    }

    private static void signal(String signal, String target) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, "--", target).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill " + signal + " " + target + " failed");
        }
    }

    /**
     * Kills whatever is left of the application's process group; its brokers, in sessions of their
     * own, halt when it is gone.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
