package dev.legacykafka.test.broker;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/** The last lines of a log file, read from its end so that large logs cost nothing. */
final class LogTail {

    private static final int MAX_BYTES = 256 * 1024;

    private LogTail() {
    }

    /** The last {@code lines} lines of the file, or a note saying why there are none. */
    static String of(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(no log file " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            raf.seek(length - size);
            raf.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            Deque<String> tail = new ArrayDeque<>();
            for (String line : text.split("\r?\n", -1)) {
                tail.addLast(line);
                if (tail.size() > lines + 1) {
                    tail.removeFirst();
                }
            }
            if (!tail.isEmpty() && tail.getLast().isEmpty()) {
                tail.removeLast();
            }
            while (tail.size() > lines) {
                tail.removeFirst();
            }
            return String.join("\n", tail);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /** The file's size, 0 if it does not exist. */
    static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** True if the text occurs in the file after the given offset. */
    static boolean contains(Path file, long fromOffset, String text) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            if (length <= fromOffset) {
                return false;
            }
            byte[] bytes = new byte[(int) Math.min(length - fromOffset, 16L * 1024 * 1024)];
            raf.seek(fromOffset);
            raf.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
