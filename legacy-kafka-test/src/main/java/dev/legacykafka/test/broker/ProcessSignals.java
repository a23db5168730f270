package dev.legacykafka.test.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Sends POSIX signals to child processes with {@code kill}, for pausing (SIGSTOP) and resuming (SIGCONT) them. */
final class ProcessSignals {

    private ProcessSignals() {
    }

    /**
     * Sends a signal and waits for {@code kill} to finish.
     *
     * @param pid the process
     * @param name the signal without {@code SIG}, e.g. {@code STOP} or {@code CONT}
     * @param what how to name the process in errors
     * @throws IllegalStateException if {@code kill} fails
     */
    static void send(long pid, String name, Object what) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not send SIG" + name + " to " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted sending SIG" + name + " to " + what, e);
        }
    }
}
