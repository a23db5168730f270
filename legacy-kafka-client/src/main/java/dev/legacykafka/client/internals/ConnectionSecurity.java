package dev.legacykafka.client.internals;

import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.network.TransportFactory;
import dev.legacykafka.client.security.SaslMechanism;
import dev.legacykafka.client.security.SecurityProtocol;
import dev.legacykafka.client.security.SslContextFactory;
import dev.legacykafka.client.security.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the producer's security settings into the transports of its connections, warning about weak choices. */
final class ConnectionSecurity {

    private static final Logger log = LoggerFactory.getLogger(ConnectionSecurity.class);

    private ConnectionSecurity() {
    }

    /**
     * Plain TCP, or TLS with a context built from the settings.
     *
     * @throws dev.legacykafka.client.errors.ConfigException if trust or key material cannot be loaded
     */
    static TransportFactory transports(ProducerConfig config) {
        SecurityProtocol protocol = config.securityProtocol();
        if (config.sasl() != null && config.sasl().mechanism() == SaslMechanism.PLAIN && !protocol.usesTls()) {
            log.warn("Producer {} sends its SASL PLAIN password unencrypted (security.protocol={}); use SASL_SSL, or SCRAM",
                    config.clientId(), protocol);
        }
        if (!protocol.usesTls()) {
            return TransportFactory.plaintext();
        }
        TlsSettings tls = config.tls();
        if (!tls.hostnameVerification()) {
            log.warn("Producer {} does not verify that broker certificates name the broker's host "
                    + "(hostname verification is off): any holder of a trusted certificate can pose as a broker",
                    config.clientId());
        }
        return TransportFactory.tls(SslContextFactory.create(tls), tls.hostnameVerification(), tls.protocols(),
                tls.cipherSuites());
    }
}
