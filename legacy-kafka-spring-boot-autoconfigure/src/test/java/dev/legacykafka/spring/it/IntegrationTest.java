package dev.legacykafka.spring.it;

/**
 * The JUnit tag of tests that need real brokers or Docker: Failsafe runs only these, Surefire
 * never does, whatever {@code -Dtest}/{@code -Dit.test} filters say.
 */
final class IntegrationTest {

    static final String TAG = "integration";

    private IntegrationTest() {
    }
}
