package org.sde4j.error;

/**
 * Turns the per-path samples of a study into the error and its standard error at each level, for
 * all paths or for a bootstrap resample of them. Implementations are immutable and thread-safe.
 */
interface ErrorEstimator {
    /** The number of levels. */
    int levels();

    /** The number of paths. */
    int paths();

    /**
     * @param rows     the paths to use, with repetitions (a bootstrap resample); null for all paths
     * @param errors   the error per level (modified)
     * @param stderrs  the standard error per level (modified), or null when not needed
     */
    void estimate(int[] rows, double[] errors, double[] stderrs);
}
