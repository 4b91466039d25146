package org.sde4j.cli.command;

import java.io.PrintWriter;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.Table;
import org.sde4j.ensemble.AdaptiveEnsemble;
import org.sde4j.ensemble.AdaptiveEnsembleResult;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.ensemble.EnsembleResult;
import org.sde4j.problems.Problems;
import org.sde4j.problems.StochasticHeat;
import org.sde4j.problems.TestProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;

/**
 * The tour's last part: adaptive ensembles (each path on its own error estimate and Brownian path) against exact
 * means, with their step counts; and one stiff problem, the stochastic heat equation at d = 32, solved by SK-ROCK far
 * beyond Euler–Maruyama's stability limit: the variance of the spatial mean {@code M = δ Σ U_i} at t = 1, from the
 * ensemble's covariance ({@code Var M = δ² Σ_ij C_ij}), against the exact {@link StochasticHeat#meanVariance}; M is
 * Gaussian, so the estimate's standard error is {@code Var M · √(2/(n − 1))}. Small on purpose: a few seconds of the
 * tour.
 */
final class TourAdaptive {
    /** Adaptive rows: problem, scheme, tolerance. */
    private static final Object[][] ROWS = {{"gbm", "sriw1", 1e-2}, {"gbm", "sosri", 1e-2}, {"additive", "sra1", 1e-3}};
    /** The heat equation's size and SK-ROCK's steps over [0, 1]. */
    private static final int HEAT_D = 32;
    private static final int HEAT_STEPS = 64;
    /** At most this many heat paths: the check needs no more, and the tour stays short. */
    private static final long HEAT_PATHS = 500;

    private TourAdaptive() {
    }

    static void print(PrintWriter out, long paths, long seed, int threads) {
        Table table = new Table("problem", "scheme", "tolerance", ">mean ± se", ">exact mean", ">dev/se  ",
                ">accepted/path (max)", ">rejected/path", ">smallest step", ">seconds");
        for (Object[] row : ROWS) {
            TestProblem problem = Problems.byName((String) row[0]);
            Scheme scheme = Schemes.byName((String) row[1]);
            double tol = (Double) row[2];
            AdaptiveEnsembleResult r = AdaptiveEnsemble.of(problem.problem(), scheme).tolerances(tol, tol).paths(paths)
                    .seed(seed).threads(threads).run();
            double mean = r.mean()[0];
            double se = r.statistics().standardError()[0];
            double exact = problem.exactMean(problem.problem().t1()).get()[0];
            table.row(problem.name(), scheme.name(), Format.compact(tol), Format.g6(mean) + " ± " + Format.g2(se),
                    Format.g6(exact), Format.signed((mean - exact) / se) + "  ",
                    Format.f("%.1f (%d)", r.steps().meanAccepted(), r.steps().maxAccepted()),
                    Format.f("%.2f", r.steps().meanRejected()), Format.g6(r.steps().smallestStep()),
                    Format.seconds(r.seconds()));
        }
        out.println("Adaptive ensembles: each path steps on its own error estimate (atol = rtol = tolerance), over its"
                + " own Brownian path; rejected steps never redraw noise (" + paths + " paths)");
        out.println();
        out.print(table.render());
        out.println();
        StochasticHeat heat = StochasticHeat.of(HEAT_D, 1, 1);
        long heatPaths = Math.min(paths, HEAT_PATHS);
        EnsembleResult r = Ensemble.of(heat.problem(1), Schemes.byName("sk-rock")).steps(HEAT_STEPS).paths(heatPaths)
                .covariance(true).seed(seed).threads(threads).run();
        double[] c = r.finalStatistics().covariance();
        double sum = 0;
        for (double v : c) {
            sum += v;
        }
        double delta = 1.0 / (HEAT_D + 1);
        double varianceOfMean = delta * delta * sum;
        double exact = heat.meanVariance(1);
        // M is Gaussian, so its sample variance has SE Var M · √(2/(n − 1)); under the exact law (the estimated Var M
        // would shrink the SE exactly when the estimate is low, and inflate the deviation).
        double se = exact * Math.sqrt(2.0 / (heatPaths - 1));
        int stable = (int) Math.ceil(heat.spectralRadius() / 2);
        out.println("Stiff: stochastic heat equation, d = " + HEAT_D + " (spectral radius " + Format.g6(
                heat.spectralRadius()) + "; Euler–Maruyama needs more than " + stable + " steps to be stable), sk-rock"
                + " with " + HEAT_STEPS + " steps, " + heatPaths + " paths: Var of the spatial mean at t = 1 "
                + Format.g6(varianceOfMean) + " ± " + Format.g2(se) + " against exact " + Format.g6(exact) + " (dev/se "
                + Format.signed((varianceOfMean - exact) / se) + ", " + Format.seconds(r.seconds()) + ")");
        out.println();
    }
}
