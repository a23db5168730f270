package dev.legacykafka.client.network;

import java.nio.channels.SocketChannel;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** Creates the {@link Transport} of each new connection: plain TCP or TLS. */
public abstract class TransportFactory {

    private TransportFactory() {
    }

    abstract Transport create(SocketChannel channel, BrokerNode node);

    /** Plain TCP. */
    public static TransportFactory plaintext() {
        return Plaintext.INSTANCE;
    }

    /**
     * TLS with engines from {@code context}.
     *
     * @param hostnameVerification whether the broker's certificate must name the host connected to
     * @param protocols            TLS versions to enable, empty for the context's defaults
     * @param cipherSuites         cipher suites to enable, empty for the context's defaults
     */
    public static TransportFactory tls(SSLContext context, boolean hostnameVerification, List<String> protocols,
                                       List<String> cipherSuites) {
        return new Tls(context, hostnameVerification, List.copyOf(protocols), List.copyOf(cipherSuites));
    }

    private static final class Plaintext extends TransportFactory {
        static final Plaintext INSTANCE = new Plaintext();

        @Override
        Transport create(SocketChannel channel, BrokerNode node) {
            return new PlaintextTransport(channel);
        }
    }

    private static final class Tls extends TransportFactory {
        private final SSLContext context;
        private final boolean hostnameVerification;
        private final List<String> protocols;
        private final List<String> cipherSuites;

        Tls(SSLContext context, boolean hostnameVerification, List<String> protocols, List<String> cipherSuites) {
            this.context = context;
            this.hostnameVerification = hostnameVerification;
            this.protocols = protocols;
            this.cipherSuites = cipherSuites;
        }

        @Override
        Transport create(SocketChannel channel, BrokerNode node) {
            // The host and port name the session (for resumption) and, with verification on, the identity to check.
            SSLEngine engine = context.createSSLEngine(node.host(), node.port());
            engine.setUseClientMode(true);
            SSLParameters parameters = engine.getSSLParameters();
            if (hostnameVerification) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!protocols.isEmpty()) {
                parameters.setProtocols(protocols.toArray(String[]::new));
            }
            if (!cipherSuites.isEmpty()) {
                parameters.setCipherSuites(cipherSuites.toArray(String[]::new));
            }
            engine.setSSLParameters(parameters);
            return new TlsTransport(channel, engine);
        }
    }
}
