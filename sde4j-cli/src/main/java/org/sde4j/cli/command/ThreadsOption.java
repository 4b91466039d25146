package org.sde4j.cli.command;

import picocli.CommandLine.Option;

/**
 * The {@code --threads} option shared by the commands (a picocli mixin). A count far beyond the processors is
 * refused: more threads only share the same processors, and each costs a stack and buffers.
 */
public final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: all processors, one per Spark task with --spark). Never changes"
                    + " the result.")
    Integer threads;

    /** The most threads accepted: 16 per processor, at least 256. */
    public static int limit() {
        return Math.max(256, 16 * Runtime.getRuntime().availableProcessors());
    }

    /** Whether {@code --threads} was given. */
    public boolean given() {
        return threads != null;
    }

    /**
     * {@code --threads}, or {@code otherwise} when not given.
     *
     * @throws IllegalArgumentException when the count is below 1 or above {@link #limit()}
     */
    public int orElse(int otherwise) {
        int n = threads != null ? threads : otherwise;
        if (n < 1 || n > limit()) {
            throw new IllegalArgumentException("--threads = " + n + ": must be 1 to " + limit() + " (16 per processor,"
                    + " at least 256; this machine has " + Runtime.getRuntime().availableProcessors() + ")");
        }
        return n;
    }
}
