package dev.legacykafka.client.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Vectors from lua-resty-kafka's partitioner (Python zlib.crc32, the same algorithm as ngx.crc32_short). */
class Crc32PartitionerTest {

    private final Crc32Partitioner partitioner = new Crc32Partitioner();

    @ParameterizedTest
    @CsvSource({
        "key, 2324736937",
        "a, 3904355907",
        "user-123, 2724751950",
        "'hello, world', 4289425978",
        "'', 0",
    })
    void crcIsTheUnsignedZlibCrc32(String key, long crc) {
        assertThat(Crc32Partitioner.crc32(key.getBytes(StandardCharsets.UTF_8))).isEqualTo(crc);
    }

    @ParameterizedTest
    @CsvSource({
        "key, 1, 1, 1, 1",
        "a, 1, 0, 3, 3",
        "user-123, 0, 0, 0, 6",
    })
    void partitionIsCrcModuloCountWithoutMasking(String key, int of2, int of3, int of6, int of12) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);

        assertThat(partitioner.partition("t", bytes, 2)).isEqualTo(of2);
        assertThat(partitioner.partition("t", bytes, 3)).isEqualTo(of3);
        assertThat(partitioner.partition("t", bytes, 6)).isEqualTo(of6);
        assertThat(partitioner.partition("t", bytes, 12)).isEqualTo(of12);
    }

    @Test
    void highBitCrcsAreNotMasked() {
        // crc32("hello, world") = 4289425978 has the top bit set: unsigned modulo, not (crc & 0x7fffffff).
        byte[] key = "hello, world".getBytes(StandardCharsets.UTF_8);
        assertThat(partitioner.partition("t", key, 7)).isEqualTo((int) (4289425978L % 7));
        assertThat((int) (4289425978L % 7)).isNotEqualTo((int) ((4289425978L & 0x7fffffffL) % 7));
    }

    @Test
    void emptyKeyAlwaysGoesToPartitionZero() {
        for (int n = 1; n < 20; n++) {
            assertThat(partitioner.partition("t", new byte[0], n)).isZero();
        }
    }

    @Test
    void nullKeysRoundRobinAcrossTheProducer() {
        List<Integer> partitions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            partitions.add(partitioner.partition(i % 2 == 0 ? "a" : "b", null, 3));
        }
        assertThat(partitions).containsExactly(0, 1, 2, 0, 1, 2);
    }
}
