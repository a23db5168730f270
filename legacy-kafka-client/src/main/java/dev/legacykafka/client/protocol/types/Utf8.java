package dev.legacykafka.client.protocol.types;

import java.nio.ByteBuffer;

/**
 * UTF-8 length and encoding of strings without allocating a byte array.
 *
 * <p>Topic names and ids are written on every Produce request; measuring and then writing them
 * through {@code String.getBytes} would allocate twice per topic. The output is identical to
 * {@code s.getBytes(StandardCharsets.UTF_8)}, including the {@code '?'} that the JDK writes for an
 * unpaired surrogate, so the length a request announces always matches the bytes it carries.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** Number of bytes {@link #encode} writes for {@code s}. */
    public static int encodedLength(String s) {
        int length = s.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                // Two chars become four bytes.
                bytes += 2;
                i++;
            } else if (Character.isSurrogate(c)) {
                // Unpaired surrogate: the JDK encoder substitutes '?' (one byte).
                continue;
            } else {
                bytes += 2;
            }
        }
        return bytes;
    }

    /** Writes {@code s} as UTF-8 at the buffer's position; the caller has checked there is room. */
    public static void encode(String s, ByteBuffer out) {
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | (c >> 6)));
                out.put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.put((byte) (0xF0 | (cp >> 18)));
                out.put((byte) (0x80 | ((cp >> 12) & 0x3F)));
                out.put((byte) (0x80 | ((cp >> 6) & 0x3F)));
                out.put((byte) (0x80 | (cp & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                out.put((byte) '?');
            } else {
                out.put((byte) (0xE0 | (c >> 12)));
                out.put((byte) (0x80 | ((c >> 6) & 0x3F)));
                out.put((byte) (0x80 | (c & 0x3F)));
            }
        }
    }
}
