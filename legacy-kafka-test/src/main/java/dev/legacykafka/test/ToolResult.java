package dev.legacykafka.test;

/**
 * What a tool run in a child JVM produced.
 *
 * @param exitCode the process's exit code
 * @param output stdout and stderr, interleaved as written
 */
public record ToolResult(int exitCode, String output) {

    /** True if the tool exited with 0. */
    public boolean succeeded() {
        return exitCode == 0;
    }
}
