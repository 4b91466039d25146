package org.sde4j.ensemble;

import java.util.Arrays;
import java.util.concurrent.Executor;
import org.sde4j.montecarlo.ChunkPlan;
import org.sde4j.montecarlo.ChunkRunner;
import org.sde4j.montecarlo.MonteCarloJob;
import org.sde4j.montecarlo.Shard;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.engine.BlockAdaptiveSolver;
import org.sde4j.solver.engine.PathAdaptiveSolver;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.engine.StepControl;

/**
 * An ensemble whose every path steps on its own error estimate, over its own Brownian path: P paths of a problem
 * solved by {@link PathAdaptiveSolver}'s algorithm (steps on a Brownian path keyed by (seed, path) and drawn on demand,
 * rejections that never redraw noise, saved times hit exactly), reduced to statistics at the saved times and step
 * counts. Tableau schemes run 256 paths at once on the block-adaptive engine ({@link BlockAdaptiveSolver}, the same
 * bits; {@link #engine}).
 *
 * <pre>{@code
 * AdaptiveEnsembleResult r = AdaptiveEnsemble.of(problem, RosslerSchemes.SRIW1)
 *         .tolerances(1e-3, 1e-3).paths(100_000).seed(42).run();
 * double mean = r.mean()[0];
 * StepCounts steps = r.steps();          // accepted/rejected per path, smallest step
 * }</pre>
 *
 * <p>Like {@link Ensemble} it is a {@link MonteCarloJob}: paths are cut into chunks of {@value Ensemble#CHUNK}, path
 * p depends only on (seed, p), and chunks' statistics merge in chunk order, so the bits are the same for any thread
 * count, for shards ({@link #runChunks}, {@link #merger()}) and on Spark.
 *
 * <p>A path that fails (a step below dtMin, a state that is not finite) does not stop its chunk: the run finishes,
 * then throws a {@link org.sde4j.solver.StepFailedException} that says how many paths failed, and the failure of
 * the lowest-numbered one (time, path, step size).
 */
public final class AdaptiveEnsemble implements MonteCarloJob<AdaptiveEnsembleResult> {
    private final SdeProblem problem;
    private final Scheme scheme;
    private StepControl control;
    private long paths = 1000;
    private long seed;
    private int threads = Runtime.getRuntime().availableProcessors();
    private double[] saveTimes;
    private boolean keepFinalStates;
    private boolean doubling;
    private boolean driftControl;
    private Ensemble.Engine engine = Ensemble.Engine.AUTO;
    private Executor executor;

    private AdaptiveEnsemble(SdeProblem problem, Scheme scheme) {
        this.problem = Require.nonNull("problem", problem);
        this.scheme = Require.nonNull("scheme", scheme);
        scheme.checkSupports(problem.sde());
        this.control = StepControl.of(1e-3, 1e-3, problem.t1() - problem.t0());
    }

    /**
     * An adaptive ensemble (defaults: atol = rtol = 10^-3, 1000 paths, seed 0, all processors, saved at t1).
     *
     * @throws IllegalArgumentException when the scheme does not support the problem's SDE
     */
    public static AdaptiveEnsemble of(SdeProblem problem, Scheme scheme) {
        return new AdaptiveEnsemble(problem, scheme);
    }

    /**
     * The tolerances, with the default step bounds (dtMin = span · 2^-40, dtMax = span).
     *
     * @throws IllegalArgumentException when a tolerance is negative, not finite, or both are 0
     */
    public AdaptiveEnsemble tolerances(double atol, double rtol) {
        this.control = StepControl.of(atol, rtol, problem.t1() - problem.t0());
        return this;
    }

    /** All step settings at once. */
    public AdaptiveEnsemble stepControl(StepControl settings) {
        this.control = Require.nonNull("settings", settings);
        return this;
    }

    /** The current step settings. */
    public StepControl stepControl() {
        return control;
    }

    /** The number P of paths. */
    public AdaptiveEnsemble paths(long count) {
        this.paths = Require.positive("paths", count);
        return this;
    }

    /** The root seed: path p runs on the Brownian path keyed by (seed, p). */
    public AdaptiveEnsemble seed(long value) {
        this.seed = value;
        return this;
    }

    @Override
    public AdaptiveEnsemble threads(int count) {
        this.threads = Require.positive("threads", count);
        return this;
    }

    /** Times at which to collect statistics, each hit exactly by a step; default t1 (always included). */
    public AdaptiveEnsemble saveAt(double... times) {
        this.saveTimes = times.length == 0 ? null : times.clone();
        return this;
    }

    /** Whether to keep every path's final state (P × d doubles). */
    public AdaptiveEnsemble keepFinalStates(boolean keep) {
        this.keepFinalStates = keep;
        return this;
    }

    /** Whether to estimate errors by step doubling even when the scheme has an embedded estimate. */
    public AdaptiveEnsemble stepDoubling(boolean value) {
        this.doubling = value;
        return this;
    }

    /**
     * Whether to choose each step from the drift's error alone, before the step's noise is drawn (Lamba, Mattingly
     * &amp; Stuart 2007; {@link PathAdaptiveSolver}): the grid is adapted to each path's past, so schemes of strong
     * order ½ (Euler–Maruyama, SK-ROCK, implicit Euler–Maruyama) step adaptively on any noise and converge to the
     * right solution. The tolerances then bound the drift's local error only. Runs on the per-path engine.
     */
    public AdaptiveEnsemble driftErrorControl(boolean value) {
        this.driftControl = value;
        return this;
    }

    /**
     * Which engine steps the paths: {@code AUTO} (the default) the block-adaptive engine ({@link BlockAdaptiveSolver},
     * 256 lanes at once) when it {@linkplain BlockAdaptiveSolver#supports supports} the scheme and SDE, else the
     * per-path one ({@link PathAdaptiveSolver}); {@code BLOCK} the block-adaptive one (the run throws when it does not
     * support them); {@code PATH} the per-path one. Both give every path the same bits, so the choice never changes
     * the result, only the speed.
     */
    public AdaptiveEnsemble engine(Ensemble.Engine choice) {
        this.engine = Require.nonNull("engine", choice);
        return this;
    }

    /** Whether the block-adaptive engine runs this ensemble (see {@link #engine}). */
    public boolean usesBlockEngine() {
        return engine != Ensemble.Engine.PATH && !driftControl && BlockAdaptiveSolver.supports(problem, scheme);
    }

    /** Runs the workers on {@code pool} (null: a pool per run). Never changes the result. */
    public AdaptiveEnsemble executor(Executor pool) {
        this.executor = pool;
        return this;
    }

    @Override
    public AdaptiveEnsembleResult run() {
        return ChunkRunner.run(plan(), threads, executor);
    }

    @Override
    public Shard runChunks(long fromChunk, long toChunk) {
        return ChunkRunner.runShard(plan(), fromChunk, toChunk, threads, executor);
    }

    @Override
    public long chunkCount() {
        return (paths + Ensemble.CHUNK - 1) / Ensemble.CHUNK;
    }

    /**
     * @throws IllegalArgumentException when a save time lies outside the span, the scheme cannot step adaptively,
     *                                  or the final states do not fit in memory
     */
    @Override
    public ChunkPlan<?, AdaptiveEnsembleResult> plan() {
        double[] times = saveTimes == null ? new double[0] : saveTimes.clone();
        for (double t : times) {
            if (!(t >= problem.t0() && t <= problem.t1())) {
                throw new IllegalArgumentException("saveAt time " + t + ": must lie in [t0, t1] = [" + problem.t0()
                        + ", " + problem.t1() + "]");
            }
        }
        times = Arrays.copyOf(times, times.length + 1);
        times[times.length - 1] = problem.t1();
        times = Arrays.stream(times).sorted().distinct().toArray();
        int d = problem.dimension();
        if (keepFinalStates && paths * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("paths = " + paths + ": too many to keep final states (at most "
                    + (Integer.MAX_VALUE - 8) / d + " for d = " + d + ")");
        }
        // Fail early, in the caller's thread, on a scheme that cannot step adaptively.
        new PathAdaptiveSolver(problem, scheme, control, times, seed, doubling, driftControl);
        if (engine == Ensemble.Engine.BLOCK && !usesBlockEngine()) {
            throw new IllegalArgumentException("engine BLOCK: the block-adaptive engine does not run scheme "
                    + scheme.name() + " on this SDE" + (driftControl ? " with driftErrorControl" : " (it needs a"
                    + " tableau scheme without a fused step, and one noise channel or diagonal noise)")
                    + "; choose AUTO or PATH");
        }
        return new AdaptivePlan(problem, scheme, control, times, paths, seed, keepFinalStates, doubling,
                driftControl, usesBlockEngine(), threads);
    }
}
