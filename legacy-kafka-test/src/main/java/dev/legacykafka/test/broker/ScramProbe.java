package dev.legacykafka.test.broker;

import dev.legacykafka.test.security.SaslMechanism;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Logs in with SCRAM on a SASL_PLAINTEXT or SASL_SSL listener, to tell when credentials just
 * written by the config tool have reached the broker. Like {@link MetadataProbe} it needs nothing
 * but the JDK, so it works with every broker release:
 *
 * <ul>
 *   <li>from 1.0 on (the broker lists SaslAuthenticate): SaslHandshake v1, then the SCRAM messages
 *       inside SaslAuthenticate requests;
 *   <li>before (0.10.x): SaslHandshake v0, then the SCRAM messages as bare size-prefixed frames; a
 *       broker refusing the login closes the connection.
 * </ul>
 */
final class ScramProbe {

    private static final short SASL_HANDSHAKE = 17;
    private static final short SASL_AUTHENTICATE = 36;
    private static final short UNSUPPORTED_SASL_MECHANISM = 33;

    private final String host;
    private final int port;
    private final SSLContext tls;
    private final int timeoutMillis;

    /**
     * @param tls the TLS context for a SASL_SSL listener, null for SASL_PLAINTEXT
     */
    ScramProbe(String host, int port, SSLContext tls, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Tries to log in once.
     *
     * @return null if the broker accepted the credentials, else why not
     * @throws IOException if the broker cannot be reached or answers in a way this probe does not understand
     */
    String authenticate(SaslMechanism mechanism, String user, String password) throws IOException {
        try (Socket socket = connect()) {
            KafkaWire.send(socket, KafkaWire.encodeApiVersionsRequest(1));
            Map<Short, short[]> apis = KafkaWire.decodeApiVersions(KafkaWire.receive(socket, 1));
            short[] authenticate = apis.get(SASL_AUTHENTICATE);
            boolean framedByKafka = authenticate != null;
            String refusal = handshake(socket, framedByKafka ? (short) 1 : (short) 0, mechanism);
            if (refusal != null) {
                return refusal;
            }
            short authenticateVersion = framedByKafka ? chooseAuthenticateVersion(authenticate) : -1;
            ScramClient scram = new ScramClient(mechanism, user, password, ScramClient.randomNonce());
            Exchange exchange = new Exchange(socket, authenticateVersion);
            String serverFirst = exchange.roundTrip(scram.clientFirstMessage());
            if (serverFirst == null) {
                return exchange.failure;
            }
            String serverFinal = exchange.roundTrip(scram.clientFinalMessage(serverFirst));
            if (serverFinal == null) {
                return exchange.failure;
            }
            return scram.acceptsServerFinal(serverFinal) ? null
                    : "server-final message without a valid signature: " + serverFinal;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Logs in until the broker accepts the credentials or the time is up.
     *
     * @return null once it accepted them, else the last reason it did not
     */
    String awaitAuthentication(SaslMechanism mechanism, String user, String password, long timeoutMillisTotal) {
        long deadline = System.nanoTime() + timeoutMillisTotal * 1_000_000;
        String last;
        do {
            try {
                last = authenticate(mechanism, user, password);
                if (last == null) {
                    return null;
                }
            } catch (IOException | RuntimeException e) {
                last = e.toString();
            }
            ZooKeeperServer.sleep(100);
        } while (System.nanoTime() < deadline);
        return last;
    }

    static short chooseAuthenticateVersion(short[] range) {
        // v0 and v1 differ only in v1's session lifetime; v2 is a flexible version this probe does not speak.
        for (short candidate : new short[] {1, 0}) {
            if (candidate >= range[0] && candidate <= range[1]) {
                return candidate;
            }
        }
        throw new IllegalStateException("Broker supports SaslAuthenticate v" + range[0] + "-v" + range[1]
                + ", neither v0 nor v1 this probe speaks");
    }

    private Socket connect() throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            if (tls == null) {
                return plain;
            }
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
            secure.startHandshake();
            return secure;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** @return null if the broker takes the mechanism, else why not */
    private static String handshake(Socket socket, short version, SaslMechanism mechanism) throws IOException {
        ByteBuffer request = ByteBuffer.allocate(128);
        KafkaWire.header(request, SASL_HANDSHAKE, version, 2);
        KafkaWire.putString(request, mechanism.mechanismName());
        KafkaWire.send(socket, KafkaWire.framed(request));
        ByteBuffer response = KafkaWire.receive(socket, 2);
        short error = response.getShort();
        List<String> enabled = new ArrayList<>();
        int count = response.getInt();
        for (int i = 0; i < count; i++) {
            enabled.add(KafkaWire.getString(response));
        }
        if (error == UNSUPPORTED_SASL_MECHANISM) {
            return "the listener does not enable " + mechanism + ", only " + enabled;
        }
        if (error != 0) {
            return "SaslHandshake failed with error " + error;
        }
        return null;
    }

    /** Carries SCRAM messages in SaslAuthenticate requests, or as bare frames before Kafka 1.0. */
    private static final class Exchange {

        private final Socket socket;
        private final short authenticateVersion;
        private int correlationId = 3;
        private String failure;

        Exchange(Socket socket, short authenticateVersion) {
            this.socket = socket;
            this.authenticateVersion = authenticateVersion;
        }

        /** @return the broker's answer, or null with {@link #failure} set if it refused */
        String roundTrip(String message) throws IOException {
            byte[] token = message.getBytes(StandardCharsets.UTF_8);
            if (authenticateVersion < 0) {
                KafkaWire.sendFrame(socket, token);
                try {
                    return new String(KafkaWire.receiveFrame(socket), StandardCharsets.UTF_8);
                } catch (EOFException e) {
                    failure = "the broker closed the connection: authentication failed";
                    return null;
                }
            }
            int id = correlationId++;
            ByteBuffer request = ByteBuffer.allocate(64 + token.length);
            KafkaWire.header(request, SASL_AUTHENTICATE, authenticateVersion, id);
            request.putInt(token.length).put(token);
            KafkaWire.send(socket, KafkaWire.framed(request));
            ByteBuffer response = KafkaWire.receive(socket, id);
            short error = response.getShort();
            String errorMessage = KafkaWire.getString(response);
            if (error != 0) {
                failure = "SaslAuthenticate failed with error " + error + ": " + errorMessage;
                return null;
            }
            byte[] answer = new byte[response.getInt()];
            response.get(answer);
            return new String(answer, StandardCharsets.UTF_8);
        }
    }
}
