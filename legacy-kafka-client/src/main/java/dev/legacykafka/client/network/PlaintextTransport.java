package dev.legacykafka.client.network;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** Bytes straight to and from the socket. */
final class PlaintextTransport implements Transport {

    private final SocketChannel channel;

    PlaintextTransport(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public boolean handshake() {
        return true;
    }

    @Override
    public int handshakeInterestOps() {
        return SelectionKey.OP_READ;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return channel.write(src);
    }

    @Override
    public boolean flush() {
        return true;
    }

    @Override
    public boolean hasPendingOutput() {
        return false;
    }

    @Override
    public void close() {
        NetworkClient.closeQuietly(channel);
    }
}
