package dev.legacykafka.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the started broker keeps its logs. A broker on disk leaves every run's writes as dirty
 * pages that the kernel writes back whenever it decides, often during a later client's measured
 * run (on the 2-core machines that is CPU and I/O taken from broker and client alike); on tmpfs
 * nothing is ever written back. The test fixture places its directories under the system property
 * {@code legacykafka.tmpdir}; unless that is set, the harness sets it to {@code /dev/shm} where
 * that is a writable directory. Each run's topic is deleted after counting, so memory use stays at
 * about one run's records.
 */
final class BrokerLogPlace {

    private static final String FIXTURE_BASE_DIR = "legacykafka.tmpdir";
    private static final Path SHARED_MEMORY = Path.of("/dev/shm");

    private BrokerLogPlace() {
    }

    /** Sets the fixture's base directory unless given, and says where it is. */
    static String choose() {
        String given = System.getProperty(FIXTURE_BASE_DIR);
        if (given != null) {
            return given + " (-D" + FIXTURE_BASE_DIR + ")";
        }
        if (Files.isDirectory(SHARED_MEMORY) && Files.isWritable(SHARED_MEMORY)) {
            System.setProperty(FIXTURE_BASE_DIR, SHARED_MEMORY.toString());
            return SHARED_MEMORY + " (tmpfs: no write-back; -D" + FIXTURE_BASE_DIR + "=DIR to choose)";
        }
        return System.getProperty("java.io.tmpdir") + " (no /dev/shm; -D" + FIXTURE_BASE_DIR + "=DIR to choose)";
    }
}
