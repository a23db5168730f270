package dev.legacykafka.client.protocol.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ProtocolWriterTest {

    private static final HexFormat HEX = HexFormat.of();

    /** Writes with a growable writer and with a measuring one; both must agree on the size. */
    private static String hex(Consumer<ProtocolWriter> write) {
        ProtocolWriter out = new ProtocolWriter(0);
        write.accept(out);
        ProtocolWriter meter = ProtocolWriter.measuring();
        write.accept(meter);
        ByteBuffer bytes = out.toByteBuffer();
        assertThat(meter.size()).as("measured size").isEqualTo(bytes.remaining()).isEqualTo(out.size());
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        return HEX.formatHex(array);
    }

    @Test
    void fixedWidthIntegersAreBigEndian() {
        assertThat(hex(w -> w.writeInt8((byte) -2))).isEqualTo("fe");
        assertThat(hex(w -> w.writeInt16((short) 0x0102))).isEqualTo("0102");
        assertThat(hex(w -> w.writeInt16((short) -1))).isEqualTo("ffff");
        assertThat(hex(w -> w.writeInt32(0x01020304))).isEqualTo("01020304");
        assertThat(hex(w -> w.writeInt64(0x0102030405060708L))).isEqualTo("0102030405060708");
        assertThat(hex(w -> w.writeBoolean(true))).isEqualTo("01");
        assertThat(hex(w -> w.writeBoolean(false))).isEqualTo("00");
    }

    @Test
    void unsignedVarints() {
        assertThat(hex(w -> w.writeUnsignedVarint(0))).isEqualTo("00");
        assertThat(hex(w -> w.writeUnsignedVarint(127))).isEqualTo("7f");
        assertThat(hex(w -> w.writeUnsignedVarint(128))).isEqualTo("8001");
        assertThat(hex(w -> w.writeUnsignedVarint(300))).isEqualTo("ac02");
        assertThat(hex(w -> w.writeUnsignedVarint(-1))).isEqualTo("ffffffff0f");
    }

    @Test
    void uuidIsMostSignificantHalfFirst() {
        UUID id = new UUID(0x0102030405060708L, 0x090a0b0c0d0e0f10L);
        assertThat(hex(w -> w.writeUuid(id))).isEqualTo("0102030405060708090a0b0c0d0e0f10");
    }

    @Test
    void strings() {
        assertThat(hex(w -> w.writeString("ab"))).isEqualTo("00026162");
        assertThat(hex(w -> w.writeString(""))).isEqualTo("0000");
        assertThat(hex(w -> w.writeNullableString(null))).isEqualTo("ffff");
        assertThat(hex(w -> w.writeNullableString("x"))).isEqualTo("000178");
        assertThat(hex(w -> w.writeCompactString("ab"))).isEqualTo("036162");
        assertThat(hex(w -> w.writeCompactString(""))).isEqualTo("01");
        assertThat(hex(w -> w.writeCompactNullableString(null))).isEqualTo("00");
        assertThat(hex(w -> w.writeCompactNullableString("é"))).isEqualTo("03c3a9");
        assertThatThrownBy(() -> new ProtocolWriter(8).writeString(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ProtocolWriter(8).writeCompactString(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void compactStringLengthTakesTwoVarintBytesFrom127Bytes() {
        String s = "a".repeat(127);
        assertThat(hex(w -> w.writeCompactString(s))).startsWith("8001").hasSize(2 * (2 + 127));
        assertThat(ProtocolWriter.sizeOfCompactString(s)).isEqualTo(129);
        assertThat(ProtocolWriter.sizeOfCompactString(null)).isEqualTo(1);
        assertThat(ProtocolWriter.sizeOfString(s)).isEqualTo(129);
        assertThat(ProtocolWriter.sizeOfString(null)).isEqualTo(2);
    }

    @Test
    void stringTooLongForInt16LengthIsRefused() {
        String s = "a".repeat(Short.MAX_VALUE + 1);
        assertThatThrownBy(() -> new ProtocolWriter(0).writeString(s))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32768");
    }

    @Test
    void bytesFromArrays() {
        assertThat(hex(w -> w.writeBytes(new byte[] {1, 2}))).isEqualTo("000000020102");
        assertThat(hex(w -> w.writeNullableBytes((byte[]) null))).isEqualTo("ffffffff");
        assertThat(hex(w -> w.writeCompactBytes(new byte[] {1, 2}))).isEqualTo("030102");
        assertThat(hex(w -> w.writeCompactNullableBytes((byte[]) null))).isEqualTo("00");
        assertThat(hex(w -> w.writeCompactNullableBytes(new byte[0]))).isEqualTo("01");
    }

    @Test
    void bytesFromBufferSliceLeaveTheSourceUntouched() {
        ByteBuffer source = ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 9});
        source.position(1).limit(4);
        assertThat(hex(w -> w.writeNullableBytes(source))).isEqualTo("00000003010203");
        assertThat(hex(w -> w.writeCompactNullableBytes(source))).isEqualTo("04010203");
        assertThat(hex(w -> w.writeRaw(source))).isEqualTo("010203");
        assertThat(source.position()).isEqualTo(1);
        assertThat(source.limit()).isEqualTo(4);
        assertThat(hex(w -> w.writeNullableBytes((ByteBuffer) null))).isEqualTo("ffffffff");
        assertThat(hex(w -> w.writeCompactNullableBytes((ByteBuffer) null))).isEqualTo("00");
    }

    @Test
    void bytesFromDirectBuffer() {
        ByteBuffer source = ByteBuffer.allocateDirect(3).put(new byte[] {7, 8, 9}).flip();
        assertThat(hex(w -> w.writeCompactNullableBytes(source))).isEqualTo("04070809");
        assertThat(source.remaining()).isEqualTo(3);
    }

    @Test
    void arrayLengths() {
        assertThat(hex(w -> w.writeArrayLength(2))).isEqualTo("00000002");
        assertThat(hex(w -> w.writeNullableArrayLength(-1))).isEqualTo("ffffffff");
        assertThat(hex(w -> w.writeCompactArrayLength(0))).isEqualTo("01");
        assertThat(hex(w -> w.writeCompactArrayLength(2))).isEqualTo("03");
        assertThat(hex(w -> w.writeCompactNullableArrayLength(-1))).isEqualTo("00");
        assertThatThrownBy(() -> new ProtocolWriter(4).writeArrayLength(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProtocolWriter(4).writeCompactArrayLength(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProtocolWriter(4).writeNullableArrayLength(-2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void taggedFields() {
        assertThat(hex(ProtocolWriter::writeEmptyTaggedFields)).isEqualTo("00");
        assertThat(hex(w -> {
            w.writeTaggedFieldCount(2);
            w.writeTaggedField(0, f -> f.writeInt32(7));
            w.writeTaggedField(3, f -> f.writeCompactString("ab"));
        })).isEqualTo("02" + "00" + "04" + "00000007" + "03" + "03" + "036162");
    }

    @Test
    void taggedFieldThatWritesDifferentlyTheSecondTimeIsCaught() {
        int[] calls = {0};
        ProtocolWriter out = new ProtocolWriter(16);
        assertThatThrownBy(() -> out.writeTaggedField(1, f -> {
            if (calls[0]++ > 0) {
                f.writeInt8((byte) 1);
            }
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("Tagged field 1");
    }

    @Test
    void sizePrefixIsBackPatched() {
        assertThat(hex(w -> {
            w.writeInt8((byte) 0x55);
            int mark = w.reserveSizePrefix();
            w.writeInt32(1);
            w.writeString("x");
            w.patchSizePrefix(mark);
        })).isEqualTo("55" + "00000007" + "00000001" + "000178");
    }

    @Test
    void growableWriterGrowsAndKeepsWhatItWrote() {
        ProtocolWriter out = new ProtocolWriter(1);
        int mark = out.reserveSizePrefix();
        for (int i = 0; i < 1000; i++) {
            out.writeInt32(i);
        }
        out.patchSizePrefix(mark);
        ByteBuffer bytes = out.toByteBuffer();
        assertThat(bytes.remaining()).isEqualTo(4004);
        assertThat(bytes.getInt()).isEqualTo(4000);
        for (int i = 0; i < 1000; i++) {
            assertThat(bytes.getInt()).isEqualTo(i);
        }
    }

    @Test
    void fixedWriterStartsAtTheTargetPositionAndRefusesToOverflow() {
        ByteBuffer target = ByteBuffer.allocate(8);
        target.put((byte) 0x11);
        ProtocolWriter out = new ProtocolWriter(target);
        int mark = out.reserveSizePrefix();
        out.writeInt16((short) 2);
        out.patchSizePrefix(mark);
        assertThat(out.size()).isEqualTo(6);
        assertThat(HEX.formatHex(target.array(), 0, target.position())).isEqualTo("11" + "00000002" + "0002");
        assertThat(out.toByteBuffer().remaining()).isEqualTo(6);
        assertThatThrownBy(() -> out.writeInt32(1)).isInstanceOf(BufferOverflowException.class);
    }

    @Test
    void measuringWriterHoldsNoBytes() {
        ProtocolWriter meter = ProtocolWriter.measuring();
        int mark = meter.reserveSizePrefix();
        meter.writeString("abc");
        meter.patchSizePrefix(mark);
        assertThat(meter.size()).isEqualTo(9);
        assertThatThrownBy(meter::toByteBuffer).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void utf8MatchesTheJdkEncoderIncludingUnpairedSurrogates() {
        String[] samples = {"", "plain", "é", "日本", "\uD83D\uDE00 emoji", "lone \uD800 high", "lone \uDC00 low",
            "end \uD800", "\u07FF\u0800\uFFFF"};
        for (String s : samples) {
            byte[] expected = s.getBytes(StandardCharsets.UTF_8);
            assertThat(Utf8.encodedLength(s)).as("length of %s", s).isEqualTo(expected.length);
            ByteBuffer out = ByteBuffer.allocate(expected.length);
            Utf8.encode(s, out);
            assertThat(out.array()).as("bytes of %s", s).isEqualTo(expected);
        }
    }
}
