package org.sde4j.ensemble;

import java.util.Arrays;
import java.util.function.LongConsumer;
import org.sde4j.brownian.BrownianSourceFactory;
import org.sde4j.montecarlo.ChunkPlan;
import org.sde4j.montecarlo.ChunkRunner;
import org.sde4j.montecarlo.MonteCarloJob;
import org.sde4j.montecarlo.Shard;
import org.sde4j.random.BoxMullerStream;
import org.sde4j.random.NoiseModel;
import org.sde4j.random.NoiseStream;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.engine.BlockSolver;
import org.sde4j.solver.NoiseSources;
import org.sde4j.solver.engine.PathSolver;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.SolveDivergedException;
import org.sde4j.solver.TimeGrid;

/**
 * Solves P paths of a problem with one scheme, in parallel, and returns statistics of the state at
 * the saved times.
 *
 * <pre>{@code
 * EnsembleResult r = Ensemble.of(problem, Schemes.byName("euler-maruyama"))
 *         .steps(1000).paths(100_000).seed(42).run();
 * double mean = r.mean()[0];
 * }</pre>
 *
 * <p><b>Two engines, one contract.</b> Paths are cut into chunks of {@value #CHUNK} consecutive paths;
 * statistics are accumulated per chunk and merged in chunk order, as soon as every earlier chunk is done,
 * so the result is bit-identical for any number of threads and any block size, and memory is
 * O(threads × block) whatever the number of paths (10^8 paths need no more than 10^5), unless
 * {@link #keepFinalStates} asks for every path.
 *
 * <ul>
 *   <li><b>Block engine</b> ({@link Engine#AUTO}, the default, picks it for every tableau scheme and for Itô
 *       Milstein, with one noise channel or diagonal noise, when no noise source is set, also under the problem's
 *       correlated noise: {@link BlockSolver#supports}): chunk c is one block
 *       in structure-of-arrays layout, stepped by {@link BlockSolver} with the SDE's batched functions
 *       ({@link org.sde4j.sde.Sde#withBlockForms}, or adapters over the per-path lambdas), driven by the
 *       vectorised Gaussian stream {@link BoxMullerStream#of BoxMullerStream.of(seed, c)} — or, for a scheme
 *       with its own {@linkplain Scheme#drivingNoise driving noise} (weak Euler's two-point, Platen weak-2's
 *       three-point law), by {@link NoiseStream#of NoiseStream.of(law, seed, c)}. Path p of chunk c
 *       depends only on (seed, c, p).</li>
 *   <li><b>Path engine</b> (every other scheme, any {@link #brownian}/{@link #noise} source, or
 *       {@link #engine engine(PATH)}): path i is driven by its own source created from (seed, i) — by default
 *       streaming increments from stream i of the seed (a scheme that needs iterated integrals gets
 *       Wiktorsson Lévy areas) — and is exactly the single-path solve on that stream; each thread steps a
 *       chunk's paths together ({@link PathSolver#solveBlock}).</li>
 * </ul>
 *
 * <p>A path whose state turns NaN or infinite stops the run with a {@link SolveDivergedException} naming
 * the time, step and path (in the lowest-numbered failing chunk, the first path to diverge; the same for
 * any thread count).
 *
 * <p>The builder is mutable and not thread-safe; {@link #run()} may be called repeatedly.
 *
 * <p>An ensemble is a {@link MonteCarloJob}: what each chunk computes is its {@link #plan()} (in {@code EnsemblePlan}),
 * and the {@link ChunkRunner} runs it on threads, as a whole ({@link #run()}) or as shards ({@link #runChunks},
 * {@link #merger()}) on other processes or machines, with the same bits.
 */
public final class Ensemble implements MonteCarloJob<EnsembleResult> {
    /** Paths per reduction chunk: the fixed unit that makes statistics independent of threads. */
    public static final int CHUNK = 256;

    /** Which engine solves the paths ({@link #engine}). */
    public enum Engine {
        /**
         * The block engine when {@link BlockSolver#supports} the (problem, scheme) pair and no noise source was
         * set with {@link #brownian} or {@link #noise}; else the path engine. The default. An explicit noise
         * source always selects the path engine, even one with the same law as the default
         * ({@code brownian(BrownianSourceFactory.gaussian())}, or {@code noise(scheme.drivingNoise())}): only the
         * path engine reads a source, and its streams differ from the block engine's, so such a run gives
         * other (equally distributed) numbers than one without the option.
         */
        AUTO,
        /** The block engine; {@link #run} throws when the pair has no block form or a noise source was set. */
        BLOCK,
        /** The path engine, path i driven by its own source (see {@link #perPathStreams}). */
        PATH
    }

    private final SdeProblem problem;
    private final Scheme scheme;
    private TimeGrid grid;
    private long paths = 1000;
    private long seed;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int blockSize = 16 * CHUNK;
    private double[] saveTimes;
    private boolean keepFinalStates;
    private boolean covariance;
    private int histogramComponent = -1;
    private Histogram histogramLayout;
    private LongConsumer progress;
    /** The noise source set with {@link #brownian} or {@link #noise}; null: the scheme's default. */
    private BrownianSourceFactory brownian;
    private Engine engine = Engine.AUTO;
    private java.util.concurrent.Executor executor;

    private Ensemble(SdeProblem problem, Scheme scheme) {
        this.problem = Require.nonNull("problem", problem);
        this.scheme = Require.nonNull("scheme", scheme);
        scheme.checkSupports(problem.sde());
        this.grid = TimeGrid.uniform(problem.t0(), problem.t1(), 100);
    }

    /**
     * Starts an ensemble of {@code problem} solved by {@code scheme} (defaults: 100 steps, 1000 paths,
     * seed 0, all processors, states saved at t1).
     *
     * @throws IllegalArgumentException when the scheme does not support the problem's SDE
     */
    public static Ensemble of(SdeProblem problem, Scheme scheme) {
        return new Ensemble(problem, scheme);
    }

    /** N uniform steps over the problem's time span. */
    public Ensemble steps(int steps) {
        this.grid = TimeGrid.uniform(problem.t0(), problem.t1(), steps);
        return this;
    }

    /** Steps of size {@code dt} (the last one shorter when dt does not divide the span). */
    public Ensemble stepSize(double dt) {
        this.grid = TimeGrid.withStepSize(problem.t0(), problem.t1(), dt);
        return this;
    }

    /** The number P of paths. */
    public Ensemble paths(long count) {
        this.paths = Require.positive("paths", count);
        return this;
    }

    /** The root seed of the per-path streams. */
    public Ensemble seed(long value) {
        this.seed = value;
        return this;
    }

    /** The number of threads (default: available processors). Never changes the result. */
    @Override
    public Ensemble threads(int count) {
        this.threads = Require.positive("threads", count);
        return this;
    }

    /**
     * Paths a thread takes at a time: a positive multiple of {@value #CHUNK} (default 4096). Never
     * changes the result.
     */
    public Ensemble blockSize(int pathsPerBlock) {
        Require.positive("blockSize", pathsPerBlock);
        if (pathsPerBlock % CHUNK != 0) {
            throw new IllegalArgumentException("blockSize = " + pathsPerBlock + ": must be a positive multiple of "
                    + CHUNK);
        }
        this.blockSize = pathsPerBlock;
        return this;
    }

    /** Times at which to collect statistics (inserted into the grid when not on it); default t1. */
    public Ensemble saveAt(double... times) {
        this.saveTimes = times.length == 0 ? null : times.clone();
        return this;
    }

    /** Whether to keep every path's final state (P × d doubles), for histograms or path-by-path checks. */
    public Ensemble keepFinalStates(boolean keep) {
        this.keepFinalStates = keep;
        return this;
    }

    /**
     * The noise source of each path (default: streaming N(0, h) increments,
     * {@link BrownianSourceFactory#gaussian()}). Path i's source is created from (seed, i) only, so
     * results stay independent of threads and blocks. A scheme that needs iterated integrals needs
     * {@link BrownianSourceFactory#iteratedIntegrals}. Setting a source selects the path engine under
     * {@link Engine#AUTO} (and {@link Engine#BLOCK} refuses it), even a source of the default law such as
     * {@code BrownianSourceFactory.gaussian()}: the results are then the path engine's, not the block engine's.
     * The sources it makes are independent; the problem's noise law is applied to them ({@link NoiseSources#honouring}).
     */
    public Ensemble brownian(BrownianSourceFactory factory) {
        this.brownian = Require.nonNull("factory", factory);
        return this;
    }

    /**
     * Steps path by path, path i driven by streaming increments from {@link org.sde4j.random.RandomStreams
     * stream i} of the seed (Ziggurat normals): path i of the ensemble is then exactly the single-path solve
     * {@code Solver.solveToEnd(problem, scheme, steps, Solver.brownian(problem, scheme, seed))} on stream i,
     * at the price of speed. Without it, schemes with a block form run on the block engine (see the class
     * description).
     */
    public Ensemble perPathStreams() {
        return engine(Engine.PATH);
    }

    /**
     * Runs the workers on {@code pool} (for example one pool shared by many ensembles) instead of a pool made
     * for each run; it must be able to run {@link #threads} tasks at once. Null restores the default: a fixed
     * pool of at most {@link #threads} daemon threads per run, shut down when the run ends. Never changes the
     * result.
     */
    public Ensemble executor(java.util.concurrent.Executor pool) {
        this.executor = pool;
        return this;
    }

    /**
     * Chooses the engine explicitly (default {@link Engine#AUTO}). The choice is this option alone: which
     * factory object a source comes from never matters.
     */
    public Ensemble engine(Engine choice) {
        this.engine = Require.nonNull("engine", choice);
        return this;
    }

    /**
     * Drives every path with increments of {@code model} (for weak schemes and stochastic nets): a noise source
     * like {@link #brownian}, so it selects the path engine under {@link Engine#AUTO}, even when {@code model} is
     * the scheme's own {@linkplain Scheme#drivingNoise driving noise} (which the block engine draws by itself
     * without this option, from other streams).
     */
    public Ensemble noise(NoiseModel model) {
        return brownian(BrownianSourceFactory.noise(model));
    }

    /** Whether to keep the d × d covariance of the state at each saved time (memory O(d²) per chunk). */
    public Ensemble covariance(boolean keep) {
        this.covariance = keep;
        return this;
    }

    /**
     * Keeps a histogram of state component {@code component} at each saved time: {@code bins} equal bins
     * on {@code [low, high)} (O(bins) memory whatever the number of paths; quantiles from
     * {@link EnsembleResult#histogramAt}).
     *
     * @throws IllegalArgumentException when the component or the layout is invalid
     */
    public Ensemble histogram(int component, double low, double high, int bins) {
        if (component < 0 || component >= problem.dimension()) {
            throw new IllegalArgumentException("component = " + component + ": must lie in [0, " + problem.dimension()
                    + ")");
        }
        this.histogramLayout = new Histogram(low, high, bins);
        this.histogramComponent = component;
        return this;
    }

    /**
     * A listener told the number of finished paths after each chunk, from worker threads; it must be
     * thread-safe and cheap.
     */
    public Ensemble progress(LongConsumer finishedPaths) {
        this.progress = finishedPaths;
        return this;
    }

    /**
     * Runs the ensemble.
     *
     * @throws SolveDivergedException when a path's state stops being finite
     */
    @Override
    public EnsembleResult run() {
        return ChunkRunner.run(plan(), threads, executor);
    }

    /**
     * Runs chunks {@code [fromChunk, toChunk)} only — paths {@code [fromChunk·}{@value #CHUNK}{@code ,
     * min(P, toChunk·}{@value #CHUNK}{@code ))} — and returns their statistics chunk by chunk, for a {@link #merger()}
     * to fold in chunk order: the merge of shards covering all chunks, added in any order, is bit-identical to
     * {@link #run()}. A path that diverges (or a step that fails) does not throw here: the shard carries the exception
     * and the merger throws it, so the exception is the one {@link #run()} throws. With {@link #keepFinalStates} the
     * shard also carries its paths' final states ({@code paths × d} doubles), which the merger places at their paths.
     *
     * @throws IllegalArgumentException when the range is empty or outside {@code [0, chunkCount())}
     */
    @Override
    public Shard runChunks(long fromChunk, long toChunk) {
        return ChunkRunner.runShard(plan(), fromChunk, toChunk, threads, executor);
    }

    /** The number of chunks of {@value #CHUNK} paths (the last one may be shorter): ⌈P / {@value #CHUNK}⌉. */
    @Override
    public long chunkCount() {
        return (paths + CHUNK - 1) / CHUNK;
    }

    /**
     * What each chunk computes, as the settings are now (a snapshot): the engine, the noise source of each path, the
     * time grid with the saved times inserted. Checks that the run fits in memory before anything is allocated.
     *
     * @throws IllegalArgumentException when {@link Engine#BLOCK} was asked for a pair without a block form, or the
     *                                  run does not fit in memory
     */
    @Override
    public ChunkPlan<?, EnsembleResult> plan() {
        if (chunkCount() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("paths = " + paths + ": at most " + (long) (Integer.MAX_VALUE - 8) * CHUNK
                    + " paths per run");
        }
        double[] times = saveTimes == null ? new double[] {problem.t1()} : saveTimes.clone();
        Arrays.sort(times);
        TimeGrid full = grid.including(times);
        int[] indices = Arrays.stream(times).mapToInt(full::indexOf).distinct().toArray();
        int d = problem.dimension();
        if (keepFinalStates && paths * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("paths = " + paths + ": too many to keep final states (at most "
                    + (Integer.MAX_VALUE - 8) / d + " for d = " + d + ")");
        }
        requireMemory(full, indices.length, d, paths);
        boolean blockForm = brownian == null && BlockSolver.supports(problem, scheme);
        if (engine == Engine.BLOCK && !blockForm) {
            throw new IllegalArgumentException("engine = BLOCK: " + (brownian != null
                    ? "a noise source was set (brownian/noise), which only the path engine reads"
                    : "scheme " + scheme.name() + " has no block form for " + problem.sde()) + "; use AUTO or PATH");
        }
        boolean blocks = engine != Engine.PATH && blockForm;
        return new EnsemblePlan(new EnsemblePlan.Settings(problem, scheme, full, indices, paths, seed, covariance,
                histogramComponent, histogramLayout, keepFinalStates, blocks ? null : pathSources(), blocks,
                blockSize / CHUNK, threads, progress));
    }

    /**
     * The source of each path on the path engine: the scheme's source under the problem's noise law
     * ({@link NoiseSources#forScheme}); a source set by the caller gets that law too.
     */
    private BrownianSourceFactory pathSources() {
        return brownian == null ? NoiseSources.forScheme(problem, scheme) : NoiseSources.honouring(problem, brownian);
    }

    /**
     * Checks that the run's arrays fit in memory before any is allocated: the time grid (when not built
     * yet), the kept final states of the {@code paths} paths run, and per chunk in flight its statistics,
     * histograms and saved states.
     */
    private void requireMemory(TimeGrid full, int saves, int d, long paths) {
        long chunksInFlight = (long) threads * (blockSize / CHUNK) * 4 + threads;
        long perChunkDoubles = (long) saves * (4L * d + (covariance ? (long) d * d : 0)
                + (histogramLayout == null ? 0 : histogramLayout.bins())) + (long) CHUNK * saves * d;
        long bytes = full.bytesToShare();
        long finals = keepFinalStates ? Require.bytesOf(paths, d, 8) : 0;
        long inFlight = Require.bytesOf(chunksInFlight, perChunkDoubles, 8);
        if (finals < 0 || inFlight < 0) {
            bytes = -1;
        } else {
            bytes += finals + inFlight;
        }
        Require.memory("steps = " + full.steps() + ", paths = " + paths + ", " + saves + " saved time"
                + (saves == 1 ? "" : "s") + (keepFinalStates ? ", final states kept" : "")
                + (histogramLayout == null ? "" : ", histogram of " + histogramLayout.bins() + " bins")
                + ": the ensemble", bytes);
    }

    /**
     * This ensemble stepped adaptively ({@link AdaptiveEnsemble}): each path on its own error estimate over its own
     * Brownian path, with these paths, seed, threads, saved times and executor (the steps and engine are not used).
     */
    public AdaptiveEnsemble adaptive(double atol, double rtol) {
        return AdaptiveEnsemble.of(problem, scheme).tolerances(atol, rtol).paths(paths).seed(seed).threads(threads)
                .saveAt(saveTimes == null ? new double[0] : saveTimes).keepFinalStates(keepFinalStates).executor(executor);
    }
}
