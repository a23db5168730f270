package dev.legacykafka.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which CPUs the broker's processes and the benchmark JVM (clients, replay, harness, kcat) may run
 * on, set with Linux {@code taskset}. Unpinned, a client's own CPU is taken from the broker on a
 * shared machine, so the fastest client is the one that leaves the broker most CPU; split, the
 * broker has its CPUs to itself and a client is measured by how well it keeps the broker busy,
 * which is what "share of the replay ceiling" is meant to show.
 *
 * @param brokerCpus CPU list for the broker's processes ({@code taskset -c} syntax, e.g. {@code 0})
 * @param clientCpus CPU list for this JVM and the processes it starts later (e.g. {@code 1})
 */
record CpuSplit(String brokerCpus, String clientCpus) {

    private static final Pattern CPU_LIST = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");

    /**
     * Parses {@code BROKER:CLIENT}, e.g. {@code 0:1}, or {@code off}.
     *
     * @return the split, or null for {@code off}
     * @throws IllegalArgumentException naming {@code --cpus} when the value is malformed
     */
    static CpuSplit parse(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("off")) {
            return null;
        }
        int colon = v.indexOf(':');
        if (colon < 0 || !CPU_LIST.matcher(v.substring(0, colon)).matches()
                || !CPU_LIST.matcher(v.substring(colon + 1)).matches()) {
            throw new IllegalArgumentException("Option --cpus takes BROKER:CLIENT CPU lists (e.g. 0:1 or 0-1:2-3)"
                    + " or off, not '" + value + "'");
        }
        return new CpuSplit(v.substring(0, colon), v.substring(colon + 1));
    }

    /**
     * Pins every thread of the broker's processes to {@link #brokerCpus()}, then every thread of this
     * JVM to {@link #clientCpus()}; threads and processes started later inherit their creator's CPUs.
     *
     * @throws IllegalStateException when {@code taskset} is missing or refuses (e.g. a CPU that does not exist)
     */
    void apply(List<ProcessHandle> brokerProcesses) {
        for (ProcessHandle broker : brokerProcesses) {
            taskset(brokerCpus, broker.pid());
        }
        taskset(clientCpus, ProcessHandle.current().pid());
    }

    @Override
    public String toString() {
        return "broker on CPU " + brokerCpus + ", clients on CPU " + clientCpus;
    }

    private static void taskset(String cpus, long pid) {
        ProcessBuilder builder = new ProcessBuilder("taskset", "--all-tasks", "--pid", "--cpu-list", cpus,
                Long.toString(pid)).redirectErrorStream(true);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("Option --cpus: 'taskset -a -p -c " + cpus + " " + pid + "' failed: "
                        + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Option --cpus needs Linux taskset (util-linux) on the PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while pinning CPUs", e);
        }
    }
}
