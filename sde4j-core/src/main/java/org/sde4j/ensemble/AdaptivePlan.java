package org.sde4j.ensemble;

import java.util.Arrays;
import org.sde4j.montecarlo.ChunkPlan;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.engine.BlockAdaptiveSolver;
import org.sde4j.solver.engine.PathAdaptiveSolver;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.SolveDivergedException;
import org.sde4j.solver.engine.StepControl;
import org.sde4j.solver.StepFailedException;

/**
 * What each chunk of an {@link AdaptiveEnsemble} computes — its paths solved at once, one per lane, by a thread's
 * {@link BlockAdaptiveSolver}, or one after the other by its {@link PathAdaptiveSolver} (the same bits), reduced in
 * path order to statistics, step counts and failures — and the fold that merges them in
 * chunk order and throws, at the end, when a path failed.
 *
 * <p>On large runs the block-adaptive engine takes {@value #CHUNKS_AT_ONCE} chunks at a time: its 256 lanes then
 * work through 1 024 paths, a lane whose path ends taking the next, so the lanes thin out once per four chunks
 * instead of once per chunk (a round costs about 3 µs whatever the number of active lanes). Each chunk is still
 * reduced on its own and folded in chunk order: the bits are those of one chunk at a time.
 */
final class AdaptivePlan implements ChunkPlan<AdaptiveChunk, AdaptiveEnsembleResult> {
    /** Chunks a block-adaptive worker solves at once, on runs of at least 16 blocks per thread. */
    static final int CHUNKS_AT_ONCE = 4;

    private final SdeProblem problem;
    private final Scheme scheme;
    private final StepControl control;
    private final double[] times;
    private final long paths;
    private final long seed;
    private final boolean keepFinalStates;
    private final boolean doubling;
    private final boolean driftControl;
    private final boolean block;
    private final int threads;
    private final int d;

    AdaptivePlan(SdeProblem problem, Scheme scheme, StepControl control, double[] times, long paths, long seed,
            boolean keepFinalStates, boolean doubling, boolean driftControl, boolean block, int threads) {
        this.problem = problem;
        this.scheme = scheme;
        this.control = control;
        this.times = times;
        this.paths = paths;
        this.seed = seed;
        this.keepFinalStates = keepFinalStates;
        this.doubling = doubling;
        this.driftControl = driftControl;
        this.block = block;
        this.threads = threads;
        this.d = problem.dimension();
    }

    /** {@value #CHUNKS_AT_ONCE} on the block-adaptive engine when that leaves at least 16 blocks per thread, else 1. */
    @Override
    public int chunksPerBlock() {
        return block && chunkCount() >= 16L * CHUNKS_AT_ONCE * threads ? CHUNKS_AT_ONCE : 1;
    }

    @Override
    public long chunkCount() {
        return (paths + Ensemble.CHUNK - 1) / Ensemble.CHUNK;
    }

    @Override
    public String identity() {
        return "adaptive ensemble of " + paths + " paths in chunks of " + Ensemble.CHUNK + ", " + scheme.name()
                + (doubling ? " with step doubling" : "") + (driftControl ? " with drift error control" : "") + ", "
                + control + ", seed " + seed + ", saved at "
                + Arrays.toString(times) + ", d = " + d + (keepFinalStates ? ", final states kept" : "");
    }

    @Override
    public Worker<AdaptiveChunk> newWorker() {
        if (block) {
            return new BlockWorker();
        }
        PathAdaptiveSolver solver = new PathAdaptiveSolver(problem, scheme, control, times, seed, doubling,
                driftControl);
        double[][] saved = new double[times.length][d];
        double[] row = new double[times.length * d];
        return chunk -> {
            long first = chunk * Ensemble.CHUNK;
            int count = (int) Math.min(Ensemble.CHUNK, paths - first);
            Reduction r = new Reduction(count);
            for (int i = 0; i < count; i++) {
                RuntimeException failure = null;
                try {
                    solver.solve(first + i, saved);
                } catch (StepFailedException | SolveDivergedException e) {
                    failure = e;
                }
                for (int k = 0; k < times.length; k++) {
                    System.arraycopy(saved[k], 0, row, k * d, d);
                }
                r.add(i, failure, row, 0, solver.accepted(), solver.rejected(), solver.smallestStep());
            }
            return r.chunk();
        };
    }

    /** A thread's block-adaptive engine: the chunks of a block solved at once, then reduced chunk by chunk. */
    private final class BlockWorker implements Worker<AdaptiveChunk> {
        private final BlockAdaptiveSolver solver = new BlockAdaptiveSolver(problem, scheme, control, times, seed,
                doubling, Ensemble.CHUNK);
        private double[] saved = new double[0];

        @Override
        public AdaptiveChunk compute(long chunk) {
            AdaptiveChunk[] part = new AdaptiveChunk[1];
            computeBlock(chunk, chunk + 1, (c, p, failure) -> part[0] = p);
            return part[0];
        }

        @Override
        public void computeBlock(long from, long to, Parts<AdaptiveChunk> parts) {
            long first = from * Ensemble.CHUNK;
            int count = (int) (Math.min(to * Ensemble.CHUNK, paths) - first);
            int row = times.length * d;
            if (saved.length < count * row) {
                saved = new double[count * row];
            }
            solver.solve(first, count, saved);
            for (long c = from; c < to; c++) {
                int start = (int) ((c - from) * Ensemble.CHUNK);
                int size = Math.min(Ensemble.CHUNK, count - start);
                Reduction r = new Reduction(size);
                for (int i = 0; i < size; i++) {
                    int k = start + i;
                    r.add(i, solver.failure(k), saved, k * row, solver.accepted(k), solver.rejected(k),
                            solver.smallestStep(k));
                }
                parts.accept(c, r.chunk(), null);
            }
        }
    }

    /** One chunk's paths reduced in path order: statistics, final states, step counts, failures. */
    private final class Reduction {
        private final RunningStatistics[] statistics = fresh();
        private final double[] finals;
        private final double[] point = new double[d];
        private final Tally tally = new Tally();

        Reduction(int count) {
            this.finals = keepFinalStates ? new double[count * d] : null;
        }

        /** Path i of the chunk: its failure (null if none), else its states at the save times at {@code rows[o…]}. */
        void add(int i, RuntimeException failure, double[] rows, int o, int pathAccepted, int pathRejected,
                double pathSmallest) {
            if (failure != null) {
                tally.add(0, 0, 0, 0, Double.POSITIVE_INFINITY, 1, failure);
                if (finals != null) {
                    Arrays.fill(finals, i * d, (i + 1) * d, Double.NaN);
                }
                return;
            }
            for (int k = 0; k < times.length; k++) {
                System.arraycopy(rows, o + k * d, point, 0, d);
                statistics[k].add(point);
            }
            if (finals != null) {
                System.arraycopy(rows, o + (times.length - 1) * d, finals, i * d, d);
            }
            tally.add(pathAccepted, pathRejected, pathAccepted, pathRejected, pathSmallest, 0, null);
        }

        AdaptiveChunk chunk() {
            return new AdaptiveChunk(statistics, finals, tally.accepted, tally.rejected, tally.maxAccepted,
                    tally.maxRejected, tally.smallest, tally.failures, tally.firstFailure);
        }
    }

    /** Step counts and failures summed over paths or chunks, in order (the first failure is the earliest one's). */
    private static final class Tally {
        private long accepted;
        private long rejected;
        private int maxAccepted;
        private int maxRejected;
        private double smallest = Double.POSITIVE_INFINITY;
        private long failures;
        private RuntimeException firstFailure;

        void add(long moreAccepted, long moreRejected, int mostAccepted, int mostRejected, double smallestStep,
                long moreFailures, RuntimeException failure) {
            accepted += moreAccepted;
            rejected += moreRejected;
            maxAccepted = Math.max(maxAccepted, mostAccepted);
            maxRejected = Math.max(maxRejected, mostRejected);
            smallest = Math.min(smallest, smallestStep);
            failures += moreFailures;
            if (firstFailure == null) {
                firstFailure = failure;
            }
        }
    }

    @Override
    public Fold<AdaptiveChunk, AdaptiveEnsembleResult> newFold() {
        return new Fold<>() {
            private final RunningStatistics[] total = fresh();
            private double[] finalStates;
            private final Tally tally = new Tally();

            @Override
            public void add(long chunk, AdaptiveChunk part) {
                for (int k = 0; k < times.length; k++) {
                    total[k].merge(part.statistics()[k]);
                }
                if (part.finalStates() != null) {
                    if (finalStates == null) {
                        finalStates = new double[Math.toIntExact(paths * d)];
                    }
                    System.arraycopy(part.finalStates(), 0, finalStates, Math.toIntExact(chunk * Ensemble.CHUNK * d),
                            part.finalStates().length);
                }
                tally.add(part.accepted(), part.rejected(), part.maxAccepted(), part.maxRejected(), part.smallestStep(),
                        part.failures(), part.firstFailure());
            }

            @Override
            public AdaptiveEnsembleResult result(double seconds) {
                RuntimeException first = tally.firstFailure;
                if (tally.failures > 0) {
                    double time = first instanceof StepFailedException f ? f.time()
                            : ((SolveDivergedException) first).time();
                    throw StepFailedException.at(time, tally.failures + " of " + paths + " paths failed; the first: "
                            + first.getMessage());
                }
                EnsembleResult statistics = new EnsembleResult(times.clone(), total, null, finalStates, d, seconds);
                return new AdaptiveEnsembleResult(statistics, new StepCounts(paths, tally.accepted, tally.rejected,
                        tally.maxAccepted, tally.maxRejected, tally.smallest));
            }
        };
    }

    private RunningStatistics[] fresh() {
        RunningStatistics[] statistics = new RunningStatistics[times.length];
        for (int k = 0; k < times.length; k++) {
            statistics[k] = new RunningStatistics(d);
        }
        return statistics;
    }
}
