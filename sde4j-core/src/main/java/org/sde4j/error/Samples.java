package org.sde4j.error;

import java.io.Serializable;

/**
 * One chunk's per-path samples of a convergence study (row-major, one row of the study's width per path) and
 * the CPU time it spent on each level.
 *
 * @param values   the samples, {@code count × width}
 * @param cpuNanos CPU nanoseconds per level
 */
record Samples(double[] values, long[] cpuNanos) implements Serializable {
}
