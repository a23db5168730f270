package dev.legacykafka.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
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

    @Test
    void sslBundleWithPlaintextIsReportedWithTheProtocolToChoose(CapturedOutput output) {
        assertThatThrownBy(() -> run("--legacykafka.security.ssl.bundle=kafka",
                "--spring.ssl.bundle.pem.kafka.truststore.certificate=classpath:tls/test-ca.pem")).isNotNull();
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Property: legacykafka.security.protocol")
                .contains("Value: 'PLAINTEXT'").contains("TLS settings are set (legacykafka.security.ssl.bundle)")
                .contains("set legacykafka.security.protocol to SSL or SASL_SSL");
    }

    @Test
    void unknownSslBundleIsReportedWithTheDefinedOnes(CapturedOutput output) {
        assertThatThrownBy(() -> run("--legacykafka.security.protocol=SSL", "--legacykafka.security.ssl.bundle=kafak",
                "--spring.ssl.bundle.pem.kafka.truststore.certificate=classpath:tls/test-ca.pem")).isNotNull();
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Property: legacykafka.security.ssl.bundle")
                .contains("Value: 'kafak'").contains("no SSL bundle is named 'kafak'")
                .contains("defined bundles: kafka");
    }

    @Test
    void saslWithoutAUserIsReportedWithoutThePassword(CapturedOutput output) {
        assertThatThrownBy(() -> run("--legacykafka.security.protocol=SASL_SSL",
                "--legacykafka.security.sasl.mechanism=SCRAM-SHA-512", "--legacykafka.security.sasl.password=s3cr3t-pa55"))
                .isNotNull();
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Property: legacykafka.security.sasl.username").contains("needs a user name")
                .doesNotContain("s3cr3t-pa55");
    }

    @Test
    void startupWithSaslNeverLogsThePassword(CapturedOutput output) {
        run("--legacykafka.bootstrap-servers=127.0.0.1:1", "--legacykafka.startup.timeout=1s",
                "--legacykafka.security.protocol=SASL_PLAINTEXT", "--legacykafka.security.sasl.mechanism=PLAIN",
                "--legacykafka.security.sasl.username=app", "--legacykafka.security.sasl.password=s3cr3t-pa55",
                "--debug");
        assertThat(output).contains("127.0.0.1:1").contains("SASL PLAIN password unencrypted")
                .doesNotContain("s3cr3t-pa55");
    }

    private static void run(String... args) {
        SpringApplication application = new SpringApplication(Config.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run(args).close();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({LegacyKafkaAutoConfiguration.class, SslAutoConfiguration.class})
    static class Config {
    }
}
