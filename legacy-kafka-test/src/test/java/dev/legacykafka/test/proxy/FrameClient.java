package dev.legacykafka.test.proxy;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/** A blocking test client that writes Kafka request frames and reads response frames. */
final class FrameClient implements AutoCloseable {

    /** A response: its correlation id and the bytes after it. */
    record Response(int correlationId, byte[] body) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    FrameClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5_000);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        out = socket.getOutputStream();
    }

    /** A request frame: size, api key, version 0, correlation id, then body. */
    static byte[] request(int apiKey, int correlationId, byte[] body) {
        return ByteBuffer.allocate(4 + 8 + body.length)
                .putInt(8 + body.length)
                .putShort((short) apiKey)
                .putShort((short) 0)
                .putInt(correlationId)
                .put(body)
                .array();
    }

    void send(int apiKey, int correlationId, byte[] body) throws IOException {
        write(request(apiKey, correlationId, body));
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    Response read() throws IOException {
        int size = in.readInt();
        int correlationId = in.readInt();
        byte[] body = new byte[size - 4];
        in.readFully(body);
        return new Response(correlationId, body);
    }

    byte[] readRaw(int size) throws IOException {
        byte[] bytes = new byte[size];
        in.readFully(bytes);
        return bytes;
    }

    /** Fails unless the connection is closed (EOF or reset) within the timeout. */
    void expectClosed(Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        try {
            int b = in.read();
            if (b >= 0) {
                fail("expected the connection to be closed, but got a byte");
            }
        } catch (SocketTimeoutException e) {
            fail("connection still open after " + within);
        } catch (SocketException | EOFException e) {
            // reset: closed too
        }
    }

    /** Fails unless nothing arrives and the connection stays open for the given time. */
    void expectSilence(Duration during) throws IOException {
        socket.setSoTimeout((int) during.toMillis());
        try {
            int b = in.read();
            fail(b < 0 ? "connection closed, expected it open and silent" : "got a byte, expected silence");
        } catch (SocketTimeoutException e) {
            // silent and open
        } finally {
            socket.setSoTimeout(5_000);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
