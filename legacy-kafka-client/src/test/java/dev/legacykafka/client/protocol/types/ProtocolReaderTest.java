package dev.legacykafka.client.protocol.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.errors.ProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProtocolReaderTest {

    private static final HexFormat HEX = HexFormat.of();

    private static ProtocolReader reader(String hex) {
        return new ProtocolReader(ByteBuffer.wrap(HEX.parseHex(hex)));
    }

    @Test
    void readsEveryPrimitiveWrittenByTheWriter() {
        UUID id = UUID.randomUUID();
        ProtocolWriter out = new ProtocolWriter(0);
        out.writeInt8((byte) -3);
        out.writeBoolean(true);
        out.writeInt16((short) -300);
        out.writeInt32(-70000);
        out.writeInt64(Long.MIN_VALUE);
        out.writeUnsignedVarint(300);
        out.writeUuid(id);
        out.writeString("ab");
        out.writeNullableString(null);
        out.writeCompactString("日本");
        out.writeCompactNullableString(null);
        out.writeBytes(new byte[] {1});
        out.writeNullableBytes((byte[]) null);
        out.writeCompactBytes(new byte[] {2, 3});
        out.writeCompactNullableBytes((byte[]) null);
        out.writeArrayLength(0);
        out.writeNullableArrayLength(-1);
        out.writeCompactArrayLength(0);
        out.writeCompactNullableArrayLength(-1);
        out.writeEmptyTaggedFields();

        ProtocolReader in = new ProtocolReader(out.toByteBuffer());
        assertThat(in.readInt8("a")).isEqualTo((byte) -3);
        assertThat(in.readBoolean("b")).isTrue();
        assertThat(in.readInt16("c")).isEqualTo((short) -300);
        assertThat(in.readInt32("d")).isEqualTo(-70000);
        assertThat(in.readInt64("e")).isEqualTo(Long.MIN_VALUE);
        assertThat(in.readUnsignedVarint("f")).isEqualTo(300);
        assertThat(in.readUuid("g")).isEqualTo(id);
        assertThat(in.readString("h")).isEqualTo("ab");
        assertThat(in.readNullableString("i")).isNull();
        assertThat(in.readCompactString("j")).isEqualTo("日本");
        assertThat(in.readCompactNullableString("k")).isNull();
        assertThat(in.readBytes("l")).containsExactly(1);
        assertThat(in.readNullableBytes("m")).isNull();
        assertThat(in.readCompactBytes("n")).containsExactly(2, 3);
        assertThat(in.readCompactNullableBytes("o")).isNull();
        assertThat(in.readArrayLength("p")).isZero();
        assertThat(in.readNullableArrayLength("q")).isEqualTo(-1);
        assertThat(in.readCompactArrayLength("r")).isZero();
        assertThat(in.readCompactNullableArrayLength("s")).isEqualTo(-1);
        in.skipTaggedFields("t");
        in.ensureFullyRead("everything");
        assertThat(in.position()).isEqualTo(out.size());
    }

    @Test
    void stringsFromADirectBuffer() {
        ByteBuffer direct = ByteBuffer.allocateDirect(4).put(HEX.parseHex("00026869")).flip();
        assertThat(new ProtocolReader(direct).readString("greeting")).isEqualTo("hi");
    }

    @Test
    void underflowNamesTheFieldAndOffset() {
        ProtocolReader in = reader("0001" + "00");
        in.readInt16("first");
        assertThatThrownBy(() -> in.readInt32("throttle_time_ms"))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("Cannot read throttle_time_ms: needs 4 bytes at offset 2 but only 1 remain");
        assertThatThrownBy(() -> reader("").readInt8("x")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> reader("00").readInt16("x")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> reader("00000000000000").readInt64("x")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> reader("00").readUuid("topic_id")).hasMessageContaining("topic_id");
    }

    @Test
    void truncatedVarintAndOverlongVarint() {
        assertThatThrownBy(() -> reader("80").readUnsignedVarint("count"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("count").hasMessageContaining("varint");
        assertThatThrownBy(() -> reader("ffffffffff01").readUnsignedVarint("count"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("longer than 5 bytes");
    }

    @Test
    void impossibleStringLengths() {
        assertThatThrownBy(() -> reader("fffe").readNullableString("name"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("name").hasMessageContaining("-2");
        assertThatThrownBy(() -> reader("0005616263").readString("name"))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("length 5").hasMessageContaining("3 bytes that remain");
        assertThatThrownBy(() -> reader("ffff").readString("host"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("host").hasMessageContaining("null");
        assertThatThrownBy(() -> reader("00").readCompactString("host"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> reader("0561").readCompactNullableString("rack"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("rack");
    }

    @Test
    void impossibleByteLengths() {
        assertThatThrownBy(() -> reader("fffffffe").readNullableBytes("records"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("invalid length -2");
        assertThatThrownBy(() -> reader("7fffffff00").readBytes("records"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("length 2147483647");
        assertThatThrownBy(() -> reader("ffffffff").readBytes("auth_bytes"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> reader("00").readCompactBytes("auth_bytes"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("null");
        // Length + 1 = 0xffffffff: a length of -2 as a signed int.
        assertThatThrownBy(() -> reader("ffffffff0f").readCompactNullableBytes("records"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("records");
    }

    @Test
    void impossibleArrayCounts() {
        assertThatThrownBy(() -> reader("ffffffff").readArrayLength("topics"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("topics").hasMessageContaining("null");
        assertThatThrownBy(() -> reader("fffffffe").readNullableArrayLength("topics"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("invalid count -2");
        // A forged count must not become a huge allocation.
        assertThatThrownBy(() -> reader("7fffffff0000").readArrayLength("partitions"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("count 2147483647");
        assertThatThrownBy(() -> reader("00").readCompactArrayLength("partitions"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> reader("05").readCompactArrayLength("partitions"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("count 4");
    }

    @Test
    void knownTagsAreReadUnknownTagsSkipped() {
        // 3 fields: tag 0 (int32 7), tag 5 (3 unknown bytes), tag 9 (compact string "hi")
        ProtocolReader in = reader("03" + "0004" + "00000007" + "0503" + "aabbcc" + "0903" + "036869" + "ee");
        List<String> seen = new ArrayList<>();
        in.readTaggedFields("test", (tag, field) -> {
            switch (tag) {
                case 0 -> seen.add("0=" + field.readInt32("zero"));
                case 9 -> seen.add("9=" + field.readCompactString("nine"));
                default -> {
                    return false;
                }
            }
            return true;
        });
        assertThat(seen).containsExactly("0=7", "9=hi");
        assertThat(in.readInt8("after")).isEqualTo((byte) 0xee);
        in.ensureFullyRead("test");
    }

    @Test
    void aKnownTagMustBeReadToItsDeclaredSize() {
        ProtocolReader tooLittle = reader("01" + "0006" + "000000070000");
        assertThatThrownBy(() -> tooLittle.readTaggedFields("ProduceResponse", (tag, f) -> {
            f.readInt32("x");
            return true;
        })).isInstanceOf(ProtocolException.class).hasMessageContaining("tag 0 declares 6 bytes but 2 were left unread");

        ProtocolReader tooMuch = reader("01" + "0002" + "0000" + "00000000");
        assertThatThrownBy(() -> tooMuch.readTaggedFields("ProduceResponse", (tag, f) -> {
            f.readInt32("leader_id");
            return true;
        })).isInstanceOf(ProtocolException.class).hasMessageContaining("leader_id");
    }

    @Test
    void taggedFieldLongerThanTheFrameFails() {
        assertThatThrownBy(() -> reader("01" + "0010" + "00").skipTaggedFields("MetadataResponse"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("MetadataResponse tag 0");
        assertThatThrownBy(() -> reader("05" + "0000").skipTaggedFields("MetadataResponse"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("tagged field count");
    }

    @Test
    void trailingBytesAreReported() {
        ProtocolReader in = reader("00010203");
        in.readInt16("a");
        assertThatThrownBy(() -> in.ensureFullyRead("ProduceResponse v8"))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("ProduceResponse v8 has 2 unexpected trailing bytes after offset 2");
    }

    @Test
    void forkReadsAheadWithoutMovingTheOriginal() {
        ProtocolReader in = reader("00010002");
        ProtocolReader fork = in.fork();
        assertThat(fork.readInt32("x")).isEqualTo(0x00010002);
        assertThat(in.position()).isZero();
        in.skip(2, "first");
        assertThat(in.readInt16("second")).isEqualTo((short) 2);
        assertThatThrownBy(() -> in.skip(1, "more")).isInstanceOf(ProtocolException.class);
    }
}
