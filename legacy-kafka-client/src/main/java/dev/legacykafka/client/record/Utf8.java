package dev.legacykafka.client.record;

import java.nio.ByteBuffer;

/**
 * UTF-8 length and encoding of header keys straight into the batch buffer, so a header key is
 * neither encoded twice (once to size the record, once to write it) nor copied through a byte[].
 *
 * <p>Output equals {@code String.getBytes(UTF_8)}, including '?' for an unpaired surrogate.
 */
final class Utf8 {

    private Utf8() {
    }

    static int encodedLength(String s) {
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
                bytes += 2; // two chars become four bytes
                i++;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            }
            // an unpaired surrogate becomes the one byte '?'
        }
        return bytes;
    }

    static void write(String s, ByteBuffer out) {
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xc0 | (c >> 6)));
                out.put((byte) (0x80 | (c & 0x3f)));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.put((byte) (0xf0 | (cp >> 18)));
                out.put((byte) (0x80 | ((cp >> 12) & 0x3f)));
                out.put((byte) (0x80 | ((cp >> 6) & 0x3f)));
                out.put((byte) (0x80 | (cp & 0x3f)));
            } else if (Character.isSurrogate(c)) {
                out.put((byte) '?');
            } else {
                out.put((byte) (0xe0 | (c >> 12)));
                out.put((byte) (0x80 | ((c >> 6) & 0x3f)));
                out.put((byte) (0x80 | (c & 0x3f)));
            }
        }
    }
}
