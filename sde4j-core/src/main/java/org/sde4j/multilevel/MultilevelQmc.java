package org.sde4j.multilevel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.sde4j.qmc.StudentT;
import org.sde4j.random.KeyedStream;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;

/**
 * Multilevel randomised quasi-Monte Carlo (Giles &amp; Waterhouse 2009, "Multilevel quasi-Monte Carlo path
 * simulation", Radon Series Comp. Appl. Math. 8): each level's correction {@code E[P_ℓ − P_{ℓ−1}]} by
 * {@link RandomisedQmc} with R randomisations of N_ℓ scrambled Sobol points (the fine path by Brownian bridge on
 * n_ℓ = 2^ℓ steps, the coarse one on the sums of pairs of its increments).
 *
 * <p><b>The algorithm</b> (Giles &amp; Waterhouse §3, with the extrapolation below): start with levels 0 … 2 and
 * N_ℓ = 256; while the variance of the extrapolated estimate {@code Σ_{ℓ<L} s_ℓ² + 4 s_L²} exceeds ε²/2, double N_ℓ
 * on the level with the largest {@code w_ℓ s_ℓ² / (N_ℓ C_ℓ)} (w_L = 4, else 1: the most variance removed per unit of
 * cost, C_ℓ = n_ℓ (1 + 1/M)); then add a level while the bias bound B (below) exceeds ε/√2.
 *
 * <p><b>Richardson extrapolation on the finest level.</b> The schemes have weak order α = 1:
 * {@code E P_ℓ = E P + c h_ℓ + O(h_ℓ²)}, so {@code E Y_L = E[P_L − P_{L−1}] = −c h_L + O(h_L²)} and the extrapolated
 * estimator {@code P̃ = Σ_{ℓ≤L} Ȳ_ℓ + Ȳ_L / (2^α − 1) = Σ_{ℓ<L} Ȳ_ℓ + 2 Ȳ_L} has no term in h (Richardson–Romberg extrapolation
 * of the finest level; Lemaire &amp; Pagès 2017, "Multilevel Richardson–Romberg extrapolation", Bernoulli 23(4A)). Each randomisation still gives an
 * unbiased estimate of {@code E P̃}, so its standard error is {@code s = √(Σ_{ℓ<L} s_ℓ² + 4 s_L²)}. Without it the
 * interval covered the mean at the finest step, not E P: at ε = 10⁻³ on the GBM European call the bias was several
 * standard errors and only 1 in 100 intervals held the Black–Scholes price (docs/multilevel.md).
 *
 * <p><b>The bias bound.</b> The remaining bias of P̃_L is estimated from the change of the extrapolation between
 * the two finest levels, {@code P̃_L − P̃_{L−1} = 2 Ȳ_L − Ȳ_{L−1}}, with a safety factor: a remainder that decays like
 * h^q leaves a bias {@code |P̃_L − P̃_{L−1}| / (2^q − 1)}; B takes q = 1 (the slowest decay the weak order allows; the
 * expansion's q = 2 would give a third of it, which the coarse levels' pre-asymptotic decay does not honour) and adds
 * the randomisation error of the difference:
 * {@code B = |2 Ȳ_L − Ȳ_{L−1}| + t √(4 s_L² + s_{L−1}²)}. The reported interval for E P is
 * {@code P̃ ± (t s + B)}, t the Student quantile with R − 1 degrees of freedom (conservative: the sum of L + 1 such
 * estimates has more).
  */
public final class MultilevelQmc {
    private final SdeProblem problem;
    private final Coupling coupling;
    private final Payoff payoff;
    private long seed = 1;
    private int randomisations = 16;
    private int threads = 1;
    private int maxLevel = 16;
    private double maxSeconds = Double.POSITIVE_INFINITY;
    private Consumer<String> progress;

    /**
     * The answer.
     *
     * @param estimate      P̃, the extrapolated estimate {@code Σ_{ℓ<L} Ȳ_ℓ + 2 Ȳ_L}
     * @param standardError s, its randomisation standard error
     * @param lower         {@code P̃ − t s − B}, the lower end of the 95 % interval for E P
     * @param upper         {@code P̃ + t s + B}
     * @param biasEstimate  B, the bound on the remaining bias {@code |E P̃ − E P|} ({@code |2 Ȳ_L − Ȳ_{L−1}|} plus its
     *                      randomisation error)
     * @param points        N_ℓ per randomisation, per level
     * @param means         Ȳ_ℓ per level (not extrapolated: their sum is the plain estimate P̂ of E P_L)
     * @param variances     s_ℓ² per level
     * @param cost          Σ R N_ℓ C_ℓ, in steps
     * @param seconds       wall time
     * @param converged     whether both tests were met
     * @param message       "converged", or which test failed or that the time budget ran out
     */
    public record Result(double estimate, double standardError, double lower, double upper, double biasEstimate,
            long[] points, double[] means, double[] variances, double cost, double seconds, boolean converged,
            String message) {
    }

    private MultilevelQmc(SdeProblem problem, Coupling coupling, Payoff payoff) {
        this.problem = Require.nonNull("problem", problem);
        this.coupling = Require.nonNull("coupling", coupling);
        this.payoff = Require.nonNull("payoff", payoff);
        Multilevel.checkFits(problem, coupling, payoff);
    }

    /** Multilevel QMC for {@code E payoff(X)}. */
    public static MultilevelQmc of(SdeProblem problem, Coupling coupling, Payoff payoff) {
        return new MultilevelQmc(problem, coupling, payoff);
    }

    /** The root seed (default 1). */
    public MultilevelQmc seed(long value) {
        this.seed = value;
        return this;
    }

    /** R per level (default 16, at least 2). */
    public MultilevelQmc randomisations(int r) {
        if (r < 2) {
            throw new IllegalArgumentException("randomisations = " + r + ": at least 2 are needed for an interval");
        }
        this.randomisations = r;
        return this;
    }

    /** Threads; never change the result. */
    public MultilevelQmc threads(int count) {
        this.threads = Require.positive("threads", count);
        return this;
    }

    /** The finest level allowed (default 16). */
    public MultilevelQmc maxLevel(int level) {
        if (level < 2 || level > 24) {
            throw new IllegalArgumentException("maxLevel = " + level + ": must lie in [2, 24]");
        }
        this.maxLevel = level;
        return this;
    }

    /** No new doubling or level starts after this many seconds (default unlimited); the result then says so. */
    public MultilevelQmc maxSeconds(double seconds) {
        this.maxSeconds = Require.positive("maxSeconds", seconds);
        return this;
    }

    /** Told a line after every doubling (levels, points, standard error, elapsed time); null for none. */
    public MultilevelQmc progress(Consumer<String> listener) {
        this.progress = listener;
        return this;
    }

    /** One level: its job and the per-randomisation sums so far. */
    private final class Level {
        final RandomisedQmc job;
        final double[] sums = new double[randomisations];
        long points;

        Level(int l) {
            KeyedStream k = new KeyedStream();
            k.reset(seed, 0x6d6c716dL, l);
            job = RandomisedQmc.of(problem, coupling, payoff).steps(1 << l).coupled(l == 0 ? 0 : 2)
                    .randomisations(randomisations).seed(k.nextLong()).threads(threads);
        }

        void extendTo(long n) {
            RandomisedQmc.Result r = job.runRange(points, n - points);
            for (int k = 0; k < randomisations; k++) {
                sums[k] += r.means()[k] * (n - points);
            }
            points = n;
        }

        double mean() {
            double m = 0;
            for (double s : sums) {
                m += s / points;
            }
            return m / randomisations;
        }

        /** The variance of the level's estimate, s_ℓ². */
        double variance() {
            double m = mean();
            double ss = 0;
            for (double s : sums) {
                ss += (s / points - m) * (s / points - m);
            }
            return ss / ((double) randomisations * (randomisations - 1));
        }
    }

    /** The levels of the running estimate (an estimator runs one estimate at a time). */
    private final List<Level> levels = new ArrayList<>();

    /**
     * Estimates {@code E P} to root-mean-square error ε.
     *
     * @param epsilon ε &gt; 0
     * @return the estimate
     */
    public Result estimate(double epsilon) {
        if (!(epsilon > 0 && epsilon < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("epsilon = " + epsilon + ": the tolerance must be positive and finite");
        }
        long start = System.nanoTime();
        levels.clear();
        for (int l = 0; l <= 2; l++) {
            Level level = new Level(l);
            levels.add(level);
            level.extendTo(256);
        }
        report(start);
        boolean converged;
        double bias;
        String message = "converged";
        outer:
        while (true) {
            while (totalVariance() > epsilon * epsilon / 2) {
                if (timeUp(start)) {
                    break outer;
                }
                Level best = null;
                double bestGain = -1;
                for (int l = 0; l < levels.size(); l++) {
                    Level level = levels.get(l);
                    double weight = l == levels.size() - 1 ? 4 : 1;
                    double gain = weight * level.variance() / (level.points * Levels.DEFAULT.cost(l));
                    if (gain > bestGain && level.points < (1L << 30)) {
                        bestGain = gain;
                        best = level;
                    }
                }
                if (best == null) {
                    break;
                }
                best.extendTo(2 * best.points);
                report(start);
            }
            int top = levels.size() - 1;
            bias = biasBound();
            if (bias <= epsilon / Math.sqrt(2)) {
                break;
            }
            if (top >= maxLevel) {
                message = String.format(Locale.ROOT, "the bias bound %.3g still exceeds ε/√2 = %.3g at the maximum"
                        + " level %d", bias, epsilon / Math.sqrt(2), maxLevel);
                break;
            }
            if (timeUp(start)) {
                break;
            }
            Level level = new Level(top + 1);
            levels.add(level);
            level.extendTo(256);
            report(start);
        }
        bias = biasBound();
        if (timeUp(start) && (bias > epsilon / Math.sqrt(2) || totalVariance() > epsilon * epsilon / 2)) {
            message = Multilevel.stopped((System.nanoTime() - start) * 1e-9, maxSeconds);
        }
        converged = bias <= epsilon / Math.sqrt(2) && totalVariance() <= epsilon * epsilon / 2;
        if (!converged && message.equals("converged")) {
            message = "the variance target ε²/2 was not met with 2^30 points per level";
        }
        int n = levels.size();
        long[] points = new long[n];
        double[] means = new double[n];
        double[] variances = new double[n];
        double estimate = 0;
        double cost = 0;
        for (int l = 0; l < n; l++) {
            Level level = levels.get(l);
            points[l] = level.points;
            means[l] = level.mean();
            variances[l] = level.variance();
            estimate += means[l] * (l == n - 1 ? 2 : 1);
            cost += (double) randomisations * level.points * Levels.DEFAULT.cost(l);
        }
        double se = Math.sqrt(totalVariance());
        double t = StudentT.twoSidedQuantile(0.95, randomisations - 1);
        double half = t * se + bias;
        return new Result(estimate, se, estimate - half, estimate + half, bias, points, means, variances, cost,
                (System.nanoTime() - start) * 1e-9, converged, message);
    }

    /** {@code B = |2 Ȳ_L − Ȳ_{L−1}| + t √(4 s_L² + s_{L−1}²)}, the bound on the extrapolated estimate's bias. */
    private double biasBound() {
        Level fine = levels.get(levels.size() - 1);
        Level coarse = levels.get(levels.size() - 2);
        double t = StudentT.twoSidedQuantile(0.95, randomisations - 1);
        return Math.abs(2 * fine.mean() - coarse.mean()) + t * Math.sqrt(4 * fine.variance() + coarse.variance());
    }

    private boolean timeUp(long start) {
        return (System.nanoTime() - start) * 1e-9 > maxSeconds;
    }

    private void report(long start) {
        if (progress != null) {
            long points = 0;
            for (Level level : levels) {
                points += level.points;
            }
            progress.accept(String.format(Locale.ROOT, "mlqmc: %d levels, %d x %d points, standard error %.3g, %.1f s",
                    levels.size(), randomisations, points, Math.sqrt(totalVariance()), (System.nanoTime() - start) * 1e-9));
        }
    }

    /** The variance of the extrapolated estimate, {@code Σ_{ℓ<L} s_ℓ² + 4 s_L²}. */
    private double totalVariance() {
        double v = 0;
        for (Level level : levels) {
            v += level.variance();
        }
        return v + 3 * levels.get(levels.size() - 1).variance();
    }
}
