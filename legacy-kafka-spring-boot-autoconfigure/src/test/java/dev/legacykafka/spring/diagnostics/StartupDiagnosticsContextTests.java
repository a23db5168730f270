package dev.legacykafka.spring.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.spring.autoconfigure.LegacyKafkaAutoConfiguration;
import dev.legacykafka.spring.autoconfigure.LegacyKafkaFailureAnalyzers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The startup probe as part of a starting context, against a port where nothing listens. */
@ExtendWith(OutputCaptureExtension.class)
class StartupDiagnosticsContextTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LegacyKafkaAutoConfiguration.class))
            .withPropertyValues("legacykafka.bootstrap-servers=127.0.0.1:1", "legacykafka.startup.timeout=2s");

    @Test
    void unreachableBrokerLogsAWarningAndTheContextStarts(CapturedOutput output) {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).contains("WARN").contains("127.0.0.1:1 is unreachable")
                    .contains("The application starts anyway");
        });
    }

    @Test
    void unreachableBrokerFailsStartupWithFailFastAndAClearAnalysis() {
        runner.withPropertyValues("legacykafka.startup.fail-fast=true").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(LegacyKafkaStartupException.class);
            FailureAnalysis analysis = LegacyKafkaFailureAnalyzers.analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("fail-fast").contains("127.0.0.1:1 is unreachable");
            assertThat(analysis.getAction()).contains("legacykafka.bootstrap-servers")
                    .contains("legacykafka.startup.fail-fast=false");
        });
    }
}
