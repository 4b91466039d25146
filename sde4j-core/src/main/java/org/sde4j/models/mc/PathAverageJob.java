package org.sde4j.models.mc;

import java.util.Objects;
import java.util.concurrent.Executor;
import org.sde4j.ensemble.RunningStatistics;
import org.sde4j.montecarlo.ChunkPlan;
import org.sde4j.montecarlo.ChunkRunner;
import org.sde4j.montecarlo.MonteCarloJob;
import org.sde4j.montecarlo.Shard;

/**
 * Averages of per-path values on the chunked runner: chunk c holds paths {@code [c·B, min((c+1)·B, n))} (B =
 * {@link #CHUNK} paths), its part is the {@link RunningStatistics} of those paths' values (Welford), and the fold
 * merges the parts in chunk order (Chan, Golub &amp; LeVeque 1979). Path p's values come from
 * {@code evaluator.evaluate(seed, p, out)}, so the result is the same, bit for bit, for any thread count and for
 * merged shards.
 *
 * <pre>{@code
 * PathAverages r = PathAverageJob.of("call", functional, "payoff").paths(100_000).seed(7).threads(2).run();
 * }</pre>
 */
public final class PathAverageJob implements MonteCarloJob<PathAverages> {
    /** Paths per chunk. */
    public static final int CHUNK = 1024;

    private final String kind;
    private final PathFunctional functional;
    private final String[] names;
    private long paths = 10_000;
    private long seed = 1;
    private int threads = 1;
    private Executor executor;

    private PathAverageJob(String kind, PathFunctional functional, String[] names) {
        this.kind = kind;
        this.functional = functional;
        this.names = names.clone();
    }

    /**
     * @param kind       what the job computes, for the identity of its shards (for example "merton EM 64 steps")
     * @param functional the per-path values
     * @param names      the names of the values, one per value
     * @return a job of 10 000 paths, seed 1, one thread
     */
    public static PathAverageJob of(String kind, PathFunctional functional, String... names) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(functional, "functional");
        if (names.length == 0) {
            throw new IllegalArgumentException("names: at least one value per path is needed, got none");
        }
        return new PathAverageJob(kind, functional, names);
    }

    /** The number of paths, positive. */
    public PathAverageJob paths(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("paths = " + count + ": must be at least 1");
        }
        this.paths = count;
        return this;
    }

    /** The root seed. */
    public PathAverageJob seed(long value) {
        this.seed = value;
        return this;
    }

    @Override
    public PathAverageJob threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads = " + count + ": must be at least 1");
        }
        this.threads = count;
        return this;
    }

    /** The executor of the threads (default: the runner's own). */
    public PathAverageJob executor(Executor pool) {
        this.executor = pool;
        return this;
    }

    /** The number of values per path. */
    public int outputs() {
        return names.length;
    }

    @Override
    public PathAverages run() {
        return ChunkRunner.run(plan(), threads, executor);
    }

    @Override
    public Shard runChunks(long fromChunk, long toChunk) {
        return ChunkRunner.runShard(plan(), fromChunk, toChunk, threads, executor);
    }

    @Override
    public ChunkPlan<RunningStatistics, PathAverages> plan() {
        return new Plan(kind, functional, names.clone(), paths, seed);
    }

    private record Plan(String kind, PathFunctional functional, String[] names, long paths, long seed)
            implements ChunkPlan<RunningStatistics, PathAverages> {
        @Override
        public long chunkCount() {
            return (paths + CHUNK - 1) / CHUNK;
        }

        @Override
        public String identity() {
            return "path averages: " + kind + ", " + paths + " paths in chunks of " + CHUNK + ", seed " + seed
                    + ", values " + String.join(",", names);
        }

        @Override
        public Worker<RunningStatistics> newWorker() {
            PathFunctional.Evaluator evaluator = functional.newEvaluator();
            double[] out = new double[names.length];
            return chunk -> {
                RunningStatistics s = new RunningStatistics(names.length);
                long end = Math.min(paths, (chunk + 1) * CHUNK);
                for (long p = chunk * CHUNK; p < end; p++) {
                    java.util.Arrays.fill(out, Double.NaN);
                    evaluator.evaluate(seed, p, out);
                    for (int i = 0; i < out.length; i++) {
                        if (!Double.isFinite(out[i])) {
                            throw new ArithmeticException("path " + p + " of " + kind + ": value " + names[i] + " = "
                                    + out[i] + " is not finite");
                        }
                    }
                    s.add(out);
                }
                return s;
            };
        }

        @Override
        public Fold<RunningStatistics, PathAverages> newFold() {
            return new Fold<>() {
                private final RunningStatistics total = new RunningStatistics(names.length);

                @Override
                public void add(long chunk, RunningStatistics part) {
                    total.merge(part);
                }

                @Override
                public PathAverages result(double seconds) {
                    return new PathAverages(names, total, seconds);
                }
            };
        }
    }
}
