package dev.legacykafka.test.broker;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of every child JVM the fixture starts. It runs the real main class, and halts the
 * JVM (after deleting the child's data directory) as soon as the parent test JVM is gone, so a test
 * JVM killed with {@code kill -9} leaves no broker or ZooKeeper behind.
 *
 * <p>Usage: {@code ParentWatchdog <parentPid> <parentStartMillis> <dirToDelete|-> <mainClass> [args...]}.
 * This class must depend on the JDK only: it runs on the broker's classpath.
 */
public final class ParentWatchdog {

    private static final long POLL_MILLIS = 500;

    private ParentWatchdog() {
    }

    /**
     * Starts watching the parent, then runs the real main class with the remaining arguments.
     *
     * @param args parent pid, parent start time in epoch millis (0 if unknown), directory to
     *     delete when orphaned ({@code -} for none), main class, its arguments
     * @throws Throwable whatever the real main method throws
     */
    public static void main(String[] args) throws Throwable {
        if (args.length < 4) {
            System.err.println("usage: ParentWatchdog <parentPid> <parentStartMillis> <dirToDelete|-> <mainClass> [args...]");
            System.exit(2);
        }
        long parentPid = Long.parseLong(args[0]);
        long parentStartMillis = Long.parseLong(args[1]);
        Path dataDir = "-".equals(args[2]) ? null : Paths.get(args[2]);
        String mainClass = args[3];
        String[] mainArgs = Arrays.copyOfRange(args, 4, args.length);

        Thread watcher = new Thread(() -> watch(parentPid, parentStartMillis, dataDir), "legacy-kafka-parent-watchdog");
        watcher.setDaemon(true);
        watcher.start();

        Method main = Class.forName(mainClass).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) mainArgs);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void watch(long parentPid, long parentStartMillis, Path dataDir) {
        while (true) {
            if (!isAlive(parentPid, parentStartMillis)) {
                System.err.println("[legacy-kafka] parent JVM " + parentPid + " is gone; halting");
                deleteQuietly(dataDir);
                Runtime.getRuntime().halt(137);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Alive and the same process: a recycled pid has another start time. */
    static boolean isAlive(long pid, long expectedStartMillis) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        if (expectedStartMillis <= 0) {
            return true;
        }
        Optional<Instant> started = handle.get().info().startInstant();
        // Start instants are read from /proc with coarse precision; allow a little slack.
        return started.map(s -> Math.abs(s.toEpochMilli() - expectedStartMillis) < 2_000).orElse(true);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    file.toFile().delete();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) {
                    d.toFile().delete();
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            // Best effort: the JVM halts next whatever happens here.
        }
    }
}
