package dev.legacykafka.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A test JVM killed with SIGKILL runs no shutdown hook; the watchdog in each child must clean up. */
class ParentWatchdogIT {

    @Test
    void brokersDieWithTheirKilledParentAndTakeTheirDataAlong() throws Exception {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        String repo = System.getProperty("maven.repo.local");
        if (repo != null) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        command.addAll(List.of(OrphanedBrokersMain.class.getName(), "0.10.2.2", "3.9.1"));
        Process parent = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<Path> dirs = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("DIR ")) {
                    dirs.add(Paths.get(line.substring(4)));
                }
                if (line.equals("READY")) {
                    break;
                }
            }
            assertThat(dirs).as("brokers started by the parent; its output:\n%s", output).hasSize(2);
            List<ProcessHandle> children = parent.descendants().collect(Collectors.toList());
            assertThat(children).as("broker, ZooKeeper and KRaft broker JVMs").hasSizeGreaterThanOrEqualTo(3);

            parent.destroyForcibly(); // SIGKILL
            assertThat(parent.waitFor(10, TimeUnit.SECONDS)).isTrue();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline
                    && (children.stream().anyMatch(ProcessHandle::isAlive) || dirs.stream().anyMatch(Files::exists))) {
                Thread.sleep(100);
            }
            assertThat(children.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid))
                    .as("child JVMs still alive after their parent was killed").isEmpty();
            assertThat(dirs.stream().filter(Files::exists)).as("data directories left behind").isEmpty();
        } finally {
            parent.destroyForcibly();
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }
}
