package dev.legacykafka.client.protocol.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class VarintTest {

    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({
        "0, 00",
        "1, 02",
        "-1, 01",
        "63, 7e",
        "-64, 7f",
        "64, 8001",
        "300, d804",
        "2147483647, feffffff0f",
        "-2147483648, ffffffff0f",
    })
    void zigZagVarintMatchesKafkaBytes(int value, String hex) {
        ByteBuffer out = ByteBuffer.allocate(5);
        Varint.writeVarint(value, out);
        assertThat(HEX.formatHex(out.array(), 0, out.position())).isEqualTo(hex);
        assertThat(Varint.sizeOfVarint(value)).isEqualTo(hex.length() / 2);
        assertThat(Varint.readVarint(ByteBuffer.wrap(HEX.parseHex(hex)))).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 00",
        "1, 01",
        "127, 7f",
        "128, 8001",
        "16384, 808001",
        "-1, ffffffff0f",
    })
    void unsignedVarintMatchesKafkaBytes(int value, String hex) {
        ByteBuffer out = ByteBuffer.allocate(5);
        Varint.writeUnsignedVarint(value, out);
        assertThat(HEX.formatHex(out.array(), 0, out.position())).isEqualTo(hex);
        assertThat(Varint.sizeOfUnsignedVarint(value)).isEqualTo(hex.length() / 2);
        assertThat(Varint.readUnsignedVarint(ByteBuffer.wrap(HEX.parseHex(hex)))).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 00",
        "-1, 01",
        "1700000000000, 80a0abfef962",
        "9223372036854775807, feffffffffffffffff01",
        "-9223372036854775808, ffffffffffffffffff01",
    })
    void zigZagVarlongMatchesKafkaBytes(long value, String hex) {
        ByteBuffer out = ByteBuffer.allocate(10);
        Varint.writeVarlong(value, out);
        assertThat(HEX.formatHex(out.array(), 0, out.position())).isEqualTo(hex);
        assertThat(Varint.sizeOfVarlong(value)).isEqualTo(hex.length() / 2);
        assertThat(Varint.readVarlong(ByteBuffer.wrap(HEX.parseHex(hex)))).isEqualTo(value);
    }

    @Test
    void overlongVarintIsRejected() {
        assertThatThrownBy(() -> Varint.readUnsignedVarint(ByteBuffer.wrap(HEX.parseHex("ffffffffff01"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 bytes");
    }
}
