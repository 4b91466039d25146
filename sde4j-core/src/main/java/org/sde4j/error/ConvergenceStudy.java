package org.sde4j.error;

import java.util.Arrays;
import org.sde4j.montecarlo.ChunkPlan;
import org.sde4j.montecarlo.ChunkRunner;
import org.sde4j.montecarlo.MonteCarloJob;
import org.sde4j.montecarlo.Shard;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Scheme;

/**
 * What strong and weak convergence studies share: the problem and scheme, the step sizes, the paths,
 * the seed, the threads and the bootstrap. Subclasses {@link StrongError} and {@link WeakError} add
 * what the error is measured against.
 *
 * <p>Step sizes are given as numbers of uniform steps over {@code [t0, t1]} ({@link #steps}), as step
 * sizes ({@link #stepSizes}) or as successive halvings ({@link #halvings}); at least three, with
 * strictly decreasing Δt. Every path samples one Brownian path on a grid fine enough for all levels
 * (the least common multiple of the step counts, times the reference refinement when a reference
 * solution is used): the coarse increments are exact sums of fine ones, so all levels see the same
 * path — common random numbers.
 *
 * <p>Reproducibility: path p draws from stream p of the seed ({@link org.sde4j.random.RandomStreams});
 * per-path results are reduced in path order; the bootstrap draws from streams of its own. The result
 * is bit-identical for any thread count. The builder is mutable and not thread-safe.
 *
 * <p>Sharding: a study is a {@link MonteCarloJob}. Its paths are cut into {@link #chunkCount()} chunks of
 * {@value #CHUNK}; what each chunk computes is the study's {@link #plan()} ({@link StudyPlan}: each path's row of
 * samples), and the {@link ChunkRunner} runs it as a whole ({@link #run()}) or as shards ({@link #runChunks}) that a
 * {@link #merger()} places at their paths, in any order of arrival, and finishes exactly as {@link #run()} does — the
 * same errors, standard errors, fitted order and interval, to the last bit.
 *
 * @param <S> the concrete study, so setters chain
 */
public abstract class ConvergenceStudy<S extends ConvergenceStudy<S>> implements MonteCarloJob<ConvergenceResult> {
    /** The largest Brownian grid a study samples per path. */
    static final int MAX_GRID_STEPS = 1 << 24;
    /** Paths per chunk: the unit of parallel work, of failure reporting and of {@link #runChunks shards}. */
    public static final int CHUNK = 64;

    final SdeProblem problem;
    final Scheme scheme;
    int[] steps = {16, 32, 64, 128, 256};
    long paths = 1000;
    long seed;
    int threads = Runtime.getRuntime().availableProcessors();
    /** The caller's executor ({@link #executor}); null: a pool of the run's own. */
    java.util.concurrent.Executor executor;
    int resamples = 1000;
    Scheme referenceScheme;
    int refinement = 16;

    ConvergenceStudy(SdeProblem problem, Scheme scheme) {
        this.problem = Require.nonNull("problem", problem);
        this.scheme = Require.nonNull("scheme", scheme);
        scheme.checkSupports(problem.sde());
    }

    abstract S self();

    /** {@code "strong"} or {@code "weak"}. */
    abstract String kind();

    /** Checks, before anything runs, that the study knows what to compare with and that its options agree. */
    abstract void checkReady();

    /** The number of per-path samples (doubles) per path. */
    abstract int width();

    /** The steps of the Brownian grid each path samples (0 when none is stored). */
    abstract int storedGridSteps();

    /**
     * The per-thread work: creates the thread's workspace once and returns the worker that turns chunk
     * {@code chunk} (absolute index) of paths {@code [first, first + count)} into their samples.
     */
    abstract StudyPlan.PathsWorker worker();

    /** What the merger does with the merged samples: this study's result, from a snapshot of its settings. */
    abstract StudyPlan.Finisher<ConvergenceResult> finisher();

    /**
     * A finisher from a snapshot of the settings as they are now: {@code estimatorOf} reads the merged samples, its
     * estimates are the errors and standard errors per level, and {@link OrderFit} fits the order with its bootstrap
     * interval over the paths.
     */
    final StudyPlan.Finisher<ConvergenceResult> finisher(String measure, double declared,
            java.util.function.Function<double[], ErrorEstimator> estimatorOf) {
        int levels = steps.length;
        int[] counts = steps.clone();
        double[] dts = dts();
        long[] evaluations = evaluations();
        int bootstrap = resamples;
        long rootSeed = seed;
        int workers = threads;
        java.util.concurrent.Executor pool = executor;
        long pathCount = paths;
        String name = scheme.name();
        String kind = kind();
        return (samples, cpuSeconds, seconds) -> {
            ErrorEstimator estimator = estimatorOf.apply(samples);
            double[] errors = new double[levels];
            double[] stderrs = new double[levels];
            estimator.estimate(null, errors, stderrs);
            OrderEstimate order = OrderFit.estimate(dts, estimator, bootstrap, rootSeed, workers, pool);
            return new ConvergenceResult(kind, measure, name, declared, counts, dts, errors, stderrs, evaluations,
                    cpuSeconds, pathCount, rootSeed, seconds, order);
        };
    }

    /**
     * Runs the study: every chunk, folded in chunk order, finished from the complete matrix of samples.
     *
     * @throws IllegalArgumentException                when the study is incomplete or too large for memory
     * @throws org.sde4j.solver.SolveDivergedException when a path diverged (the one of the lowest chunk)
     */
    @Override
    public ConvergenceResult run() {
        return ChunkRunner.run(plan(), threads, executor);
    }

    /** The number of chunks of {@value #CHUNK} paths (the last one may be shorter): ⌈P / {@value #CHUNK}⌉. */
    @Override
    public long chunkCount() {
        return (paths + CHUNK - 1) / CHUNK;
    }

    /**
     * Runs chunks {@code [fromChunk, toChunk)} only — paths {@code [fromChunk·}{@value #CHUNK}{@code ,
     * min(P, toChunk·}{@value #CHUNK}{@code ))} — and returns their per-path samples for a {@link #merger()}.
     * Path p's samples depend only on (seed, p), and each chunk is solved as one block exactly as in
     * {@link #run()}, so the shard holds the bits {@code run()} computes for those paths, on any machine, with
     * any thread count. A path that diverges, a step that fails, or a functional that is not finite does not
     * throw here: the shard carries the exception of its lowest failing chunk ({@link Shard#failure()}) and the
     * merger throws the lowest of all, which is the one {@link #run()} throws.
     *
     * @param fromChunk the first chunk, from 0
     * @param toChunk   one past the last chunk, at most {@link #chunkCount()}
     * @return the shard
     * @throws IllegalArgumentException when the range is empty or outside {@code [0, chunkCount())}, the study
     *                                  is incomplete, or the study is too large for memory
     */
    @Override
    public Shard runChunks(long fromChunk, long toChunk) {
        return ChunkRunner.runShard(plan(), fromChunk, toChunk, threads, executor);
    }

    /**
     * What each chunk computes and how the study is finished, as the settings are now.
     *
     * @throws IllegalArgumentException when the study is incomplete (nothing to compare with, options that
     *                                  disagree, too few paths) or too large for memory
     */
    @Override
    public ChunkPlan<?, ConvergenceResult> plan() {
        checkReady();
        return plan(finisher());
    }

    /** The plan with another finish: the result ({@link #plan()}) or the samples themselves. */
    final <R> StudyPlan<R> plan(StudyPlan.Finisher<R> finish) {
        checkReady();
        requireSampleSizes();
        int width = width();
        requireMemory(storedGridSteps(), CHUNK, width, paths);
        String identity = kind() + " study of " + scheme.name() + ": " + paths + " paths in chunks of " + CHUNK
                + ", seed " + seed + ", steps " + Arrays.toString(steps) + ", " + width + " samples per path";
        return new StudyPlan<>(identity, paths, width, steps.length, this::worker, finish);
    }

    /**
     * Function evaluations per path at each level: steps × (drift + diffusion evaluations per step).
     */
    long[] evaluations() {
        long[] evaluations = new long[steps.length];
        for (int l = 0; l < steps.length; l++) {
            evaluations[l] = (long) steps[l] * (scheme.driftEvaluationsPerStep() + scheme.diffusionEvaluationsPerStep());
        }
        return evaluations;
    }

    /**
     * The levels as numbers of uniform steps over the time span (default 16, 32, 64, 128, 256).
     *
     * @param counts at least 3, strictly increasing (so Δt strictly decreases)
     * @throws IllegalArgumentException naming the offending entry
     */
    public S steps(int... counts) {
        Require.nonNull("steps", counts);
        requireThree(counts.length);
        for (int i = 0; i < counts.length; i++) {
            Require.positive("steps[" + i + "]", counts[i]);
            if (i > 0 && counts[i] <= counts[i - 1]) {
                double span = problem.t1() - problem.t0();
                throw new IllegalArgumentException("dts = " + Arrays.toString(dtsOf(counts, span))
                        + " (steps = " + Arrays.toString(counts) + "): step sizes must decrease strictly, but dts["
                        + i + "] = " + span / counts[i] + " is not smaller than dts[" + (i - 1) + "] = "
                        + span / counts[i - 1]);
            }
        }
        this.steps = counts.clone();
        return self();
    }

    /**
     * The levels as step sizes; each must divide the time span into a whole number of steps (to a
     * relative 1e-9).
     *
     * @param dts at least 3, strictly decreasing
     */
    public S stepSizes(double... dts) {
        Require.nonNull("dts", dts);
        requireThree(dts.length);
        double span = problem.t1() - problem.t0();
        int[] counts = new int[dts.length];
        for (int i = 0; i < dts.length; i++) {
            Require.positive("dts[" + i + "]", dts[i]);
            if (i > 0 && !(dts[i] < dts[i - 1])) {
                throw new IllegalArgumentException("dts = " + Arrays.toString(dts) + ": step sizes must decrease"
                        + " strictly, but dts[" + i + "] = " + dts[i] + " is not smaller than dts[" + (i - 1) + "] = "
                        + dts[i - 1]);
            }
            double n = span / dts[i];
            double rounded = Math.rint(n);
            if (Math.abs(n - rounded) > 1e-9 * Math.max(1, n) || rounded > MAX_GRID_STEPS) {
                throw new IllegalArgumentException("dts[" + i + "] = " + dts[i] + ": must divide the time span "
                        + span + " into a whole number of steps (at most " + MAX_GRID_STEPS + ")");
            }
            counts[i] = (int) rounded;
        }
        return steps(counts);
    }

    /**
     * {@code levels} step counts {@code coarsest · 2^k}, {@code k = 0 .. levels − 1}: Δt halves from level
     * to level.
     */
    public S halvings(int coarsest, int levels) {
        Require.positive("coarsest", coarsest);
        requireThree(levels);
        if ((long) coarsest << (levels - 1) > MAX_GRID_STEPS) {
            throw new IllegalArgumentException("levels = " + levels + ": " + coarsest + " · 2^" + (levels - 1)
                    + " steps exceed " + MAX_GRID_STEPS);
        }
        int[] counts = new int[levels];
        for (int k = 0; k < levels; k++) {
            counts[k] = coarsest << k;
        }
        return steps(counts);
    }

    /** The number of paths (default 1000). */
    public S paths(long count) {
        this.paths = Require.positive("paths", count);
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("paths = " + count + ": at most " + (Integer.MAX_VALUE - 8));
        }
        return self();
    }

    /** The root seed (default 0). */
    public S seed(long value) {
        this.seed = value;
        return self();
    }

    /** Threads (default: available processors). Never changes the result. */
    @Override
    public S threads(int count) {
        this.threads = Require.positive("threads", count);
        return self();
    }

    /**
     * Runs the study's work — the solves of {@link #run()} and {@link #runChunks}, and the bootstrap of the
     * order's interval — on {@code pool} (for example one pool shared by many studies and ensembles, as
     * {@link org.sde4j.ensemble.Ensemble#executor} takes) instead of pools made for the run. At most
     * {@link #threads} tasks are submitted at a time and none waits for another, so any executor serves, even one
     * that runs tasks in the calling thread. Null restores the default: for each parallel phase (the solves, then
     * the bootstrap), a fixed pool of at most {@link #threads} daemon threads, made when the phase starts and shut
     * down when it ends; one thread runs in the calling thread. Never changes the result: paths and bootstrap
     * resamples are cut into fixed chunks with their own streams, merged in chunk order.
     */
    public S executor(java.util.concurrent.Executor pool) {
        this.executor = pool;
        return self();
    }

    /**
     * Bootstrap resamples for the order's interval (default 1000; 0 for none). Each resample costs
     * O(paths × levels), so the bootstrap costs about as much as summing the errors 1000 times: negligible
     * next to the solves up to some 10^5 paths, and worth lowering beyond.
     */
    public S bootstrapResamples(int count) {
        if (count < 0 || (count > 0 && count < MIN_RESAMPLES)) {
            throw new IllegalArgumentException("resamples = " + count + ": must be 0 (no interval) or at least "
                    + MIN_RESAMPLES + " (for the 2.5 % and 97.5 % quantiles of a 95 % interval)");
        }
        this.resamples = count;
        return self();
    }

    /**
     * How many reference steps per step of the finest level (default 16) when the error is measured
     * against a reference solution.
     */
    public S referenceRefinement(int factor) {
        this.refinement = Require.positive("referenceRefinement", factor);
        return self();
    }

    /** The step sizes per level. */
    public double[] dts() {
        return dtsOf(steps, problem.t1() - problem.t0());
    }

    /** The steps of the Brownian grid each path samples. */
    int brownianSteps() {
        long lcm = 1;
        for (int n : steps) {
            lcm = lcm / gcd(lcm, n) * n;
            if (lcm > MAX_GRID_STEPS) {
                break;
            }
        }
        long grid = referenceScheme != null ? lcm * refinement : lcm;
        if (grid > MAX_GRID_STEPS) {
            throw new IllegalArgumentException("steps = " + Arrays.toString(steps) + ": the common Brownian grid"
                    + (referenceScheme != null ? " (least common multiple × reference refinement " + refinement + ")" : "")
                    + " would have " + grid + " steps, more than " + MAX_GRID_STEPS + "; use step counts that divide"
                    + " each other, such as halvings");
        }
        return (int) grid;
    }

    /** Fewest paths with a standard error: the sample variance needs two. */
    public static final int MIN_PATHS = 2;
    /**
     * Fewest paths for a bootstrap interval. One path gives an interval of zero width, and the percentile
     * bootstrap's coverage falls well below its nominal 95 % with a handful of paths; 20 is this library's
     * floor, not a guarantee of 95 % coverage.
     */
    public static final int MIN_BOOTSTRAP_PATHS = 20;
    /** Fewest bootstrap resamples (other than 0): the 2.5 % and 97.5 % quantiles need 40 to be distinct order statistics. */
    public static final int MIN_RESAMPLES = 40;

    /**
     * Checks that the sample sizes can give what the result reports: a standard error needs
     * {@value #MIN_PATHS} paths, a bootstrap interval {@value #MIN_BOOTSTRAP_PATHS}.
     *
     * @throws IllegalArgumentException naming the paths and what is needed
     */
    void requireSampleSizes() {
        if (paths < MIN_PATHS) {
            throw new IllegalArgumentException("paths = " + paths + ": a standard error needs at least " + MIN_PATHS
                    + " paths");
        }
        if (resamples > 0 && paths < MIN_BOOTSTRAP_PATHS) {
            throw new IllegalArgumentException("paths = " + paths + ": a bootstrap interval for the order needs at least "
                    + MIN_BOOTSTRAP_PATHS + " paths to resample; use more paths, or bootstrapResamples(0) for no interval");
        }
    }

    /**
     * Checks, before a run allocates, that its arrays fit in memory: per thread the stored Brownian paths
     * of one chunk ({@code chunk} paths of {@code fine} steps and m noises; up to (1 + m) or 3 doubles
     * per step and noise with iterated integrals or Lévy areas) and each level's time grid, and for the
     * {@code paths} paths run two copies of the per-path samples ({@code width} doubles per path).
     *
     * @throws IllegalArgumentException naming the sizes, the memory needed and the memory available
     */
    void requireMemory(int fine, int chunk, int width, long paths) {
        int m = problem.sde().noiseDimension();
        long perStep = (long) m * Math.max(3, 1 + m);
        long grids = fine + 1L;
        for (int n : steps) {
            grids += n + 1L;
        }
        long perThread = Require.bytesOf(chunk, (fine + 1L) * perStep, 8);
        long samples = Require.bytesOf(paths, width, 16);
        long bytes = perThread < 0 || samples < 0 ? -1
                : Require.bytesOf(threads, perThread + grids * 8, 1);
        Require.memory("steps = " + Arrays.toString(steps) + " (Brownian grid of " + fine + " steps), paths = " + paths
                + ", threads = " + threads + ": the study", bytes < 0 ? -1 : bytes + samples);
    }

    /** The save indices, on a level with {@code n} steps, of the times of the coarsest grid after t0. */
    int[] saveIndices(int n) {
        int coarse = steps[0];
        int[] indices = new int[coarse];
        for (int k = 1; k <= coarse; k++) {
            indices[k - 1] = (int) ((long) k * n / coarse);
        }
        return indices;
    }

    /** Whether every level's grid contains the coarsest grid's times (for errors over saved times). */
    boolean coarsestTimesOnEveryLevel() {
        for (int n : steps) {
            if (n % steps[0] != 0) {
                return false;
            }
        }
        return true;
    }

    static double[] dtsOf(int[] counts, double span) {
        double[] dts = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            dts[i] = span / counts[i];
        }
        return dts;
    }

    private static void requireThree(int count) {
        if (count < 3) {
            throw new IllegalArgumentException("step sizes: " + count + " given; an order fit with a confidence"
                    + " interval needs at least 3 step sizes");
        }
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
