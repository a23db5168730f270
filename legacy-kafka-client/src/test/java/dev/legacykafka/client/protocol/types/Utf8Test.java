package dev.legacykafka.client.protocol.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"", "ascii", "é", "ü✓", "😀", "a😀b", "\uD800", "\uDC00x", "x\uD800", "\uD83D\uD83D\uDE00",
        "\u07ff\u0800\uffff"})
    void matchesStringGetBytes(String s) {
        assertEncodesLikeTheJdk(s);
    }

    @Test
    void matchesStringGetBytesForRandomChars() {
        Random random = new Random(3L);
        for (int n = 0; n < 2000; n++) {
            char[] chars = new char[random.nextInt(12)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) random.nextInt(Character.MAX_VALUE + 1);
            }
            assertEncodesLikeTheJdk(new String(chars));
        }
    }

    private static void assertEncodesLikeTheJdk(String s) {
        byte[] expected = s.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(expected.length + 8);

        Utf8.encode(s, out);

        assertThat(Utf8.encodedLength(s)).as("length of %s", s).isEqualTo(expected.length);
        assertThat(Arrays.copyOf(out.array(), out.position())).isEqualTo(expected);
    }
}
