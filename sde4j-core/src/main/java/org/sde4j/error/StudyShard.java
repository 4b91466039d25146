package org.sde4j.error;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The per-path samples of a range of chunks of a convergence study ({@link ConvergenceStudy#runChunks}), for a
 * {@link StudyMerger} to place at their paths on another thread, process or machine.
 *
 * <p><b>Why samples, not partial sums.</b> A study's errors are means over paths computed by a running
 * (Welford) update in path order, and its order's interval resamples whole paths (bootstrap): neither can be
 * finished from per-shard partial sums with the same bits — a pairwise merge of means is exact in real
 * arithmetic but not in floating point, and a resample draws paths from all shards. The shard therefore
 * carries every path's row of samples ({@code width} doubles: the error or {@code φ(X_N)} per level, and the
 * reference and control-variate columns), which is what {@link ConvergenceStudy#run()} keeps in memory too:
 * {@code 8 · width} bytes per path.
 *
 * <p>Serialisable; immutable.
 */
public final class StudyShard implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String kind;
    private final long firstChunk;
    private final long endChunk;
    private final long totalChunks;
    private final long totalPaths;
    private final long seed;
    private final int[] steps;
    private final int width;
    private final double[] samples;
    private final long[] cpuNanos;
    private final RuntimeException failure;
    private final double seconds;

    private StudyShard(ConvergenceStudy<?> study, long firstChunk, long endChunk, int width, double[] samples,
            long[] cpuNanos, RuntimeException failure, double seconds) {
        this.kind = study.kind();
        this.firstChunk = firstChunk;
        this.endChunk = endChunk;
        this.totalChunks = study.chunkCount();
        this.totalPaths = study.pathCount();
        this.seed = study.rootSeed();
        this.steps = study.levelSteps().clone();
        this.width = width;
        this.samples = samples;
        this.cpuNanos = cpuNanos;
        this.failure = failure;
        this.seconds = seconds;
    }

    static StudyShard of(ConvergenceStudy<?> study, long firstChunk, long endChunk, int width, double[] samples,
            long[] cpuNanos, double seconds) {
        return new StudyShard(study, firstChunk, endChunk, width, samples, cpuNanos, null, seconds);
    }

    static StudyShard failed(ConvergenceStudy<?> study, long firstChunk, long endChunk, RuntimeException failure) {
        return new StudyShard(study, firstChunk, endChunk, 0, new double[0], new long[0], failure, 0);
    }

    /** {@code "strong"} or {@code "weak"}. */
    public String kind() {
        return kind;
    }

    /** The first chunk of the range. */
    public long firstChunk() {
        return firstChunk;
    }

    /** One past the last chunk of the range. */
    public long endChunk() {
        return endChunk;
    }

    /** The number of chunks of the whole study. */
    public long totalChunks() {
        return totalChunks;
    }

    /** The number of paths of the whole study. */
    public long totalPaths() {
        return totalPaths;
    }

    /** The study's root seed. */
    public long seed() {
        return seed;
    }

    /** The step counts of the study's levels (a copy). */
    public int[] steps() {
        return steps.clone();
    }

    /** The first path of the range: {@code firstChunk · }{@value ConvergenceStudy#CHUNK}. */
    public long firstPath() {
        return firstChunk * ConvergenceStudy.CHUNK;
    }

    /** The number of paths in this shard's range. */
    public long paths() {
        return Math.min(totalPaths, endChunk * ConvergenceStudy.CHUNK) - firstPath();
    }

    /**
     * The divergence ({@link org.sde4j.solver.SolveDivergedException}), failed step
     * ({@link org.sde4j.solver.StepFailedException}) or non-finite functional ({@link IllegalArgumentException}) of
     * the lowest failing chunk of the range, or null when every path finished.
     */
    public RuntimeException failure() {
        return failure;
    }

    /** The wall time of this shard's run, in seconds. */
    public double seconds() {
        return seconds;
    }

    int width() {
        return width;
    }

    /** The samples, {@code paths() × width()} row-major (not a copy: the merger only reads them). */
    double[] samples() {
        return samples;
    }

    /** CPU nanoseconds per level spent on this shard (not a copy). */
    long[] cpuNanos() {
        return cpuNanos;
    }

    @Override
    public String toString() {
        return "StudyShard[" + kind + ", chunks " + firstChunk + ".." + endChunk + " of " + totalChunks + ", steps "
                + Arrays.toString(steps) + (failure == null ? "" : ", failed: " + failure.getMessage()) + "]";
    }
}
