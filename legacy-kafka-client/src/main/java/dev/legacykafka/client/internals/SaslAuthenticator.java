package dev.legacykafka.client.internals;

import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.errors.AuthenticationException;
import dev.legacykafka.client.errors.LegacyKafkaException;
import dev.legacykafka.client.errors.NetworkException;
import dev.legacykafka.client.network.BrokerConnection;
import dev.legacykafka.client.network.NetworkClient;
import dev.legacykafka.client.network.ResponseHandler;
import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.ResponseFrame;
import dev.legacykafka.client.protocol.message.SaslAuthenticateRequest;
import dev.legacykafka.client.protocol.message.SaslAuthenticateResponse;
import dev.legacykafka.client.protocol.message.SaslHandshakeRequest;
import dev.legacykafka.client.protocol.message.SaslHandshakeResponse;
import dev.legacykafka.client.security.SaslMechanismClient;
import dev.legacykafka.client.security.SaslSettings;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates one connection with SASL after its ApiVersions exchange: SaslHandshake names the
 * mechanism, then the mechanism's tokens travel in SaslAuthenticate requests (SaslHandshake v1,
 * Kafka 1.0+) or bare with a size prefix (SaslHandshake v0, Kafka 0.10).
 */
final class SaslAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(SaslAuthenticator.class);

    /** What to do when the connection is authenticated: the session lifetime the broker gave (0 = none). */
    interface Success {
        void authenticated(long sessionLifetimeMs, long nowMs);
    }

    private final ProducerConfig config;
    private final SaslSettings sasl;
    private final NetworkClient network;
    private final BrokerConnection connection;
    private final BrokerVersions versions;
    private final Success onSuccess;
    private final Consumer<AuthenticationException> onFailure;
    private final SaslMechanismClient mechanism;
    private short authenticateVersion = -1;
    private boolean failed;

    SaslAuthenticator(ProducerConfig config, NetworkClient network, BrokerConnection connection, BrokerVersions versions,
                      Success onSuccess, Consumer<AuthenticationException> onFailure) {
        this.config = config;
        this.sasl = config.sasl();
        this.network = network;
        this.connection = connection;
        this.versions = versions;
        this.onSuccess = onSuccess;
        this.onFailure = onFailure;
        this.mechanism = SaslMechanismClient.create(sasl);
    }

    void start(long nowMs) {
        if (versions.fromFallback() || !versions.supports(ApiKey.SASL_HANDSHAKE.id())) {
            fail("broker " + connection.node() + " has no SaslHandshake (Kafka 0.9 or older): SASL " + sasl.mechanism()
                    + " needs Kafka 0.10 or newer");
            return;
        }
        short handshakeVersion = (short) Math.min(1, versions.max(ApiKey.SASL_HANDSHAKE.id()));
        SaslHandshakeRequest request = new SaslHandshakeRequest(sasl.mechanism().mechanismName());
        network.sendHandshake(connection, ApiKey.SASL_HANDSHAKE.id(), handshakeVersion,
                RequestEncoders.of(request, handshakeVersion, config.clientId()),
                new Handler() {
                    @Override
                    public void onResponse(ByteBuffer payload, long now) {
                        onHandshake(ResponseFrame.read(payload, ApiKey.SASL_HANDSHAKE, handshakeVersion,
                                ResponseFrame.peekCorrelationId(payload), SaslHandshakeResponse::read), handshakeVersion, now);
                    }
                }, config.requestTimeoutMs(), nowMs);
    }

    private void onHandshake(SaslHandshakeResponse response, short handshakeVersion, long nowMs) {
        ErrorCode error = response.error();
        if (error.equals(ErrorCode.UNSUPPORTED_SASL_MECHANISM)) {
            fail("broker " + connection.node() + " does not enable SASL mechanism " + sasl.mechanism()
                    + "; it enables " + response.mechanisms());
            return;
        }
        if (error.isError()) {
            fail("broker " + connection.node() + " answered SaslHandshake with " + error.name()
                    + (error.equals(ErrorCode.ILLEGAL_SASL_STATE)
                    ? " (listeners without SASL answer so: is this a SASL_PLAINTEXT or SASL_SSL listener?)" : ""));
            return;
        }
        if (handshakeVersion >= 1 && versions.supports(ApiKey.SASL_AUTHENTICATE.id())) {
            authenticateVersion = (short) versions.usable(ApiKey.SASL_AUTHENTICATE.id(), 0,
                    ApiKey.SASL_AUTHENTICATE.maxVersion());
        }
        sendToken(mechanism.initialResponse(), nowMs);
    }

    private void sendToken(byte[] token, long nowMs) {
        if (authenticateVersion < 0) {
            network.sendRawHandshakeToken(connection, token, new Handler() {
                @Override
                public void onResponse(ByteBuffer serverToken, long now) {
                    byte[] bytes = new byte[serverToken.remaining()];
                    serverToken.get(bytes);
                    onServerToken(bytes, 0, now);
                }
            }, config.requestTimeoutMs(), nowMs);
            return;
        }
        short version = authenticateVersion;
        SaslAuthenticateRequest request = new SaslAuthenticateRequest(token);
        network.sendHandshake(connection, ApiKey.SASL_AUTHENTICATE.id(), version,
                RequestEncoders.of(request, version, config.clientId()),
                new Handler() {
                    @Override
                    public void onResponse(ByteBuffer payload, long now) {
                        SaslAuthenticateResponse response = ResponseFrame.read(payload, ApiKey.SASL_AUTHENTICATE, version,
                                ResponseFrame.peekCorrelationId(payload), SaslAuthenticateResponse::read);
                        if (response.error().isError()) {
                            fail("broker " + connection.node() + " refused SASL " + sasl.mechanism() + " for user '"
                                    + sasl.username() + "': " + (response.errorMessage() != null ? response.errorMessage()
                                    : response.error().name()));
                            return;
                        }
                        onServerToken(response.authBytes(), response.sessionLifetimeMs(), now);
                    }
                }, config.requestTimeoutMs(), nowMs);
    }

    private void onServerToken(byte[] serverToken, long sessionLifetimeMs, long nowMs) {
        byte[] next;
        try {
            next = mechanism.evaluate(serverToken);
        } catch (AuthenticationException e) {
            fail("SASL " + sasl.mechanism() + " with broker " + connection.node() + " failed: " + e.getMessage());
            return;
        }
        if (next != null) {
            sendToken(next, nowMs);
        } else if (mechanism.isComplete()) {
            log.debug("Authenticated to broker {} as '{}' with SASL {}", connection.node(), sasl.username(), sasl.mechanism());
            onSuccess.authenticated(sessionLifetimeMs, nowMs);
        } else {
            fail("SASL " + sasl.mechanism() + " with broker " + connection.node() + " ended before it completed");
        }
    }

    private void fail(String message) {
        AuthenticationException cause = new AuthenticationException("Authentication failed: " + message);
        report(cause);
        network.disconnect(connection.node().id(), cause, NetworkClient.nowMs());
    }

    private void report(AuthenticationException cause) {
        if (!failed) {
            failed = true;
            onFailure.accept(cause);
        }
    }

    /** Failures of the connection itself during the exchange. */
    private abstract class Handler implements ResponseHandler {
        @Override
        public void onFailure(LegacyKafkaException cause, long nowMs) {
            if (cause instanceof AuthenticationException authentication) {
                report(authentication);
            } else if (cause instanceof NetworkException && authenticateVersion < 0 && cause.getMessage() != null
                    && cause.getMessage().contains("closed the connection")) {
                // Kafka 0.10 (bare tokens) gives no reason: it closes the connection on wrong credentials.
                report(new AuthenticationException("Authentication failed: broker " + connection.node()
                        + " closed the connection during SASL " + sasl.mechanism() + " for user '" + sasl.username()
                        + "' (wrong user name or password, or mechanism not enabled; brokers before 1.0 give no reason)"));
            }
        }
    }
}
