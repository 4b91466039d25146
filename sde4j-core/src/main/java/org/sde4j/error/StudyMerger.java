package org.sde4j.error;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.sde4j.sde.Require;

/**
 * Folds the {@link StudyShard}s of a convergence study, handed over in any order, into the study's
 * {@link ConvergenceResult} — bit-identical to {@link ConvergenceStudy#run()} with the same settings: the errors,
 * standard errors, fitted order, its bootstrap interval and the pairwise order.
 *
 * <p>How: each shard's per-path samples are copied to their rows of one {@code paths × width} matrix, whatever
 * the order of arrival (a copy is exact), and {@link #result()} hands the complete matrix to the same code that
 * finishes {@link ConvergenceStudy#run()}: the error and standard error of level l by a running mean over all
 * paths in path order, the least-squares slope of log error against log Δt, and the bootstrap, whose resample
 * k draws path indices from stream k of the seed. Nothing of the result depends on how the paths were split.
 * A shard that covers the whole study is used as it is, without a copy.
 *
 * <p>When shards failed, {@link #result()} throws the failure of the lowest chunk — the exception
 * {@link ConvergenceStudy#run()} throws, with the same time, step and path index. Not thread-safe.
 *
 * <pre>{@code
 * StudyMerger merger = study.merger();
 * for (StudyShard shard : shardsInAnyOrder) merger.add(shard);
 * ConvergenceResult r = merger.result();            // == study.run(), bit for bit
 * }</pre>
 */
public final class StudyMerger {
    /** Finishes a study from its merged samples. */
    @FunctionalInterface
    interface Finisher {
        /**
         * @param samples    {@code paths × width}, row-major, in path order
         * @param cpuSeconds CPU seconds per level
         * @param seconds    the wall time to report
         * @return the study's result
         */
        ConvergenceResult finish(double[] samples, double[] cpuSeconds, double seconds);
    }

    private final String kind;
    private final long paths;
    private final long chunks;
    private final long seed;
    private final int[] steps;
    private final int width;
    private final Finisher finisher;
    private final long started = System.nanoTime();
    /** Added ranges: first chunk → end chunk. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private final long[] cpuNanos;
    private double[] samples;
    private long covered;
    private long failedChunk = Long.MAX_VALUE;
    private RuntimeException failure;
    private double shardSeconds;

    StudyMerger(String kind, long paths, long seed, int[] steps, int width, Finisher finisher) {
        this.kind = kind;
        this.paths = paths;
        this.chunks = (paths + ConvergenceStudy.CHUNK - 1) / ConvergenceStudy.CHUNK;
        this.seed = seed;
        this.steps = steps.clone();
        this.width = width;
        this.finisher = finisher;
        this.cpuNanos = new long[steps.length];
    }

    /**
     * Adds one shard.
     *
     * @param shard a shard of this merger's study
     * @throws IllegalArgumentException when the shard belongs to another study (other kind, paths, seed, levels or
     *                                  sample width) or overlaps a shard already added
     */
    public void add(StudyShard shard) {
        Require.nonNull("shard", shard);
        checkSameStudy(shard);
        long from = shard.firstChunk();
        long to = shard.endChunk();
        Map.Entry<Long, Long> before = ranges.floorEntry(from);
        Long after = ranges.ceilingKey(from);
        if ((before != null && before.getValue() > from) || (after != null && after < to)) {
            throw new IllegalArgumentException("shard of chunks [" + from + ", " + to + ") overlaps a shard already"
                    + " added (" + ranges + ", as first chunk=end chunk)");
        }
        ranges.put(from, to);
        covered += to - from;
        shardSeconds += shard.seconds();
        if (shard.failure() != null) {
            if (from < failedChunk) {
                failedChunk = from;
                failure = shard.failure();
            }
            return;
        }
        double[] rows = shard.samples();
        if (samples == null && from == 0 && to == chunks) {
            samples = rows;
        } else {
            if (samples == null) {
                long bytes = Require.bytesOf(paths, width, 8);
                Require.memory("paths = " + paths + ", " + width + " samples per path: the merged " + kind + " study",
                        bytes);
                samples = new double[Math.toIntExact(paths * width)];
            }
            System.arraycopy(rows, 0, samples, Math.toIntExact(shard.firstPath() * width), rows.length);
        }
        for (int l = 0; l < cpuNanos.length; l++) {
            cpuNanos[l] += shard.cpuNanos()[l];
        }
    }

    /** The number of chunks added so far, out of {@link ConvergenceStudy#chunkCount()}. */
    public long addedChunks() {
        return covered;
    }

    /** The sum of the shards' own wall times, in seconds (the work done, whatever ran in parallel). */
    public double shardSeconds() {
        return shardSeconds;
    }

    /**
     * The study's result, bit-identical to {@link ConvergenceStudy#run()}; its {@link ConvergenceResult#seconds()}
     * is the time since this merger was created.
     *
     * @return the result
     * @throws org.sde4j.solver.SolveDivergedException when a path diverged (the same as {@link ConvergenceStudy#run()})
     * @throws IllegalStateException                   when chunks are missing
     */
    public ConvergenceResult result() {
        double[] merged = mergedSamples();
        return finisher.finish(merged, cpuSeconds(), (System.nanoTime() - started) * 1e-9);
    }

    /** The merged samples, after the checks of {@link #result()}. */
    double[] mergedSamples() {
        long missing = firstMissingChunk();
        if (failure != null && failedChunk < missing) {
            throw failure;
        }
        if (missing < chunks) {
            Long next = ranges.ceilingKey(missing);
            throw new IllegalStateException("chunks [" + missing + ", " + (next == null ? chunks : next) + ") of "
                    + chunks + " are missing: add the shards that cover them");
        }
        return samples;
    }

    /** CPU seconds per level, summed over the shards. */
    double[] cpuSeconds() {
        double[] seconds = new double[cpuNanos.length];
        for (int l = 0; l < seconds.length; l++) {
            seconds[l] = cpuNanos[l] * 1e-9;
        }
        return seconds;
    }

    /** Seconds since this merger was created. */
    double elapsed() {
        return (System.nanoTime() - started) * 1e-9;
    }

    private long firstMissingChunk() {
        long next = 0;
        for (Map.Entry<Long, Long> range : ranges.entrySet()) {
            if (range.getKey() != next) {
                return next;
            }
            next = range.getValue();
        }
        return next;
    }

    private void checkSameStudy(StudyShard shard) {
        if (!shard.kind().equals(kind) || shard.totalPaths() != paths || shard.seed() != seed
                || !Arrays.equals(shard.steps(), steps) || (shard.failure() == null && shard.width() != width)) {
            throw new IllegalArgumentException("shard " + shard + " of a " + shard.kind() + " study of "
                    + shard.totalPaths() + " paths, seed " + shard.seed() + ", steps " + Arrays.toString(shard.steps())
                    + (shard.failure() == null ? ", " + shard.width() + " samples per path" : "")
                    + ": must be of this merger's " + kind + " study of " + paths + " paths, seed " + seed + ", steps "
                    + Arrays.toString(steps) + ", " + width + " samples per path");
        }
    }
}
