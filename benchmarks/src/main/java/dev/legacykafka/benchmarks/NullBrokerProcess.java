package dev.legacykafka.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@link NullBroker} in a JVM of its own (this JVM's classpath), so that the benchmark JVM's
 * CPU and allocation are the client's alone and the null broker's CPU can be read from
 * {@code /proc} like a real broker's. Topics are created and counted over its stdin and stdout.
 */
final class NullBrokerProcess implements AutoCloseable {

    private final Process process;
    private final PrintStream commands;
    private final BufferedReader answers;
    private final int port;

    NullBrokerProcess() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xms256m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), NullBroker.class.getName());
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the null broker", e);
        }
        commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = answer();
        if (!first.startsWith("port ")) {
            throw new IllegalStateException("The null broker said '" + first + "' instead of its port");
        }
        port = Integer.parseInt(first.substring(5).trim());
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    synchronized void createTopic(String topic, int partitions) {
        commands.println("create " + topic + " " + partitions);
        String answer = answer();
        if (!answer.equals("ok")) {
            throw new IllegalStateException("The null broker did not create " + topic + ": " + answer);
        }
    }

    synchronized long recordCount(String topic) {
        commands.println("count " + topic);
        return Long.parseLong(answer().trim());
    }

    private String answer() {
        try {
            String line = answers.readLine();
            if (line == null) {
                throw new IllegalStateException("The null broker exited");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        commands.println("quit");
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
