package dev.legacykafka.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        assumeTrue(DevRunProcess.canStart(), "perl and setsid are needed to start the sample as a terminal would");
        Path output = Path.of("target", "dev-run-shutdown-" + how + ".log");
        try (DevRunProcess run = DevRunProcess.start(output, Duration.ofSeconds(120), "--server.port=0",
                "--legacykafka.producer.close-timeout=" + CLOSE_TIMEOUT.toSeconds() + "s",
                // The generator logs the outcome of its keyless records at DEBUG, the close's failures among them.
                "--logging.level.dev.legacykafka.sample=DEBUG")) {
            // Once the broker throttles the generator (the dev run sets a quota below its rate), a round
            // is nearly always waiting for acknowledgements: the case that used to hold shutdown up.
            awaitThrottled(run.port(), Duration.ofSeconds(90));
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
                    .doesNotContain("still not acknowledged")
                    // Closed while the broker still answered: nothing was left for the close to fail.
                    .doesNotContain("closed before the record was acknowledged");
        }
    }

    private static void awaitThrottled(int port, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/metrics/legacykafka.producer.throttle.time")).build();
        Pattern max = Pattern.compile("\"statistic\":\"MAX\",\"value\":([0-9.E-]+)");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher found = max.matcher(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            if (found.find() && Double.parseDouble(found.group(1)) > 0) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("The broker did not throttle the generator within " + timeout);
    }
}
