package dev.legacykafka.test.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Starts a JVM that runs a main class under {@link ParentWatchdog}, with the same Java as this
 * JVM, a classpath given as an argument file (broker classpaths are long), and its output appended
 * to a file.
 */
final class ChildJvm {

    private static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    /**
     * Where there is one: a session of its own keeps the child out of the terminal's process group,
     * so Ctrl-C reaches the JVM that started it (which closes what uses the broker, then reaps it)
     * instead of stopping the broker under a running application. Orphans are still halted by the
     * watchdog. It execs in place, so the process keeps its pid.
     */
    private static final String SETSID = Files.isExecutable(Paths.get("/usr/bin/setsid")) ? "/usr/bin/setsid" : null;
    private static final long PARENT_PID = ProcessHandle.current().pid();
    private static final long PARENT_START_MILLIS = ProcessHandle.current().info().startInstant()
            .map(instant -> instant.toEpochMilli()).orElse(0L);

    private final Path classpathArgFile;
    private final List<String> jvmOptions = new ArrayList<>();
    private final String mainClass;
    private final List<String> args = new ArrayList<>();
    private Path deleteWhenOrphaned;
    private Path workingDirectory;

    private ChildJvm(Path classpathArgFile, String mainClass) {
        this.classpathArgFile = classpathArgFile;
        this.mainClass = mainClass;
    }

    /**
     * A child JVM description.
     *
     * @param classpathArgFile an argument file written by {@link #writeClasspathArgFile}
     * @param mainClass the class whose main method runs in the child
     */
    static ChildJvm of(Path classpathArgFile, String mainClass) {
        return new ChildJvm(classpathArgFile, mainClass);
    }

    ChildJvm jvmOptions(List<String> options) {
        jvmOptions.addAll(options);
        return this;
    }

    ChildJvm args(List<String> arguments) {
        args.addAll(arguments);
        return this;
    }

    /** The directory the watchdog deletes if this JVM outlives the test JVM. */
    ChildJvm deleteWhenOrphaned(Path directory) {
        this.deleteWhenOrphaned = directory;
        return this;
    }

    ChildJvm workingDirectory(Path directory) {
        this.workingDirectory = directory;
        return this;
    }

    /** The full command line, for starting and for error messages. */
    List<String> command() {
        List<String> command = new ArrayList<>();
        if (SETSID != null) {
            command.add(SETSID);
        }
        command.add(JAVA);
        command.add("@" + classpathArgFile);
        command.addAll(jvmOptions);
        command.add(ParentWatchdog.class.getName());
        command.add(Long.toString(PARENT_PID));
        command.add(Long.toString(PARENT_START_MILLIS));
        command.add(deleteWhenOrphaned == null ? "-" : deleteWhenOrphaned.toString());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * Starts the JVM with stdout and stderr appended to the given file.
     *
     * @param output the log file
     * @return the running process, registered for killing at JVM exit
     */
    Process start(Path output) {
        ProcessBuilder builder = new ProcessBuilder(command())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        return start(builder);
    }

    /** Starts the JVM with stdout and stderr merged into the process's input stream. */
    Process startCapturingOutput() {
        return start(new ProcessBuilder(command()).redirectErrorStream(true));
    }

    private Process start(ProcessBuilder builder) {
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        // The classpath comes from the argument file only; an inherited CLASSPATH would be ignored anyway.
        builder.environment().remove("CLASSPATH");
        try {
            Process process = builder.start();
            ProcessReaper.register(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + String.join(" ", command()), e);
        }
    }

    /**
     * Writes a {@code java @file} argument file holding {@code -cp <jars + watchdog>}.
     *
     * @param file where to write
     * @param jars the program's classpath
     */
    static void writeClasspathArgFile(Path file, List<Path> jars) {
        List<Path> entries = new ArrayList<>(jars);
        // Last, so the program's own classes always win over anything else in our location.
        entries.add(watchdogLocation());
        String classpath = entries.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        String quoted = "\"" + classpath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        try {
            Files.writeString(file, "-cp " + quoted + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** The directory or jar this fixture's classes are loaded from. */
    static Path watchdogLocation() {
        try {
            return Paths.get(ParentWatchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("Cannot locate the fixture's classes for the child JVM watchdog", e);
        }
    }
}
