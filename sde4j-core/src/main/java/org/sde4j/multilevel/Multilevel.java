package org.sde4j.multilevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Require;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;

/**
 * Multilevel Monte Carlo for {@code E φ(X_T)} to a root-mean-square error ε: Giles' adaptive algorithm (Giles 2008,
 * "Multilevel Monte Carlo path simulation", Oper. Res. 56(3); Giles 2015, "Multilevel Monte Carlo methods", Acta
 * Numerica 24, Algorithm 1), on the chunked runner ({@link LevelJob} per level and round).
 *
 * <pre>{@code
 * MultilevelResult r = Multilevel.of(problem, Coupling.MILSTEIN, Payoff.europeanCall(1, Math.exp(-0.05)))
 *         .seed(42).threads(2).estimate(1e-3);
 * }</pre>
 *
 * <p><b>The algorithm.</b> {@code E P_L = E P_0 + Σ_{ℓ=1}^{L} E[P_ℓ − P_{ℓ−1}]}, each term estimated from N_ℓ
 * independent coupled samples Y_ℓ. Start with levels 0 … L_min and N₀ samples each; then repeat:
 * <ol>
 *   <li>run the extra samples each level needs; set {@code m_ℓ = |Ȳ_ℓ|}, {@code V_ℓ} the sample variance; for ℓ ≥ 2
 *       floor them at {@code ½ m_{ℓ−1} M^{−α}} and {@code ½ V_{ℓ−1} M^{−β}} (Giles' guard against a level whose
 *       few samples all agree);</li>
 *   <li>fit α, β, γ by least squares of {@code log_M m_ℓ}, {@code log_M V_ℓ}, {@code log_M C_ℓ} on ℓ ≥ 1 (each at
 *       least ½), unless given. A fitted α above the scheme's weak order ({@link Coupling#weakOrder()}, 1) is taken
 *       for what it nearly always is, the coarse levels' pre-asymptotic decay, and capped at the weak order: the
 *       bias estimate then errs on the safe side (Giles' code leaves α uncapped; on the geometric Asian call, whose
 *       first corrections fall like h^1.8, the uncapped α stops at L = 2 with a true bias near ε and only 149 of 200
 *       intervals at ε = 10⁻³ covered the exact value);</li>
 *   <li>set {@code N_ℓ = ⌈2 ε⁻² √(V_ℓ/C_ℓ) Σ_k √(V_k C_k)⌉} (the N that minimises the cost for a variance ε²/2),
 *       rounded up to whole chunks of {@value LevelJob#CHUNK} paths;</li>
 *   <li>when no level needs more than 1 % more samples, estimate the remaining bias
 *       {@code max_{i=0,1,2} m_{L−i} M^{−αi} / (M^α − 1)}; if it exceeds ε/√2, add level L + 1 with
 *       {@code V_{L+1} = V_L M^{−β}} and go on, else stop.</li>
 * </ol>
 *
 * <p><b>Cost.</b> The decisions use the modelled cost {@code C_ℓ = n_ℓ (1 + 1/M)} steps (n_0 at level 0), not the
 * measured time, so that the same seed gives the same levels, the same N_ℓ and the same bits for any thread count
 * or machine; measured seconds per sample are reported beside ({@link LevelEstimate#secondsPerSample()}).
 *
 * <p><b>Stops.</b> At the finest level of {@link #levelRange} the bias test may fail, and past {@link #maxSeconds} no new round starts:
 * the result then holds what was computed, {@link MultilevelResult#converged()} is false and its message says which.
 */
public final class Multilevel {
    private final SdeProblem problem;
    private final Coupling coupling;
    private final Payoff payoff;
    private Levels levels = Levels.DEFAULT;
    private long seed = 1;
    private int threads = 1;
    private int initialSamples = 1024;
    private int minLevel = 2;
    private int maxLevel = 20;
    private double alpha = Double.NaN;
    private double beta = Double.NaN;
    private double gamma = Double.NaN;
    private double maxSeconds = Double.POSITIVE_INFINITY;
    private Consumer<String> progress;

    /** The antithetic sampler that replaces the level jobs, or null. */
    private final AntitheticMilstein antithetic;

    private Multilevel(AntitheticMilstein antithetic) {
        this.antithetic = Require.nonNull("antithetic", antithetic);
        this.problem = null;
        this.coupling = Coupling.MILSTEIN;
        this.payoff = null;
    }

    private Multilevel(SdeProblem problem, Coupling coupling, Payoff payoff) {
        this.antithetic = null;
        this.problem = Require.nonNull("problem", problem);
        this.coupling = Require.nonNull("coupling", coupling);
        this.payoff = Require.nonNull("payoff", payoff);
        checkFits(problem, coupling, payoff);
    }

    /**
     * An estimator of {@code E payoff(X)} for {@code problem}, both solves of each level by {@code coupling}.
     *
     * @throws IllegalArgumentException when the coupling or the payoff does not fit the SDE
     */
    public static Multilevel of(SdeProblem problem, Coupling coupling, Payoff payoff) {
        return new Multilevel(problem, coupling, payoff);
    }

    /**
     * Giles' adaptive algorithm on the levels of the antithetic estimator of Giles &amp; Szpruch (2014), for SDEs with
     * non-commuting noise ({@link AntitheticMilstein}); the levels are M₀ = 1, M = 2, plain Monte Carlo and
     * {@link #levelJob} are not available, and {@link #seed} sets the sampler's seed. It runs on the calling thread.
     */
    public static Multilevel of(AntitheticMilstein sampler) {
        return new Multilevel(sampler);
    }

    /** Throws when the (SDE, coupling, payoff) triple cannot be sampled. */
    static void checkFits(SdeProblem problem, Coupling coupling, Payoff payoff) {
        Sde sde = problem.sde();
        int d = sde.stateDimension();
        int m = sde.noiseDimension();
        boolean noiseFits = sde.hasDiffusionVector() && (m == 1 || sde.noise() == NoiseStructure.DIAGONAL);
        if (!noiseFits) {
            throw new IllegalArgumentException("problem: " + sde + " has neither one noise channel nor diagonal noise;"
                    + " the multilevel couplings take those (general noise needs Lévy areas or the antithetic estimator)");
        }
        if (coupling == Coupling.MILSTEIN && m == 1 && d > 1) {
            throw new IllegalArgumentException("coupling = milstein: needs d = 1 or diagonal noise, not one noise"
                    + " channel driving " + d + " components (use euler-maruyama)");
        }
        if (coupling == Coupling.MILSTEIN && sde.noise() != NoiseStructure.ADDITIVE && !sde.hasDiffusionDerivative()) {
            throw new IllegalArgumentException("coupling = milstein: the SDE has no diffusion derivative ∂g/∂x"
                    + " (Sde.withDiffusionDerivative)");
        }
        if (payoff.scalarOnly() && (d != 1 || m != 1)) {
            throw new IllegalArgumentException("payoff = " + payoff.name() + ": needs a scalar SDE (d = m = 1), not d = "
                    + d + ", m = " + m);
        }
    }

    /** The step sizes (default M₀ = 1, M = 2). */
    public Multilevel levels(Levels value) {
        if (antithetic != null && !Levels.DEFAULT.equals(value)) {
            throw new IllegalArgumentException("levels: the antithetic estimator steps 2^l (M0 = 1, M = 2)");
        }
        this.levels = Require.nonNull("levels", value);
        return this;
    }

    /** The root seed (default 1). */
    public Multilevel seed(long value) {
        this.seed = value;
        return this;
    }

    /** Threads of each level's runs; never changes the result. */
    public Multilevel threads(int count) {
        this.threads = Require.positive("threads", count);
        return this;
    }

    /** N₀, the first samples of each new level (default 1024, rounded up to chunks). */
    public Multilevel initialSamples(int count) {
        this.initialSamples = Require.positive("initialSamples", count);
        return this;
    }

    /** L_min (default 2, at least 2 so that the rates can be fitted) and L_max (default 20). */
    public Multilevel levelRange(int min, int max) {
        if (min < 2 || max < min) {
            throw new IllegalArgumentException("levelRange(" + min + ", " + max + "): needs 2 ≤ min ≤ max");
        }
        levels.steps(max);
        this.minLevel = min;
        this.maxLevel = max;
        return this;
    }

    /** Fixes α, β and γ instead of fitting them (NaN: fit; each positive otherwise). */
    public Multilevel rates(double alphaValue, double betaValue, double gammaValue) {
        this.alpha = checkRate("alpha", alphaValue);
        this.beta = checkRate("beta", betaValue);
        this.gamma = checkRate("gamma", gammaValue);
        return this;
    }

    private static double checkRate(String name, double value) {
        if (!Double.isNaN(value) && !(value > 0 && value < 100)) {
            throw new IllegalArgumentException(name + " = " + value + ": must be positive (or NaN to fit it)");
        }
        return value;
    }

    /** No new round starts after this many seconds (default unlimited); the result then says so. */
    public Multilevel maxSeconds(double seconds) {
        this.maxSeconds = Require.positive("maxSeconds", seconds);
        return this;
    }

    /** Told a line after every round (levels, samples, elapsed time); null for none. */
    public Multilevel progress(Consumer<String> listener) {
        this.progress = listener;
        return this;
    }

    /** The job of chunks {@code [first, first + chunks)} of level ℓ, for sharding a level by hand. */
    public LevelJob levelJob(int level, long firstChunk, long chunks) {
        requireLevelJobs("levelJob");
        return new LevelJob(problem, coupling, payoff, levels, level, true, seed, firstChunk, chunks).threads(threads);
    }

    /**
     * Estimates {@code E P} to root-mean-square error ε.
     *
     * @param epsilon ε &gt; 0
     * @return the estimate, its interval, the levels and the rates
     * @throws IllegalArgumentException when ε is not positive and finite
     * @throws LevelDivergedException   when a level's solve stops being finite
     */
    public MultilevelResult estimate(double epsilon) {
        if (!(epsilon > 0 && epsilon < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("epsilon = " + epsilon + ": the tolerance must be positive and finite");
        }
        long start = System.nanoTime();
        int factor = levels.factor();
        double logM = Math.log(factor);
        List<LevelSums> sums = new ArrayList<>();
        List<Long> chunks = new ArrayList<>();
        List<Long> wanted = new ArrayList<>();
        int l0Chunks = chunksFor(initialSamples);
        for (int l = 0; l <= minLevel; l++) {
            sums.add(LevelSums.EMPTY);
            chunks.add(0L);
            wanted.add((long) l0Chunks);
        }
        double a = Double.isNaN(alpha) ? 0 : alpha;
        double b = Double.isNaN(beta) ? 0 : beta;
        double g = Double.isNaN(gamma) ? 1 : gamma;
        double[] m = new double[0];
        double[] v = new double[0];
        double bias = Double.NaN;
        String message = "converged";
        boolean converged = true;
        while (true) {
            int levelsNow = sums.size();
            for (int l = 0; l < levelsNow; l++) {
                if (wanted.get(l) > chunks.get(l)) {
                    LevelSums s = extend(l, true, seed, sums.get(l), wanted.get(l), start, maxSeconds);
                    sums.set(l, s);
                    chunks.set(l, s.count() / LevelJob.CHUNK);
                }
            }
            int lMax = levelsNow - 1;
            m = new double[levelsNow];
            v = new double[levelsNow];
            double[] c = new double[levelsNow];
            for (int l = 0; l < levelsNow; l++) {
                m[l] = Math.abs(sums.get(l).meanY());
                v[l] = sums.get(l).varianceY();
                c[l] = levels.cost(l);
            }
            for (int l = 2; l < levelsNow; l++) {
                m[l] = Math.max(m[l], 0.5 * m[l - 1] / Math.pow(factor, a));
                v[l] = Math.max(v[l], 0.5 * v[l - 1] / Math.pow(factor, b));
            }
            if (Double.isNaN(alpha)) {
                a = Math.min(rate(-slope(m, 1, levelsNow) / logM, a), coupling.weakOrder());
            }
            if (Double.isNaN(beta)) {
                b = rate(-slope(v, 1, levelsNow) / logM, b);
            }
            if (Double.isNaN(gamma)) {
                g = rate(slope(c, 1, levelsNow) / logM, g);
            }
            long[] target = targets(v, c, epsilon);
            boolean settled = true;
            for (int l = 0; l < levelsNow; l++) {
                long have = chunks.get(l) * LevelJob.CHUNK;
                if (target[l] > have && target[l] - have > 0.01 * have) {
                    settled = false;
                }
                wanted.set(l, Math.max(chunks.get(l), chunksFor(target[l])));
            }
            double elapsed = (System.nanoTime() - start) * 1e-9;
            report(sums, elapsed);
            if (settled) {
                bias = remainingBias(m, a, factor);
                if (bias <= epsilon / Math.sqrt(2)) {
                    break;
                }
                if (lMax >= maxLevel) {
                    converged = false;
                    message = "the bias estimate " + String.format("%.3g", bias) + " still exceeds ε/√2 = "
                            + String.format("%.3g", epsilon / Math.sqrt(2)) + " at the maximum level " + maxLevel;
                    break;
                }
                double[] v2 = java.util.Arrays.copyOf(v, levelsNow + 1);
                double[] c2 = java.util.Arrays.copyOf(c, levelsNow + 1);
                v2[levelsNow] = v[lMax] / Math.pow(factor, b);
                c2[levelsNow] = levels.cost(levelsNow);
                sums.add(LevelSums.EMPTY);
                chunks.add(0L);
                wanted.add(0L);
                long[] t2 = targets(v2, c2, epsilon);
                for (int l = 0; l <= levelsNow; l++) {
                    wanted.set(l, Math.max(chunks.get(l), chunksFor(t2[l])));
                }
            }
            if (elapsed > maxSeconds) {
                converged = false;
                message = stopped(elapsed, maxSeconds);
                while (sums.get(sums.size() - 1).count() == 0) {
                    sums.remove(sums.size() - 1);
                }
                bias = remainingBias(Arrays.copyOf(m, Math.min(m.length, sums.size())), a, factor);
                break;
            }
        }
        return result(epsilon, sums, a, b, g, bias, converged, message, start);
    }

    private MultilevelResult result(double epsilon, List<LevelSums> sums, double a, double b,
            double g, double bias, boolean converged, String message, long start) {
        int n = sums.size();
        double estimate = 0;
        double variance = 0;
        double cost = 0;
        List<LevelEstimate> table = new ArrayList<>();
        double[] secondsPerSample = new double[n];
        for (int l = 0; l < n; l++) {
            LevelSums s = sums.get(l);
            estimate += s.meanY();
            variance += s.varianceY() / s.count();
            cost += s.count() * levels.cost(l);
            secondsPerSample[l] = s.seconds() / s.count();
            table.add(new LevelEstimate(l, levels.steps(l), s.count(), s.meanY(), s.varianceY(), s.meanP(),
                    s.varianceP(), levels.cost(l), secondsPerSample[l]));
        }
        double gammaMeasured = n >= 3 ? slope(secondsPerSample, 1, n) / Math.log(levels.factor()) : Double.NaN;
        LevelSums finest = sums.get(n - 1);
        double plain = Math.ceil(2 * finest.varianceP() / (epsilon * epsilon)) * levels.steps(n - 1);
        return new MultilevelResult(epsilon, estimate, Math.sqrt(variance), bias, List.copyOf(table), a, b, g,
                gammaMeasured, cost, (System.nanoTime() - start) * 1e-9, plain, converged, message);
    }

    /** A fitted rate, at least ½; the previous value when the fit has too few points. */
    private static double rate(double fitted, double previous) {
        return Double.isNaN(fitted) ? Math.max(previous, 0.5) : Math.max(0.5, fitted);
    }

    /** {@code N_ℓ = ⌈2 ε⁻² √(V_ℓ/C_ℓ) Σ_k √(V_k C_k)⌉}. */
    static long[] targets(double[] v, double[] c, double epsilon) {
        double sum = 0;
        for (int k = 0; k < v.length; k++) {
            sum += Math.sqrt(v[k] * c[k]);
        }
        long[] n = new long[v.length];
        for (int l = 0; l < v.length; l++) {
            double target = Math.ceil(2 / (epsilon * epsilon) * Math.sqrt(v[l] / c[l]) * sum);
            n[l] = (long) Math.min(target, 1e15);
        }
        return n;
    }

    /** {@code max_{i=0,1,2} m_{L−i} M^{−αi} / (M^α − 1)}. */
    static double remainingBias(double[] m, double alpha, int factor) {
        int top = m.length - 1;
        double worst = 0;
        for (int i = 0; i <= Math.min(2, top - 1); i++) {
            worst = Math.max(worst, m[top - i] / Math.pow(factor, alpha * i));
        }
        return worst / (Math.pow(factor, alpha) - 1);
    }

    /** The least-squares slope of {@code log y_ℓ} on ℓ for ℓ in [from, to) (zeros skipped; NaN below two points). */
    static double slope(double[] y, int from, int to) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        for (int l = from; l < to; l++) {
            if (y[l] > 0 && Double.isFinite(y[l])) {
                double ly = Math.log(y[l]);
                sx += l;
                sy += ly;
                sxx += (double) l * l;
                sxy += l * ly;
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    private static int chunksFor(long samples) {
        return (int) Math.min(Integer.MAX_VALUE, (samples + LevelJob.CHUNK - 1) / LevelJob.CHUNK);
    }

    /**
     * Level ℓ's sums continued from {@code have} up to chunk {@code toChunk}, in batches of about 2^26 steps (at least
     * one chunk) aligned to the level's chunks; past {@code maxSeconds} after {@code start} no new batch starts. The
     * batches continue one fold ({@link LevelJob#after}), so the bits do not depend on where a run stopped or on the
     * batch size.
     */
    LevelSums extend(int level, boolean coupledLevel, long levelSeed, LevelSums have, long toChunk, long start,
            double seconds) {
        long batch = Math.max(1, (1L << 18) / levels.steps(level));
        LevelSums s = have;
        long from = have.count() / LevelJob.CHUNK;
        while (from < toChunk) {
            long more = Math.min(batch - from % batch, toChunk - from);
            s = antithetic != null ? antithetic.seed(levelSeed).level(level, from, more, s)
                    : new LevelJob(problem, coupling, payoff, levels, level, coupledLevel, levelSeed, from, more).after(s)
                    .threads(threads).run();
            from += more;
            if ((System.nanoTime() - start) * 1e-9 > seconds) {
                break;
            }
        }
        return s;
    }

    private void requireLevelJobs(String what) {
        if (antithetic != null) {
            throw new UnsupportedOperationException(what + ": not available for the antithetic estimator");
        }
    }

    /** Level ℓ's coupled samples continued from {@code have} to chunk {@code toChunk} ({@link #extend}). */
    LevelSums coupledLevel(int level, LevelSums have, long toChunk, long start, double seconds) {
        return extend(level, true, seed, have, toChunk, start, seconds);
    }

    /** The message of a run that the time budget stopped: "stopped after 12.3 s (maxSeconds 10.0) before …". */
    static String stopped(double elapsed, double maxSeconds) {
        return String.format(java.util.Locale.ROOT, "stopped after %.1f s (maxSeconds %s) before the tolerance was met",
                elapsed, maxSeconds);
    }

    private void report(List<LevelSums> sums, double elapsed) {
        if (progress != null) {
            long samples = 0;
            for (LevelSums s : sums) {
                samples += s.count();
            }
            progress.accept(String.format(java.util.Locale.ROOT, "mlmc: %d levels, %d samples, %.1f s", sums.size(),
                    samples, elapsed));
        }
    }

    /**
     * Plain Monte Carlo at level ℓ's step with N paths (rounded up to chunks): the mean of P_ℓ, its standard error,
     * and the wall time, for comparing time to accuracy. Its streams are level ℓ's own, uncoupled.
     *
     * @param level ℓ, which sets the step
     * @param paths N
     * @return the sums of P_ℓ (as Y)
     */
    public LevelSums plainMonteCarlo(int level, long paths) {
        Require.positive("paths", paths);
        return plainMonteCarlo(level, LevelSums.EMPTY, chunksFor(paths), System.nanoTime(), Double.POSITIVE_INFINITY);
    }

    /**
     * {@link #plainMonteCarlo(int, long)}'s paths continued from {@code have} to chunk {@code toChunk}, no new batch
     * after {@code seconds} from {@code start} ({@link #extend}).
     */
    LevelSums plainMonteCarlo(int level, LevelSums have, long toChunk, long start, double seconds) {
        requireLevelJobs("plainMonteCarlo");
        return extend(level, false, seed ^ 0x5eed, have, toChunk, start, seconds);
    }
}
