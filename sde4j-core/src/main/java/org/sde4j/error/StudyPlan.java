package org.sde4j.error;

import org.sde4j.montecarlo.ChunkPlan;

/**
 * What each chunk of a convergence study computes — its {@value ConvergenceStudy#CHUNK} paths solved at every level
 * on the same Brownian path, as one row of samples per path — and the fold that places the rows at their paths and
 * finishes the study from the complete matrix.
 *
 * <p><b>Why rows, not partial sums.</b> A study's errors are running (Welford) means over the paths in path order,
 * and its order's interval resamples whole paths (bootstrap): neither can be finished from per-chunk partial sums with
 * the same bits. So each chunk's part is its paths' rows ({@code width} doubles each: the error or {@code φ(X_N)} per
 * level, and the reference and control-variate columns) — what a run in one JVM keeps in memory too, {@code 8 · width}
 * bytes per path — and the fold copies them into one {@code paths × width} matrix, which a copy does exactly.
 *
 * @param <R> what the study makes of the matrix (its result, or the matrix itself)
 */
final class StudyPlan<R> implements ChunkPlan<Samples, R> {
    /** Finishes a study from its merged samples. */
    @FunctionalInterface
    interface Finisher<R> {
        /**
         * @param samples    {@code paths × width}, row-major, in path order
         * @param cpuSeconds CPU seconds per level
         * @param seconds    the wall time to report
         * @return the study's result
         */
        R finish(double[] samples, double[] cpuSeconds, double seconds);
    }

    /** The per-thread work: turns chunk {@code chunk}, paths {@code [first, first + count)}, into their rows. */
    @FunctionalInterface
    interface PathsWorker {
        Samples process(long chunk, long first, int count);
    }

    private final String identity;
    private final long paths;
    private final int width;
    private final int levels;
    private final java.util.function.Supplier<PathsWorker> workers;
    private final Finisher<R> finisher;

    StudyPlan(String identity, long paths, int width, int levels, java.util.function.Supplier<PathsWorker> workers,
            Finisher<R> finisher) {
        this.identity = identity;
        this.paths = paths;
        this.width = width;
        this.levels = levels;
        this.workers = workers;
        this.finisher = finisher;
    }

    @Override
    public long chunkCount() {
        return (paths + ConvergenceStudy.CHUNK - 1) / ConvergenceStudy.CHUNK;
    }

    @Override
    public String identity() {
        return identity;
    }

    /** 256 chunks of {@value ConvergenceStudy#CHUNK} paths: 16 384 rows of samples per shard. */
    @Override
    public int defaultChunksPerShard() {
        return 256;
    }

    @Override
    public Worker<Samples> newWorker() {
        PathsWorker worker = workers.get();
        return chunk -> {
            long first = chunk * ConvergenceStudy.CHUNK;
            return worker.process(chunk, first, (int) Math.min(ConvergenceStudy.CHUNK, paths - first));
        };
    }

    @Override
    public Fold<Samples, R> newFold() {
        return new Fold<>() {
            private final double[] samples = new double[Math.toIntExact(paths * width)];
            private final long[] cpuNanos = new long[levels];

            @Override
            public void add(long chunk, Samples part) {
                System.arraycopy(part.values(), 0, samples, Math.toIntExact(chunk * ConvergenceStudy.CHUNK * width),
                        part.values().length);
                for (int l = 0; l < levels; l++) {
                    cpuNanos[l] += part.cpuNanos()[l];
                }
            }

            @Override
            public R result(double seconds) {
                double[] cpuSeconds = new double[levels];
                for (int l = 0; l < levels; l++) {
                    cpuSeconds[l] = cpuNanos[l] * 1e-9;
                }
                return finisher.finish(samples, cpuSeconds, seconds);
            }
        };
    }
}
