package org.sde4j.ensemble;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The statistics of a range of chunks of an ensemble, chunk by chunk ({@link Ensemble#runChunks}), for a
 * {@link ShardMerger} to fold in chunk order on another thread, process or machine.
 *
 * <p><b>Why chunk by chunk.</b> The pairwise merge of running moments (Chan, Golub &amp; LeVeque 1979) is
 * exact in real arithmetic but not associative in floating point: {@code (a ⊕ b) ⊕ c} and
 * {@code a ⊕ (b ⊕ c)} may differ in the last bits. {@link Ensemble#run()} folds chunk statistics left to
 * right, {@code ((c₀ ⊕ c₁) ⊕ c₂) ⊕ …}, so a shard cannot pre-merge its chunks without knowing the sum of
 * every chunk before it. It keeps each chunk's exact state instead, packed in primitive arrays: per chunk and
 * saved time, a count and {@code 4d} doubles (mean, sum of squared deviations, min, max), plus {@code d²}
 * with the covariance — 40 bytes per 256 paths for d = 1. Histogram counts are integers, whose sum does not
 * depend on the order, so a shard keeps one histogram per saved time, already summed. With
 * {@link Ensemble#keepFinalStates} it also carries the final state of each of its paths ({@code 8d} bytes per
 * path), which the merger copies to their places in chunk order.
 *
 * <p>Serialisable; immutable once built.
 */
public final class EnsembleShard implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long firstChunk;
    private final long endChunk;
    private final long totalChunks;
    private final long totalPaths;
    private final double[] times;
    private final int dimension;
    private final boolean covariance;
    private final int width;
    private final long[] counts;
    private final double[] packed;
    private final Histogram[] histograms;
    private final double[] finalStates;
    private final RuntimeException failure;
    private final double seconds;

    private EnsembleShard(Builder b, double[] times, double[] finalStates, RuntimeException failure,
            double seconds) {
        this.firstChunk = b.firstChunk;
        this.endChunk = b.endChunk;
        this.totalChunks = b.totalChunks;
        this.totalPaths = b.totalPaths;
        this.times = times;
        this.dimension = b.dimension;
        this.covariance = b.covariance;
        this.width = b.width;
        this.counts = failure == null ? b.counts : new long[0];
        this.packed = failure == null ? b.packed : new double[0];
        this.histograms = failure == null ? b.histograms : null;
        this.finalStates = failure == null ? finalStates : null;
        this.failure = failure;
        this.seconds = seconds;
    }

    /** The first chunk of the range. */
    public long firstChunk() {
        return firstChunk;
    }

    /** One past the last chunk of the range. */
    public long endChunk() {
        return endChunk;
    }

    /** The number of chunks of the whole ensemble. */
    public long totalChunks() {
        return totalChunks;
    }

    /** The number of paths of the whole ensemble. */
    public long totalPaths() {
        return totalPaths;
    }

    /** The number of paths in this shard's range. */
    public long paths() {
        return Math.min(totalPaths, endChunk * Ensemble.CHUNK) - firstChunk * Ensemble.CHUNK;
    }

    /**
     * The divergence ({@link org.sde4j.solver.SolveDivergedException}) or failed step
     * ({@link org.sde4j.solver.StepFailedException}) of the lowest-numbered failing chunk of the range, or
     * null when every path finished.
     */
    public RuntimeException failure() {
        return failure;
    }

    /** The wall time of this shard's run, in seconds. */
    public double seconds() {
        return seconds;
    }

    /** Whether the shard carries its paths' final states ({@link Ensemble#keepFinalStates}). */
    public boolean hasFinalStates() {
        return finalStates != null;
    }

    double[] times() {
        return times;
    }

    /** The final states of the range's paths, path-major ({@code paths() × d}), or null (not a copy). */
    double[] finalStates() {
        return finalStates;
    }

    int dimension() {
        return dimension;
    }

    boolean covariance() {
        return covariance;
    }

    Histogram[] histograms() {
        return histograms;
    }

    int saves() {
        return times.length;
    }

    /** Restores chunk {@code chunk}'s (absolute index) statistics at saved time {@code s} into {@code into}. */
    void chunkStatistics(long chunk, int s, RunningStatistics into) {
        int k = Math.toIntExact((chunk - firstChunk) * times.length + s);
        into.unpack(counts[k], packed, Math.multiplyExact(k, width));
    }

    @Override
    public String toString() {
        return "EnsembleShard[chunks " + firstChunk + ".." + endChunk + " of " + totalChunks + ", t="
                + Arrays.toString(times) + (failure == null ? "" : ", failed: " + failure.getMessage()) + "]";
    }

    /** Collects chunk statistics in chunk order while {@link Ensemble#runChunks} runs. */
    static final class Builder {
        private final long firstChunk;
        private final long endChunk;
        private final long totalChunks;
        private final long totalPaths;
        private int dimension;
        private boolean covariance;
        private int width;
        private long[] counts;
        private double[] packed;
        private Histogram[] histograms;
        private int next;

        Builder(long firstChunk, long endChunk, long totalChunks, long totalPaths) {
            this.firstChunk = firstChunk;
            this.endChunk = endChunk;
            this.totalChunks = totalChunks;
            this.totalPaths = totalPaths;
        }

        /** The next chunk's statistics and histograms (null when none are kept), per saved time. */
        void add(RunningStatistics[] statistics, Histogram[] chunkHistograms) {
            int saves = statistics.length;
            if (counts == null) {
                dimension = statistics[0].dimension();
                covariance = statistics[0].hasCovariance();
                width = statistics[0].packedLength();
                int chunks = Math.toIntExact(endChunk - firstChunk);
                counts = new long[Math.multiplyExact(chunks, saves)];
                packed = new double[Math.multiplyExact(counts.length, width)];
                if (chunkHistograms != null) {
                    histograms = new Histogram[saves];
                    for (int s = 0; s < saves; s++) {
                        histograms[s] = chunkHistograms[s].emptyLike();
                    }
                }
            }
            for (int s = 0; s < saves; s++) {
                int k = next * saves + s;
                counts[k] = statistics[s].count();
                statistics[s].pack(packed, k * width);
                if (histograms != null) {
                    histograms[s].merge(chunkHistograms[s]);
                }
            }
            next++;
        }

        EnsembleShard build(EnsembleResult run) {
            if (next != endChunk - firstChunk) {
                throw new IllegalStateException("shard has " + next + " of " + (endChunk - firstChunk) + " chunks");
            }
            return new EnsembleShard(this, run.times(), run.finalStatesArray(), null, run.seconds());
        }

        EnsembleShard failed(RuntimeException e) {
            return new EnsembleShard(this, new double[0], null, e, 0);
        }
    }
}
