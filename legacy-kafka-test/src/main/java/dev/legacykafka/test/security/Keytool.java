package dev.legacykafka.test.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the JDK's own {@code keytool}, which creates keys, signing requests and signed certificates. */
final class Keytool {

    private static final String KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    // keytool is a short-lived JVM: C1 only and no perf data start it in about a third of the time.
    private static final List<String> FAST_START = List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
            "-J-XX:-UsePerfData", "-J-Xshare:auto", "-J-Duser.language=en");
    private static final long TIMEOUT_SECONDS = 60;

    private Keytool() {
    }

    /**
     * Runs keytool with the given arguments.
     *
     * @throws IllegalStateException with keytool's output if it fails or hangs
     */
    static void run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(KEYTOOL);
        command.addAll(FAST_START);
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close(); // keytool must never wait for an answer on stdin
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed (exit " + process.exitValue() + "): "
                        + String.join(" ", command) + "\n" + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + KEYTOOL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running keytool", e);
        }
    }
}
