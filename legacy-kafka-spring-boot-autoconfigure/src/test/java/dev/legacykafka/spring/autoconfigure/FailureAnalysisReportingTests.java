package dev.legacykafka.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/** What a user sees on the console: Spring Boot's failure report with legacy-kafka's analysis. */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalysisReportingTests {

    @Test
    void invalidApiVersionIsReportedWithPropertyValueAndAllowedValues(CapturedOutput output) {
        assertThatThrownBy(() -> run("--legacykafka.api-version=14")).isNotNull();
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Property: legacykafka.api-version")
                .contains("Value: '14'").contains("allowed values are auto or 0..13")
                .contains("Update legacykafka.api-version");
    }

    @Test
    void transactionalIdWithAMessageSetVersionIsReportedWithWhatIsAllowed(CapturedOutput output) {
        assertThatThrownBy(() -> run("--legacykafka.transactional-id=orders-tx", "--legacykafka.api-version=2")).isNotNull();
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Property: legacykafka.transactional-id")
                .contains("Produce v3");
    }

    @Test
    void saslPasswordNeverReachesTheLog(CapturedOutput output) {
        assertThatThrownBy(() -> run("--legacykafka.security.sasl.password=s3cr3t-pa55")).isNotNull();
        assertThat(output).contains("APPLICATION FAILED TO START").contains("legacykafka.security.sasl.password")
                .doesNotContain("s3cr3t-pa55");
    }

    private static void run(String... args) {
        SpringApplication application = new SpringApplication(Config.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run(args).close();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(LegacyKafkaAutoConfiguration.class)
    static class Config {
    }
}
