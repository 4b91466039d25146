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
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.SolveDivergedException;
import org.sde4j.solver.scheme.AutoSwitching;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.scheme.SkRock;

/**
 * The tour's last part: adaptive ensembles (each path on its own error estimate and Brownian path) against exact
 * means, with their step counts; and one stiff problem, the stochastic heat equation at d = 32, solved by SK-ROCK far
 * beyond Euler–Maruyama's stability limit: the variance of the spatial mean {@code M = δ Σ U_i} at t = 1, from the
 * ensemble's covariance ({@code Var M = δ² Σ_ij C_ij}), against the exact {@link StochasticHeat#meanVariance}; M is
 * Gaussian, so the estimate's standard error is {@code Var M · √(2/(n − 1))}. Then stiffness detection
 * ({@link AutoSwitching}) on an Ornstein–Uhlenbeck process that turns stiff at t = 0.505: SOSRI2 alone diverges,
 * {@code auto-sosri2} hands the stiff steps to SK-ROCK, whose own linear map predicts the variance at t = 1. Small on
 * purpose: a few seconds of the tour.
 */
final class TourAdaptive {
    /** Adaptive rows: problem, scheme, tolerance. */
    private static final Object[][] ROWS = {{"gbm", "sriw1", 1e-2}, {"gbm", "sosri", 1e-2}, {"additive", "sra1", 1e-3}};
    /** The heat equation's size and SK-ROCK's steps over [0, 1]. */
    private static final int HEAT_D = 32;
    private static final int HEAT_STEPS = 64;
    /** At most this many heat paths: the check needs no more, and the tour stays short. */
    private static final long HEAT_PATHS = 500;
    /** The stiff-onset process: λ = −1 before {@link #ONSET}, {@link #STIFF} after; σ; steps over [0, 1]. */
    private static final double ONSET = 0.505;
    private static final double STIFF = -2000;
    private static final double ONSET_SIGMA = 0.1;
    private static final int ONSET_STEPS = 100;

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
        printStiffOnset(out, paths, seed, threads);
    }

    /**
     * {@code dX = λ(t) X dt + σ dW}: with h = 0.01, hρ is 0.01 before the onset and 20 after, twice SOSRI2's real
     * stability interval. SK-ROCK's linear map {@code X ← A X + B σ ΔW} at hλ = −20 predicts the variance at t = 1
     * after the 49 stiff steps (the start's share, A⁹⁸, is nil); the sample variance of a Gaussian has SE
     * {@code Var · √(2/(n − 1))}.
     */
    private static void printStiffOnset(PrintWriter out, long paths, long seed, int threads) {
        Sde sde = Sde.scalar((t, x) -> (t < ONSET ? -1 : STIFF) * x, (t, x) -> ONSET_SIGMA);
        SdeProblem problem = SdeProblem.of(sde, 1.0, 0, 1);
        AutoSwitching auto = AutoSwitching.SOSRI2_SK_ROCK;
        EnsembleResult r = Ensemble.of(problem, auto).steps(ONSET_STEPS).paths(paths).seed(seed).threads(threads)
                .run();
        double h = 1.0 / ONSET_STEPS;
        double[] ab = SkRock.INSTANCE.linearMap(SkRock.INSTANCE.stagesFor(-h * STIFF), h * STIFF);
        double a2 = ab[0] * ab[0];
        int stiffSteps = ONSET_STEPS - (int) Math.ceil(ONSET / h);
        double predicted = ab[1] * ab[1] * h * ONSET_SIGMA * ONSET_SIGMA * (1 - Math.pow(a2, stiffSteps)) / (1 - a2);
        double variance = r.finalStatistics().variance()[0];
        double se = predicted * Math.sqrt(2.0 / (paths - 1));
        String alone;
        try {
            EnsembleResult a = Ensemble.of(problem, auto.nonStiff()).steps(ONSET_STEPS).paths(paths).seed(seed)
                    .threads(threads).run();
            alone = auto.nonStiff().name() + " alone: Var X(1) " + Format.g6(a.finalStatistics().variance()[0]);
        } catch (SolveDivergedException e) {
            alone = auto.nonStiff().name() + " alone diverged at t = " + Format.g6(e.time());
        }
        out.println("Stiffness detection: dX = λ(t) X dt + " + ONSET_SIGMA + " dW, λ = −1 until t = " + ONSET + ", then "
                + Format.f("%.0f", STIFF) + "; " + ONSET_STEPS + " steps, " + paths + " paths. " + alone + "; "
                + auto.name() + " (" + auto.nonStiff().name() + " while hρ ≤ " + Format.f("%.2f", AutoSwitching.SAFETY_FRACTION
                * auto.stabilityLength()) + ", SK-ROCK beyond): Var X(1) " + Format.g6(variance) + " ± " + Format.g2(se)
                + " against SK-ROCK's own " + Format.g6(predicted) + " (dev/se " + Format.signed((variance - predicted)
                / se) + "; the exact law's is " + Format.g6(ONSET_SIGMA * ONSET_SIGMA / (-2 * STIFF))
                + ": SK-ROCK damps the fast mode at hλ = −20)");
        out.println();
    }
}
