package org.sde4j.sensitivity;

import java.util.Arrays;
import java.util.concurrent.Executor;
import org.sde4j.gradient.ParametricSde;
import org.sde4j.gradient.SolveGrid;
import org.sde4j.montecarlo.ChunkPlan;
import org.sde4j.montecarlo.ChunkRunner;
import org.sde4j.montecarlo.MonteCarloJob;
import org.sde4j.montecarlo.Shard;
import org.sde4j.sde.Calculus;

/**
 * Sensitivities of an expectation, {@code ∂ E φ(X_T) / ∂θ} and {@code ∂ E φ(X_T) / ∂x0}, with standard errors, over
 * many paths on the chunked runner: the same bits for any number of threads, shardable, and runnable on Spark like
 * any {@link MonteCarloJob}.
 *
 * <pre>{@code
 * SensitivityResult r = Sensitivities.of(gbm, Calculus.ITO, new double[] {r, sigma}, new double[] {s0},
 *         Payoff.call(0, strike, false, 0, maturity))
 *     .grid(0, maturity, 64).paths(1_000_000).seed(7).method(SensitivityMethod.PATHWISE).gamma(true).run();
 * double delta = r.gradient("x0[0]"), deltaError = r.gradientError("x0[0]");
 * }</pre>
 *
 * <p>The SDE is declared in a calculus. The tangent schemes are Itô schemes and the adjoint methods name their own
 * calculus ({@link AdjointMethod}); an SDE declared in the other calculus is converted by the Itô–Stratonovich
 * correction ({@link CalculusConversion}), or refused when {@link #convertCalculus(boolean) conversion is off}.
 */
public final class Sensitivities implements MonteCarloJob<SensitivityResult> {
    private final ParametricSde sde;
    private final GeneralParametricSde general;
    private final Calculus calculus;
    private final double[] theta;
    private final double[] x0;
    private final Payoff payoff;
    private TangentScheme scheme = TangentScheme.EULER_MARUYAMA;
    private double[] times;
    private long paths = 10_000;
    private long seed = 1;
    private SensitivityMethod method = SensitivityMethod.PATHWISE;
    private AdjointMethod adjoint;
    private double bump = 1e-4;
    private boolean gamma;
    private boolean convert = true;
    private String[] parameterNames;
    private int threads = Runtime.getRuntime().availableProcessors();
    private Executor executor;
    private RunningCost running;
    private int window;

    private Sensitivities(ParametricSde sde, GeneralParametricSde general, Calculus calculus, double[] theta,
            double[] x0, Payoff payoff) {
        this.sde = sde;
        this.general = general;
        if (calculus == null) {
            throw new IllegalArgumentException("calculus: null; declare the SDE as Calculus.ITO or Calculus.STRATONOVICH");
        }
        this.calculus = calculus;
        int p = sde != null ? sde.parameterCount() : general.parameterCount();
        int d = sde != null ? sde.stateDimension() : general.stateDimension();
        if (theta.length != p) {
            throw new IllegalArgumentException("theta: length " + theta.length + ", the SDE has " + p + " parameters");
        }
        if (x0.length != d) {
            throw new IllegalArgumentException("x0: length " + x0.length + ", the SDE has dimension " + d);
        }
        this.theta = theta.clone();
        this.x0 = x0.clone();
        this.payoff = java.util.Objects.requireNonNull(payoff, "payoff");
    }

    /**
     * A sensitivity job for {@code E payoff(X_T)}, X the solution of {@code sde} read in {@code calculus}.
     *
     * @throws IllegalArgumentException when θ or x0 has the wrong length or the calculus is null
     */
    public static Sensitivities of(ParametricSde sde, Calculus calculus, double[] theta, double[] x0, Payoff payoff) {
        return new Sensitivities(java.util.Objects.requireNonNull(sde, "sde"), null, calculus, theta, x0, payoff);
    }

    /**
     * A sensitivity job for an Itô SDE with general noise: Euler–Maruyama, by the pathwise (forward), adjoint
     * ({@link GeneralEulerBackpropagation}) or finite-difference method.
     *
     * @throws IllegalArgumentException when θ or x0 has the wrong length
     */
    public static Sensitivities of(GeneralParametricSde sde, double[] theta, double[] x0, Payoff payoff) {
        return new Sensitivities(null, java.util.Objects.requireNonNull(sde, "sde"), Calculus.ITO, theta, x0, payoff);
    }

    /** The tangent scheme for the pathwise, likelihood-ratio and finite-difference methods (default Euler–Maruyama). */
    public Sensitivities scheme(TangentScheme value) {
        this.scheme = java.util.Objects.requireNonNull(value, "scheme");
        return this;
    }

    /** A uniform grid of {@code steps} steps on [t0, t1] (the times of {@link SolveGrid}). */
    public Sensitivities grid(double t0, double t1, int steps) {
        SolveGrid grid = SolveGrid.terminal(t0, t1, steps);
        double[] t = new double[steps + 1];
        for (int n = 0; n <= steps; n++) {
            t[n] = grid.time(n);
        }
        this.times = t;
        return this;
    }

    /**
     * A non-uniform grid (pathwise, likelihood-ratio and finite-difference methods; the adjoint methods need a
     * uniform one).
     *
     * @throws IllegalArgumentException when the times are fewer than two, not finite or not increasing
     */
    public Sensitivities times(double... value) {
        if (value.length < 2) {
            throw new IllegalArgumentException("times: " + value.length + " given, at least 2 needed");
        }
        for (int n = 0; n < value.length; n++) {
            if (!Double.isFinite(value[n]) || (n > 0 && !(value[n] > value[n - 1]))) {
                throw new IllegalArgumentException("times[" + n + "] = " + value[n]
                        + ": times must be finite and strictly increasing");
            }
        }
        this.times = value.clone();
        return this;
    }

    /** The number of paths (default 10⁴). */
    public Sensitivities paths(long value) {
        if (value < 2) {
            throw new IllegalArgumentException("paths = " + value + ": at least 2 (for a standard error)");
        }
        this.paths = value;
        return this;
    }

    /** The root seed (default 1). */
    public Sensitivities seed(long value) {
        this.seed = value;
        return this;
    }

    /** The method (default pathwise). */
    public Sensitivities method(SensitivityMethod value) {
        this.method = java.util.Objects.requireNonNull(value, "method");
        return this;
    }

    /**
     * A per-path reverse-mode method of {@code org.sde4j.gradient} for {@link SensitivityMethod#ADJOINT}. Without one
     * (the default) the adjoint is the block reverse mode through the tangent scheme ({@link BlockAdjoint}): the same
     * derivative as backpropagation through Euler–Maruyama or the Itô Milstein scheme, in structure-of-arrays blocks.
     */
    public Sensitivities adjoint(AdjointMethod value) {
        this.adjoint = java.util.Objects.requireNonNull(value, "adjoint");
        return this;
    }

    /** The relative bump of finite differences, {@code δ = bump · max(1, |u|)} (default 10⁻⁴). */
    public Sensitivities bump(double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("bump = " + value + ": must be positive and finite");
        }
        this.bump = value;
        return this;
    }

    /**
     * Likelihood-ratio weights on the last {@code steps} transitions only (default 0: all steps, the discrete
     * Bismut–Elworthy–Li weight). 1 is the combined estimator "pathwise over every step but the last, likelihood ratio
     * on the last". Unbiased for every choice; see {@link TangentBlock} for the variance.
     *
     * @throws IllegalArgumentException when steps is negative
     */
    public Sensitivities likelihoodRatioWindow(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("likelihood-ratio window = " + steps + " steps: must be 0 (all) or positive");
        }
        this.window = steps;
        return this;
    }

    /**
     * Adds a running cost: the loss becomes {@code φ(X_N) + Σ_{n=1}^{N} h_n r(t_n, X_n)} (null: none, the default).
     */
    public Sensitivities runningCost(RunningCost cost) {
        this.running = cost;
        return this;
    }

    /** Whether to estimate Γ = ∂²E φ/∂x0² (pathwise method, Euler–Maruyama, d = 1). */
    public Sensitivities gamma(boolean value) {
        this.gamma = value;
        return this;
    }

    /** Whether an SDE declared in a calculus the method does not read is converted (default) or refused. */
    public Sensitivities convertCalculus(boolean value) {
        this.convert = value;
        return this;
    }

    /** Names of the parameters in reports (default θ[0], θ[1], …). */
    public Sensitivities parameterNames(String... names) {
        if (names.length != theta.length) {
            throw new IllegalArgumentException("parameter names: " + names.length + " given for " + theta.length
                    + " parameters");
        }
        this.parameterNames = names.clone();
        return this;
    }

    @Override
    public Sensitivities threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads = " + count + ": must be positive");
        }
        this.threads = count;
        return this;
    }

    /** The executor of runs (null: a pool of {@link #threads} threads per run). Never changes the result. */
    public Sensitivities executor(Executor pool) {
        this.executor = pool;
        return this;
    }

    @Override
    public ChunkPlan<?, SensitivityResult> plan() {
        if (times == null) {
            throw new IllegalArgumentException("grid: not set; call grid(t0, t1, steps) or times(…)");
        }
        int d = x0.length;
        int p = theta.length;
        String[] names = new String[p + d];
        for (int j = 0; j < p; j++) {
            names[j] = parameterNames != null ? parameterNames[j] : "θ[" + j + "]";
        }
        for (int i = 0; i < d; i++) {
            names[p + i] = "x0[" + i + "]";
        }
        boolean pathwise = method == SensitivityMethod.PATHWISE || method == SensitivityMethod.ADJOINT;
        if (pathwise && !payoff.differentiable()) {
            throw new IllegalArgumentException("payoff " + payoff.name() + " is not differentiable: its pathwise"
                    + " derivative is zero almost everywhere and misses the jump, so " + method.label()
                    + " would be biased; use SensitivityMethod.LIKELIHOOD_RATIO (or FINITE_DIFFERENCE)");
        }
        if (method == SensitivityMethod.LIKELIHOOD_RATIO && scheme != TangentScheme.EULER_MARUYAMA) {
            throw new IllegalArgumentException("scheme " + scheme.label() + ": the likelihood ratio needs the Gaussian"
                    + " transition density of euler-maruyama");
        }
        if (gamma && running != null) {
            throw new IllegalArgumentException("gamma: of the payoff only; remove the running cost");
        }
        if (gamma && (method != SensitivityMethod.PATHWISE || scheme != TangentScheme.EULER_MARUYAMA || d != 1)) {
            throw new IllegalArgumentException("gamma: available for the pathwise method with euler-maruyama and d = 1"
                    + " (here " + method.label() + ", " + scheme.label() + ", d = " + d + ")");
        }
        if (general != null && (gamma || scheme != TangentScheme.EULER_MARUYAMA || adjoint != null)) {
            throw new IllegalArgumentException("general noise: euler-maruyama with the pathwise, adjoint (its own"
                    + " backpropagation), likelihood-ratio or finite-difference method only; here " + method.label()
                    + ", " + scheme.label() + (gamma ? ", gamma" : "") + (adjoint != null ? ", " + adjoint.label() : ""));
        }
        if (general != null && method == SensitivityMethod.LIKELIHOOD_RATIO
                && (general.noiseDimension() != general.stateDimension() || running != null)) {
            throw new IllegalArgumentException("general noise: the likelihood ratio needs a square, invertible diffusion"
                    + " (d = m; here d = " + general.stateDimension() + ", m = " + general.noiseDimension() + ") and no"
                    + " running cost" + (running != null ? " (one is set)" : ""));
        }
        ParametricSde itoSde = general != null ? null : CalculusConversion.convert(sde, calculus, scheme.calculus());
        if (!convert && calculus != scheme.calculus() && method != SensitivityMethod.ADJOINT) {
            throw new IllegalArgumentException("scheme " + scheme.label() + " reads the SDE as Itô, but it is declared "
                    + calculus.displayName() + ": convert it (drift f + ½ Σ g ∂g/∂x) or allow convertCalculus(true)");
        }
        AdjointMethod chosen = null;
        ParametricSde adjointSde = null;
        boolean block = method == SensitivityMethod.ADJOINT && general == null && adjoint == null;
        if (block && !convert && calculus != scheme.calculus()) {
            throw new IllegalArgumentException("scheme " + scheme.label() + " reads the SDE as Itô, but it is declared "
                    + calculus.displayName() + ": convert it (drift f + ½ Σ g ∂g/∂x) or allow convertCalculus(true)");
        }
        if (method == SensitivityMethod.ADJOINT && general == null && adjoint != null) {
            chosen = adjoint;
            adjointSde = chosen.prepare(sde, calculus, convert);
        }
        if (method == SensitivityMethod.ADJOINT) {
            SolveGrid uniform = SolveGrid.terminal(times[0], times[times.length - 1], times.length - 1);
            for (int n = 0; n < times.length; n++) {
                if (uniform.time(n) != times[n]) {
                    throw new IllegalArgumentException("times: the adjoint methods of org.sde4j.gradient need a uniform"
                            + " grid, but t[" + n + "] = " + times[n] + " differs from " + uniform.time(n)
                            + "; use the pathwise method on non-uniform grids");
                }
            }
        }
        int m = general != null ? general.noiseDimension() : d;
        long doubles = (long) (times.length - 1) * m * SensitivityPlan.CHUNK;
        if (doubles > 1L << 26) {
            throw new IllegalArgumentException("steps × m = " + (times.length - 1) * (long) m
                    + ": a chunk's increments would take " + doubles * 8 / (1 << 20) + " MiB per thread; at most "
                    + (1 << 26) / SensitivityPlan.CHUNK + " allowed");
        }
        int steps = times.length - 1;
        if (window > steps) {
            throw new IllegalArgumentException("likelihood-ratio window = " + window + " steps: the grid has " + steps);
        }
        if (window != 0 && window != steps && running != null) {
            throw new IllegalArgumentException("likelihood-ratio window = " + window + " steps: a running cost needs the"
                    + " weights of every step (window 0)");
        }
        double[] second = gamma ? secondDerivatives(itoSde) : null;
        return new SensitivityPlan(new SensitivityPlan.Settings(itoSde, theta.clone(), x0.clone(), payoff, scheme,
                times.clone(), paths, seed, method, chosen, adjointSde, bump, gamma, second, names, running, general, block,
                window == 0 ? steps : window));
    }

    /** {@code {f_xx, g_xx}} at (t0, x0, θ), d = 1: central differences of the exact first derivatives (VJPs). */
    private double[] secondDerivatives(ParametricSde itoSde) {
        double step = 1e-4 * Math.max(1, Math.abs(x0[0]));
        double[] plus = firstDerivatives(itoSde, x0[0] + step);
        double[] minus = firstDerivatives(itoSde, x0[0] - step);
        return new double[] {(plus[0] - minus[0]) / (2 * step), (plus[1] - minus[1]) / (2 * step)};
    }

    private double[] firstDerivatives(ParametricSde itoSde, double x) {
        double[] fx = new double[1];
        double[] gx = new double[1];
        double[] dTheta = new double[theta.length];
        itoSde.driftVjp(times[0], new double[] {x}, theta, new double[] {1}, fx, dTheta);
        itoSde.diffusionVjp(times[0], new double[] {x}, theta, new double[] {1}, gx, dTheta);
        return new double[] {fx[0], gx[0]};
    }

    @Override
    public SensitivityResult run() {
        return ChunkRunner.run(plan(), threads, executor);
    }

    @Override
    public Shard runChunks(long fromChunk, long toChunk) {
        return ChunkRunner.runShard(plan(), fromChunk, toChunk, threads, executor);
    }

    @Override
    public String toString() {
        return "sensitivities of E " + payoff.name() + " by " + method.label() + ", θ = " + Arrays.toString(theta);
    }
}
