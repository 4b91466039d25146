package org.sde4j.cli.command;

import org.sde4j.cli.spark.SparkOption;
import picocli.CommandLine.Option;

/** The {@code --spark} and {@code --partitions} options of {@code solve} and {@code convergence} (a picocli mixin). */
public final class SparkOptions {
    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Run on Apache Spark: local[N], spark://HOST:PORT, ... Same result; the JSON adds"
                    + " \"partitions\". Needs Spark on the classpath (see docs/distributed.md).")
    String master;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Spark tasks, 1 to the number of chunks (default: every core busy). Never changes the"
                    + " result. Needs --spark.")
    Integer partitions;

    /** Whether the run goes to Spark. */
    public boolean on() {
        return master != null;
    }

    /** The master URL, or null. */
    public String master() {
        return master;
    }

    /** {@code --partitions}, or null. */
    public Integer partitions() {
        return partitions;
    }

    /**
     * Checks the options before any work: {@code --partitions} needs {@code --spark} and is positive; the master
     * is well formed and reachable, and Spark is on the classpath.
     *
     * @throws IllegalArgumentException naming the option
     */
    public void check() {
        if (partitions != null && master == null) {
            throw new IllegalArgumentException("--partitions = " + partitions + ": needs --spark MASTER");
        }
        if (partitions != null && partitions <= 0) {
            throw new IllegalArgumentException("--partitions = " + partitions + ": must be positive");
        }
        if (master != null) {
            SparkOption.checkMaster(master);
            SparkOption.requireSpark(SparkOptions.class.getClassLoader());
            SparkOption.checkReachable(master);
        }
    }

    /**
     * @throws IllegalArgumentException when {@code --partitions} exceeds the run's {@code chunks} of {@code size} paths
     */
    public void checkChunks(long chunks, int size) {
        if (partitions != null && partitions > chunks) {
            throw new IllegalArgumentException("--partitions = " + partitions + ": at most the number of " + size
                    + "-path chunks, " + chunks);
        }
    }
}
