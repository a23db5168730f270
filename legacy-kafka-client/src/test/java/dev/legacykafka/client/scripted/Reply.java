package dev.legacykafka.client.scripted;

import java.nio.ByteBuffer;

/** What the network does once a request was handled: send a frame (maybe late), send nothing, go silent, or close. */
record Reply(Kind kind, ByteBuffer frame, long delayMs) {

    enum Kind {
        /** Send {@code frame} after {@code delayMs}. */
        SEND,
        /** Nothing to send (acks=0); the next request may be processed. */
        NONE,
        /** Never answer again on this connection; later requests on it are lost too. */
        SILENCE,
        /** Close the connection now. */
        CLOSE
    }

    static Reply send(ByteBuffer frame, long delayMs) {
        return new Reply(Kind.SEND, frame, delayMs);
    }

    static Reply none() {
        return new Reply(Kind.NONE, null, 0);
    }

    static Reply silence() {
        return new Reply(Kind.SILENCE, null, 0);
    }

    static Reply close() {
        return new Reply(Kind.CLOSE, null, 0);
    }
}
