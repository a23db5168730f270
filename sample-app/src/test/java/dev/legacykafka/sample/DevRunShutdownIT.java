package dev.legacykafka.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ctrl-C and SIGTERM on the development run while traffic flows: the generator stops and the
 * producer closes while the embedded broker still answers, so the application exits within the
 * producer's close timeout instead of waiting ~30 s for acknowledgements from a broker already gone.
 */
@Timeout(240)
class DevRunShutdownIT {

    /** The starter's default, given explicitly because the bound below is measured against it. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Context close, producer close and JVM exit on a busy 2-core machine. */
    private static final Duration EXIT_BOUND = CLOSE_TIMEOUT.plusSeconds(3);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Ctrl-C", "SIGTERM"})
    void exitsWithinTheProducersCloseTimeout(String how) throws Exception {
        assumeTrue(DevRunProcess.canStart(), "setsid is needed to run the sample in a process group of its own");
        Path output = Path.of("target", "dev-run-shutdown-" + how + ".log");
        try (DevRunProcess run = DevRunProcess.start(output, Duration.ofSeconds(120), "--server.port=0",
                "--legacykafka.producer.close-timeout=" + CLOSE_TIMEOUT.toSeconds() + "s")) {
            Thread.sleep(3_000); // a few generator rounds, the last one waiting for its (throttled) acknowledgements
            if (how.equals("Ctrl-C")) {
                run.pressCtrlC();
            } else {
                run.terminate();
            }
            Duration exit = run.awaitExit(Duration.ofSeconds(90));
            System.out.printf("dev run exited %s after %s%n", how, exit);

            assertThat(exit).as("exit after %s (null: not within 90 s); output in %s", how, output).isNotNull()
                    .isLessThanOrEqualTo(EXIT_BOUND);
            assertThat(run.output()).contains("Closing legacy-kafka producer")
                    .doesNotContain("still not acknowledged");
        }
    }
}
