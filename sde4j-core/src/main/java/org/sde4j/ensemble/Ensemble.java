package org.sde4j.ensemble;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.sde4j.brownian.BrownianSource;
import org.sde4j.brownian.BrownianSourceFactory;
import org.sde4j.random.NoiseModel;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;
import org.sde4j.random.BoxMullerStream;
import org.sde4j.random.NoiseStream;
import org.sde4j.solver.BlockSolver;
import org.sde4j.solver.NoiseSources;
import org.sde4j.solver.PathSolver;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.SolveDivergedException;
import org.sde4j.solver.StepFailedException;
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
 * <p>Length: over 400 lines because the options and the two engines that read them (block and path, and the
 * range-of-chunks run that Spark shards share with {@link #run()}) must stay in one place to stay bit-identical to
 * each other; the solving itself is in {@link BlockSolver} and {@link PathSolver}.
 */
public final class Ensemble {
    /** The longest a worker lends its processor to the vector kernel's warm-up (it usually takes about 0.5 s). */
    private static final long LEND_AT_MOST_MILLIS = 2000;

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
    public EnsembleResult run() {
        return execute(0, chunkCount(), null);
    }

    /** The number of chunks of {@value #CHUNK} paths (the last one may be shorter): ⌈P / {@value #CHUNK}⌉. */
    public long chunkCount() {
        return (paths + CHUNK - 1) / CHUNK;
    }

    /**
     * Runs chunks {@code [fromChunk, toChunk)} only — paths {@code [fromChunk·}{@value #CHUNK}{@code ,
     * min(P, toChunk·}{@value #CHUNK}{@code ))} — and returns their statistics chunk by chunk, for a
     * {@link ShardMerger} to fold in chunk order: the merge of shards covering all chunks, added in any
     * order, is bit-identical to {@link #run()}. A path that diverges (or a step that fails) does not throw
     * here: the shard carries the exception ({@link EnsembleShard#failure()}) and the merger throws it, so the
     * exception is the one {@link #run()} throws. With {@link #keepFinalStates} the shard also carries its paths'
     * final states ({@code paths × d} doubles), which the merger places at their paths.
     *
     * @throws IllegalArgumentException when the range is empty or outside {@code [0, chunkCount())}
     */
    public EnsembleShard runChunks(long fromChunk, long toChunk) {
        long chunks = chunkCount();
        if (chunks > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("paths = " + paths + ": at most " + (long) (Integer.MAX_VALUE - 8) * CHUNK
                    + " paths per run");
        }
        if (fromChunk < 0 || toChunk > chunks || fromChunk >= toChunk) {
            throw new IllegalArgumentException("chunks [" + fromChunk + ", " + toChunk + "): must be a non-empty range"
                    + " within [0, " + chunks + ")");
        }
        EnsembleShard.Builder shard = new EnsembleShard.Builder(fromChunk, toChunk, chunks, paths);
        try {
            EnsembleResult layout = execute(fromChunk, toChunk, chunk -> shard.add(chunk.statistics(),
                    chunk.histograms()));
            return shard.build(layout);
        } catch (SolveDivergedException | StepFailedException e) {
            return shard.failed(e);
        }
    }

    private EnsembleResult execute(long firstChunk, long endChunk,
            java.util.function.Consumer<ChunkResult> chunkSink) {
        long start = System.nanoTime();
        double[] times = saveTimes == null ? new double[] {problem.t1()} : saveTimes.clone();
        Arrays.sort(times);
        TimeGrid full = grid.including(times);
        int[] indices = Arrays.stream(times).mapToInt(full::indexOf).distinct().toArray();
        double[] savedTimes = Arrays.stream(indices).mapToDouble(full::time).toArray();
        int d = problem.dimension();
        int m = problem.sde().noiseDimension();
        long rangeFirstPath = firstChunk * CHUNK;
        long rangePaths = Math.min(paths, endChunk * CHUNK) - rangeFirstPath;
        if (keepFinalStates && paths * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("paths = " + paths + ": too many to keep final states (at most "
                    + (Integer.MAX_VALUE - 8) / d + " for d = " + d + ")");
        }
        requireMemory(full, indices.length, d, rangePaths);
        // The final states of this run's paths, path p at (p − rangeFirstPath)·d.
        double[] finals = keepFinalStates ? new double[(int) (rangePaths * d)] : null;
        AtomicLong finished = new AtomicLong();
        long rootSeed = seed;
        LongConsumer listener = progress;
        boolean keepCovariance = covariance;
        // The scheme's source under the problem's noise law; a source set by the caller gets that law too.
        BrownianSourceFactory pathSources = brownian == null ? NoiseSources.forScheme(problem, scheme)
                : NoiseSources.honouring(problem, brownian);

        int histogramOf = histogramComponent;
        Histogram layout = histogramLayout;
        RunningStatistics[] total = new RunningStatistics[indices.length];
        Histogram[] histograms = layout == null ? null : new Histogram[indices.length];
        for (int s = 0; s < total.length; s++) {
            total[s] = new RunningStatistics(d, covariance);
            if (histograms != null) {
                histograms[s] = layout.emptyLike();
            }
        }
        java.util.function.Consumer<ChunkResult> merge = chunk -> {
            for (int s = 0; s < total.length; s++) {
                total[s].merge(chunk.statistics()[s]);
                if (histograms != null) {
                    histograms[s].merge(chunk.histograms()[s]);
                }
            }
        };
        int saves = indices.length;
        boolean blockForm = brownian == null && BlockSolver.supports(problem, scheme);
        if (engine == Engine.BLOCK && !blockForm) {
            throw new IllegalArgumentException("engine = BLOCK: " + (brownian != null
                    ? "a noise source was set (brownian/noise), which only the path engine reads"
                    : "scheme " + scheme.name() + " has no block form for " + problem.sde()) + "; use AUTO or PATH");
        }
        boolean blocks = engine != Engine.PATH && blockForm;
        java.util.function.Consumer<ChunkResult> inOrder = chunkSink == null ? merge : chunkSink;
        if (blocks) {
            // When the workers take every processor, the second one first lends its processor to the warm-up of
            // the Gaussian stream's vector kernel, if the job is large enough to repay it (BoxMullerStream decides).
            boolean lend = scheme.drivingNoise() == null && threads > 1
                    && threads >= Runtime.getRuntime().availableProcessors();
            double draws = (double) rangePaths * full.steps() * m;
            AtomicInteger workersStarted = new AtomicInteger();
            runChunkRange(firstChunk, endChunk, () -> {
                if (lend && workersStarted.getAndIncrement() == 1) {
                    BoxMullerStream.lendProcessorToWarmUp(draws, LEND_AT_MOST_MILLIS);
                }
                BlockSolver solver = new BlockSolver(problem, scheme, full, CHUNK, indices);
                double[] state = new double[d];
                return (chunk, firstPath, count) -> {
                    RunningStatistics[] stats = new RunningStatistics[saves];
                    Histogram[] chunkHistograms = layout == null ? null : new Histogram[saves];
                    for (int s = 0; s < saves; s++) {
                        stats[s] = new RunningStatistics(d, keepCovariance);
                        if (chunkHistograms != null) {
                            chunkHistograms[s] = layout.emptyLike();
                        }
                    }
                    try {
                        solver.solveBlock(rootSeed, chunk, count, (s, x, n, stride) -> {
                            for (int p = 0; p < n; p++) {
                                for (int i = 0; i < d; i++) {
                                    state[i] = x[i * stride + p];
                                }
                                stats[s].add(state);
                                if (chunkHistograms != null) {
                                    chunkHistograms[s].add(state[histogramOf]);
                                }
                                if (finals != null && s == saves - 1) {
                                    System.arraycopy(state, 0, finals, (int) ((firstPath + p - rangeFirstPath) * d), d);
                                }
                            }
                        });
                    } catch (SolveDivergedException e) {
                        throw e.onPath(firstPath + e.path());
                    }
                    if (listener != null) {
                        listener.accept(finished.addAndGet(count));
                    }
                    return new ChunkResult(stats, chunkHistograms);
                };
            }, inOrder);
        } else {
            runChunkRange(firstChunk, endChunk, () -> {
                PathSolver solver = new PathSolver(problem, scheme, full, indices);
                double[][] states = new double[CHUNK][solver.stateLength()];
                double[][][] saved = new double[CHUNK][indices.length][d];
                BrownianSource[] brownian = new BrownianSource[CHUNK];
                return (chunk, firstPath, count) -> {
                    for (int i = 0; i < count; i++) {
                        brownian[i] = pathSources.create(rootSeed, firstPath + i, m);
                    }
                    try {
                        solver.solveBlock(brownian, count, states, saved);
                    } catch (SolveDivergedException e) {
                        throw e.onPath(firstPath + e.path());
                    } catch (StepFailedException e) {
                        throw e.onPath(firstPath + e.path());
                    }
                    RunningStatistics[] stats = new RunningStatistics[saves];
                    Histogram[] chunkHistograms = layout == null ? null : new Histogram[saves];
                    for (int s = 0; s < saves; s++) {
                        stats[s] = new RunningStatistics(d, keepCovariance);
                        for (int i = 0; i < count; i++) {
                            stats[s].add(saved[i][s]);
                        }
                        if (chunkHistograms != null) {
                            chunkHistograms[s] = layout.emptyLike();
                            for (int i = 0; i < count; i++) {
                                chunkHistograms[s].add(saved[i][s][histogramOf]);
                            }
                        }
                    }
                    if (finals != null) {
                        for (int i = 0; i < count; i++) {
                            System.arraycopy(saved[i][saves - 1], 0, finals, (int) ((firstPath + i - rangeFirstPath) * d), d);
                        }
                    }
                    if (listener != null) {
                        listener.accept(finished.addAndGet(count));
                    }
                    return new ChunkResult(stats, chunkHistograms);
                };
            }, inOrder);
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        return new EnsembleResult(savedTimes, total, histograms, finals, d, seconds);
    }

    /**
     * Checks that the run's arrays fit in memory before any is allocated: the time grid (when not built
     * yet), the kept final states of the {@code paths} paths run, and per chunk in flight its statistics,
     * histograms and saved states.
     */
    private void requireMemory(TimeGrid full, int saves, int d, long paths) {
        long chunksInFlight = (long) threads * (blockSize / CHUNK) + threads;
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
     * {@link ParallelPaths#runOrdered} over chunks {@code [firstChunk, endChunk)} of the whole, on this ensemble's
     * executor: the workers see the chunk indices and path indices of the whole ensemble.
     */
    private <R> void runChunkRange(long firstChunk, long endChunk,
            java.util.function.Supplier<ParallelPaths.ChunkWorker<R>> workers, java.util.function.Consumer<R> inOrder) {
        long firstPath = firstChunk * CHUNK;
        long rangePaths = Math.min(paths, endChunk * CHUNK) - firstPath;
        ParallelPaths.runOrdered(rangePaths, CHUNK, blockSize / CHUNK, threads, () -> {
            ParallelPaths.ChunkWorker<R> worker = workers.get();
            return (chunk, first, count) -> worker.process((int) (chunk + firstChunk), first + firstPath, count);
        }, inOrder, executor);
    }

    /** One chunk's statistics and histograms (null when not kept), per saved time. */
    private record ChunkResult(RunningStatistics[] statistics, Histogram[] histograms) {
    }
}
