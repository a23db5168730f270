package dev.legacykafka.test.broker;

import java.nio.file.Path;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * Remembers every child process and temporary directory of this JVM, and at JVM exit kills the
 * processes (with their descendants) and deletes the directories, whatever the tests forgot to close.
 * What was handed to {@link #closeFirst} is closed before that, while the brokers still answer.
 */
public final class ProcessReaper {

    private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();
    private static final Set<Path> DIRECTORIES = ConcurrentHashMap.newKeySet();
    private static final Deque<AutoCloseable> CLOSE_FIRST = new ConcurrentLinkedDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::reapAll, "legacy-kafka-reaper"));
    }

    private ProcessReaper() {
    }

    /**
     * Closes {@code resource} at JVM exit before any child process is killed; resources handed
     * over later are closed first. JVM shutdown hooks run in no set order, so an application that
     * uses the brokers must close from here, not from a hook of its own, to finish before them.
     */
    public static void closeFirst(AutoCloseable resource) {
        CLOSE_FIRST.push(resource);
    }

    static void register(Process process) {
        PROCESSES.add(process);
    }

    static void unregister(Process process) {
        PROCESSES.remove(process);
    }

    static void register(Path directory) {
        DIRECTORIES.add(directory);
    }

    static void unregister(Path directory) {
        DIRECTORIES.remove(directory);
    }

    /** Kills a process tree with SIGKILL and waits briefly for it to be gone. */
    static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // The data dies with the JVM, so a kill is as good as a graceful stop and much faster.
    private static void reapAll() {
        for (AutoCloseable resource = CLOSE_FIRST.poll(); resource != null; resource = CLOSE_FIRST.poll()) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("[legacy-kafka] closing " + resource + " at exit failed: " + e);
            }
        }
        for (Process process : PROCESSES) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (Process process : PROCESSES) {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Path directory : DIRECTORIES) {
            try {
                Directories.deleteRecursively(directory);
            } catch (RuntimeException e) {
                // Nothing more to do at JVM exit.
            }
        }
    }
}
