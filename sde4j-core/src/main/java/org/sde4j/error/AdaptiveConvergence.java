package org.sde4j.error;

import org.sde4j.brownian.OnDemandBrownianPath;
import org.sde4j.ensemble.AdaptiveEnsemble;
import org.sde4j.ensemble.AdaptiveEnsembleResult;
import org.sde4j.problems.TestProblem;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Scheme;

/**
 * The strong error of an adaptive ensemble at several tolerances: for each tolerance τ (atol = rtol = τ) the
 * {@link AdaptiveEnsemble} steps every path on its own error estimate over its own Brownian path, and the error is
 * {@code E|X_T − X(T)|} (Euclidean norm) against the exact solution on that same path: W(T), the path's anchor at
 * t1, is a pure function of (seed, path) ({@link OnDemandBrownianPath}), so the comparison is pathwise and exact.
 *
 * <p>Two fits, each the least-squares slope with a 95 % bootstrap interval over whole paths ({@link OrderFit}):
 * <ul>
 *   <li>the <b>tolerance slope</b>, of log error against log τ: 1 when the error follows the tolerance, as a
 *       controller that keeps the global error near τ should (below 1 when it over-resolves at loose tolerances,
 *       or when another error — a step cap, a scheme's estimate that misses part of the error — takes over);</li>
 *   <li>the <b>step order</b>, of log error against log h̄, h̄ = (T − t0) / (mean accepted steps per path): the
 *       order the adaptive runs achieve per step on average, to compare with the scheme's fixed-step strong order
 *       (the steps are taken as given in the bootstrap, which resamples the errors only).</li>
 * </ul>
 *
 * <p>Needs a problem with an exact pathwise solution and independent noise, and a scheme the adaptive ensemble
 * can step. The bits do not depend on the thread count (the ensemble's and the bootstrap's).
 */
public final class AdaptiveConvergence {
    /** Bootstrap resamples of each fit. */
    static final int RESAMPLES = 1000;

    private AdaptiveConvergence() {
    }

    /**
     * One study's numbers, level by level (one level per tolerance).
     *
     * @param tolerances     τ per level
     * @param errors         {@code E|X_T − X(T)|} per level
     * @param standardErrors the errors' standard errors (sample SD / √paths)
     * @param meanAccepted   accepted steps per path, mean
     * @param meanRejected   rejected steps per path, mean
     * @param meanStep       h̄ = (T − t0) / meanAccepted
     * @param toleranceSlope slope of log error against log τ, with its interval
     * @param stepOrder      slope of log error against log h̄, with its interval
     * @param seconds        wall time of the study
     */
    public record Result(double[] tolerances, double[] errors, double[] standardErrors, double[] meanAccepted,
            double[] meanRejected, double[] meanStep, OrderEstimate toleranceSlope, OrderEstimate stepOrder,
            long paths, double seconds) {
    }

    /**
     * @param tolerances at least 3, positive and finite, each smaller than the one before
     * @param paths      paths per tolerance, at least 2
     * @throws IllegalArgumentException naming the setting: a problem without an exact solution or with correlated
     *                                  noise, bad tolerances, too few paths or too little memory
     */
    public static Result run(TestProblem problem, Scheme scheme, double[] tolerances, long paths, long seed,
            int threads) {
        Require.nonNull("problem", problem);
        Require.nonNull("scheme", scheme);
        problem.requireSolution();
        SdeProblem sdeProblem = problem.problem();
        if (!sdeProblem.noise().isIndependent()) {
            throw new IllegalArgumentException("problem = " + problem.name() + ": has correlated noise; the adaptive"
                    + " error study compares with the exact solution on independent Brownian trees only");
        }
        if (tolerances.length < 3) {
            throw new IllegalArgumentException("tolerances: " + tolerances.length + " given; a slope with an"
                    + " interval needs at least 3");
        }
        for (int l = 0; l < tolerances.length; l++) {
            Require.positive("tolerance", tolerances[l]);
            if (!Double.isFinite(tolerances[l]) || (l > 0 && !(tolerances[l] < tolerances[l - 1]))) {
                throw new IllegalArgumentException("tolerance = " + tolerances[l] + ": tolerances must be finite and"
                        + " decrease from level to level");
            }
        }
        if (paths < 2 || paths > Integer.MAX_VALUE / tolerances.length) {
            throw new IllegalArgumentException("paths = " + paths + ": must lie in [2, "
                    + Integer.MAX_VALUE / tolerances.length + "] (an error with a standard error, per-path samples)");
        }
        int levels = tolerances.length;
        int n = (int) paths;
        int d = sdeProblem.dimension();
        Require.memory("paths = " + paths + " at " + levels + " tolerances: each path's error and final state",
                Require.bytesOf(paths, levels + d, Double.BYTES));
        long start = System.nanoTime();
        double[] exact = exactFinalStates(problem, scheme, n, seed);
        double[] samples = new double[n * levels];
        double[] accepted = new double[levels];
        double[] rejected = new double[levels];
        double[] meanStep = new double[levels];
        double span = sdeProblem.t1() - sdeProblem.t0();
        for (int l = 0; l < levels; l++) {
            AdaptiveEnsembleResult r = AdaptiveEnsemble.of(sdeProblem, scheme).tolerances(tolerances[l], tolerances[l])
                    .paths(paths).seed(seed).threads(threads).keepFinalStates(true).run();
            double[] finals = r.statistics().finalStates();
            for (int p = 0; p < n; p++) {
                double sum = 0;
                for (int i = 0; i < d; i++) {
                    double e = finals[p * d + i] - exact[p * d + i];
                    sum += e * e;
                }
                samples[p * levels + l] = Math.sqrt(sum);
            }
            accepted[l] = r.steps().meanAccepted();
            rejected[l] = r.steps().meanRejected();
            meanStep[l] = span / accepted[l];
        }
        MeanEstimator estimator = new MeanEstimator(samples, levels, 0, levels);
        double[] errors = new double[levels];
        double[] stderrs = new double[levels];
        estimator.estimate(null, errors, stderrs);
        OrderEstimate toleranceSlope = OrderFit.estimate(tolerances.clone(), estimator, RESAMPLES, seed, threads);
        OrderEstimate stepOrder = OrderFit.estimate(meanStep.clone(), estimator, RESAMPLES, seed, threads);
        return new Result(tolerances.clone(), errors, stderrs, accepted, rejected, meanStep, toleranceSlope, stepOrder,
                paths, (System.nanoTime() - start) * 1e-9);
    }

    /** X(T) on each path's own Brownian path: W(T), its anchor at t1, keyed by (seed, path) as the ensemble keys it. */
    private static double[] exactFinalStates(TestProblem problem, Scheme scheme, int paths, long seed) {
        SdeProblem p = problem.problem();
        int m = p.sde().noiseDimension();
        int d = p.dimension();
        OnDemandBrownianPath brownian = OnDemandBrownianPath.of(m, scheme.needsSpaceTimeLevyArea(), seed);
        double[] anchor = {p.t1()};
        double[] w = new double[m];
        double[] k = new double[m];
        double[] x = new double[d];
        double[] out = new double[paths * d];
        for (int q = 0; q < paths; q++) {
            brownian.reset(q, p.t0(), anchor);
            brownian.value(p.t1(), w, k);
            problem.exactSolution(p.t1(), w, x);
            System.arraycopy(x, 0, out, q * d, d);
        }
        return out;
    }
}
