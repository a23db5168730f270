package dev.legacykafka.test;

import dev.legacykafka.test.security.BrokerSecurity;
import dev.legacykafka.test.security.ListenerSecurity;
import dev.legacykafka.test.security.SaslMechanism;
import dev.legacykafka.test.security.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A shared broker as tests see it: everything but the lifecycle, which belongs to the registry
 * (one test stopping it would break the others).
 */
final class SharedKafkaBroker implements KafkaBroker {

    private final KafkaBroker delegate;

    SharedKafkaBroker(KafkaBroker delegate) {
        this.delegate = delegate;
    }

    @Override
    public KafkaVersion version() {
        return delegate.version();
    }

    @Override
    public String host() {
        return delegate.host();
    }

    @Override
    public int port() {
        return delegate.port();
    }

    @Override
    public int port(ListenerSecurity listener) {
        return delegate.port(listener);
    }

    @Override
    public BrokerSecurity security() {
        return delegate.security();
    }

    @Override
    public TestCertificates certificates() {
        return delegate.certificates();
    }

    @Override
    public void createScramUser(SaslMechanism mechanism, String user, String password) {
        delegate.createScramUser(mechanism, user, password);
    }

    @Override
    public Optional<String> zookeeperConnect() {
        return delegate.zookeeperConnect();
    }

    @Override
    public void createTopic(String name, int partitions, Map<String, String> topicConfigs) {
        delegate.createTopic(name, partitions, topicConfigs);
    }

    @Override
    public void setClientQuota(String clientId, Map<String, String> quotas) {
        delegate.setClientQuota(clientId, quotas);
    }

    @Override
    public ToolResult runTool(String mainClass, List<String> args, Duration timeout) {
        return delegate.runTool(mainClass, args, timeout);
    }

    @Override
    public Optional<Path> logDirectory() {
        return delegate.logDirectory();
    }

    @Override
    public String logTail(int lines) {
        return delegate.logTail(lines);
    }

    @Override
    public boolean isRunning() {
        return delegate.isRunning();
    }

    @Override
    public void start() {
        throw refused("start");
    }

    @Override
    public void stop() {
        throw refused("stop");
    }

    @Override
    public void restart() {
        throw refused("restart");
    }

    @Override
    public void kill() {
        throw refused("kill");
    }

    /** Does nothing: the registry stops shared brokers at JVM exit. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "shared " + delegate;
    }

    private UnsupportedOperationException refused(String operation) {
        return new UnsupportedOperationException("Cannot " + operation + " the shared " + delegate
                + "; use KafkaBrokers.dedicated(spec) for a broker of your own");
    }
}
