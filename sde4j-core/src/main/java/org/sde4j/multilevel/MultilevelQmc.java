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
 * <p><b>The algorithm</b> (Giles &amp; Waterhouse §3): start with levels 0 … 2 and N_ℓ = 256; while the summed
 * variance of the level estimates {@code Σ_ℓ s_ℓ²} exceeds ε²/2, double N_ℓ on the level with the largest
 * {@code s_ℓ² / (N_ℓ C_ℓ)} (the most variance removed per unit of cost, C_ℓ = n_ℓ (1 + 1/M)); then, as in
 * {@link Multilevel}, add a level while the bias estimate {@code max_i |Ȳ_{L−i}| 2^{−i} / (2 − 1)} (α = 1, the
 * schemes' weak order) exceeds ε/√2. Each level's R means are independent, so the estimate's variance is
 * {@code Σ s_ℓ²}; the interval {@code P̂ ± t s} uses Student's t with R − 1 degrees of freedom (conservative: the
 * sum of L + 1 such estimates has more).
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
     * @param estimate      P̂
     * @param standardError s
     * @param lower         P̂ − t s
     * @param upper         P̂ + t s
     * @param biasEstimate  the remaining bias estimated at the finest level
     * @param points        N_ℓ per randomisation, per level
     * @param means         Ȳ_ℓ per level
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
                    double gain = level.variance() / (level.points * Levels.DEFAULT.cost(l));
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
            bias = biasEstimate();
            if (bias <= epsilon / Math.sqrt(2)) {
                break;
            }
            if (top >= maxLevel) {
                message = String.format(Locale.ROOT, "the bias estimate %.3g still exceeds ε/√2 = %.3g at the maximum"
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
        bias = biasEstimate();
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
            estimate += means[l];
            cost += (double) randomisations * level.points * Levels.DEFAULT.cost(l);
        }
        double se = Math.sqrt(totalVariance());
        double t = StudentT.twoSidedQuantile(0.95, randomisations - 1);
        return new Result(estimate, se, estimate - t * se, estimate + t * se, bias, points, means, variances, cost,
                (System.nanoTime() - start) * 1e-9, converged, message);
    }

    /** {@code max_i |Ȳ_{L−i}| 2^{−i}} over i = 0, 1, 2 (α = 1, M = 2: the divisor 2^α − 1 is 1). */
    private double biasEstimate() {
        int top = levels.size() - 1;
        double bias = 0;
        for (int i = 0; i <= Math.min(2, top - 1); i++) {
            bias = Math.max(bias, Math.abs(levels.get(top - i).mean()) / Math.pow(2, i));
        }
        return bias;
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

    private double totalVariance() {
        double v = 0;
        for (Level level : levels) {
            v += level.variance();
        }
        return v;
    }
}
