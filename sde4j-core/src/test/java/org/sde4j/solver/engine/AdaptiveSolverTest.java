package org.sde4j.solver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.sde4j.brownian.StreamingBrownianIncrements;
import org.sde4j.brownian.VirtualBrownianTree;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.random.RandomStreams;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.StepFailedException;
import org.sde4j.solver.scheme.Milstein;
import org.sde4j.solver.scheme.ReversibleHeun;
import org.sde4j.solver.scheme.RosslerSchemes;

/**
 * Adaptive Milstein on gbm (a = 1.01, b = 0.87, X0 = 0.5), each path on its own virtual Brownian tree
 * (fixed seeds). Measured at atol = rtol = 1e-3 over 300 paths: the error at T is about 1.3× the
 * tolerance scale on average, with about 185 accepted steps per path where fixed steps need about 330 for
 * the same error (but each adaptive attempt costs three steps: the step and its two halves).
 */
class AdaptiveSolverTest {
    private static final TestProblem GBM = Problems.gbm();

    @Test
    void errorAtTheEndIsNearTheToleranceWithFewerStepsThanFixedSteps() {
        double tol = 1e-3;
        AdaptiveSolver solver = AdaptiveSolver.of(GBM.problem(), Milstein.ITO, tol, tol, 1e-8, 0.1, 1e-3);
        int paths = 300;
        double scaled = 0;
        double error = 0;
        double accepted = 0;
        double[] w = new double[1];
        double[] exact = new double[1];
        for (int p = 0; p < paths; p++) {
            VirtualBrownianTree tree = VirtualBrownianTree.of(0, 1, 1e-9, 1, 1000 + p);
            AdaptiveSolver.Result r = solver.solve(tree);
            tree.value(1.0, w);
            GBM.exactSolution(1.0, w, exact);
            double e = Math.abs(r.finalState()[0] - exact[0]);
            error += e / paths;
            scaled += e / (tol + tol * Math.abs(exact[0])) / paths;
            accepted += (double) r.accepted() / paths;
        }
        assertTrue(scaled > 0.25 && scaled < 2, "mean error / tolerance scale = " + scaled);
        // Fixed steps, as many as the adaptive run accepted on average, are clearly less accurate.
        int fixedSteps = (int) Math.round(accepted);
        double fixed = 0;
        for (int p = 0; p < paths; p++) {
            VirtualBrownianTree tree = VirtualBrownianTree.of(0, 1, 1e-9, 1, 1000 + p);
            tree.value(1.0, w);
            GBM.exactSolution(1.0, w, exact);
            fixed += Math.abs(Solver.solveToEnd(GBM.problem(), Milstein.ITO, fixedSteps, tree)[0] - exact[0]) / paths;
        }
        assertTrue(fixed > 1.3 * error, "adaptive " + error + " with " + accepted + " accepted steps; fixed " + fixed
                + " with " + fixedSteps + " steps");
    }

    @Test
    void rejectionsDoNotBiasTheTerminalDistribution() {
        // X(1) is lognormal: log X(1) ~ N(log X0 + a − b²/2, b²). Kolmogorov–Smirnov over 2000 adaptive paths
        // at a loose tolerance (many rejections); fixed seeds, so the p-value is a fixed number.
        AdaptiveSolver solver = AdaptiveSolver.of(GBM.problem(), Milstein.ITO, 1e-2, 1e-2, 1e-8, 0.25, 0.25);
        int paths = 2000;
        double[] finals = new double[paths];
        int rejected = 0;
        for (int p = 0; p < paths; p++) {
            AdaptiveSolver.Result r = solver.solve(VirtualBrownianTree.of(0, 1, 1e-9, 1, 5000 + p));
            finals[p] = r.finalState()[0];
            rejected += r.rejected();
        }
        assertTrue(rejected > paths / 10, "rejections to test: " + rejected);
        LogNormalDistribution law = new LogNormalDistribution(Math.log(0.5) + 1.01 - 0.5 * 0.87 * 0.87, 0.87);
        double pValue = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(law, finals);
        assertTrue(pValue > 1e-3, "KS p-value " + pValue);
    }

    @Test
    void sriw1WithItsEmbeddedEstimateMeetsTheTolerance() {
        // Measured over 300 paths at tol 1e-3: error at T ≈ 0.10 × the tolerance scale with ≈ 220 accepted
        // steps (the embedded estimate, O(h), is pessimistic for a strong-order-1.5 scheme); step doubling
        // with the same scheme: ≈ 0.7 × with ≈ 45 accepted steps.
        double tol = 1e-3;
        AdaptiveSolver embedded = AdaptiveSolver.of(GBM.problem(), RosslerSchemes.SRIW1, tol, tol, 1e-9, 0.1, 1e-3);
        double scaledEmbedded = 0;
        double scaledDoubling = 0;
        int paths = 100;
        double[] w = new double[1];
        double[] exact = new double[1];
        for (int p = 0; p < paths; p++) {
            VirtualBrownianTree tree = VirtualBrownianTree.withSpaceTimeLevyArea(0, 1, 1e-9, 1, 300 + p);
            tree.value(1.0, w);
            GBM.exactSolution(1.0, w, exact);
            double scale = tol + tol * Math.abs(exact[0]);
            scaledEmbedded += Math.abs(embedded.solve(tree).finalState()[0] - exact[0]) / scale / paths;
            scaledDoubling += Math.abs(embedded.withStepDoubling().solve(tree).finalState()[0] - exact[0]) / scale / paths;
        }
        assertTrue(scaledEmbedded < 1, "embedded: mean error / tolerance scale = " + scaledEmbedded);
        assertTrue(scaledDoubling < 2, "doubling: mean error / tolerance scale = " + scaledDoubling);
    }

    @Test
    void tooStrictAToleranceFailsClearly() {
        AdaptiveSolver solver = AdaptiveSolver.of(GBM.problem(), Milstein.ITO, 1e-12, 1e-12, 1e-3, 0.1, 0.01);
        StepFailedException e = assertThrows(StepFailedException.class,
                () -> solver.solve(VirtualBrownianTree.of(0, 1, 1e-9, 1, 1)));
        assertTrue(e.getMessage().contains("below dtMin"), e.getMessage());
    }

    @Test
    void badSettingsAndSourcesAreRejected() {
        SdeProblem problem = GBM.problem();
        IllegalArgumentException tolerance = assertThrows(IllegalArgumentException.class,
                () -> AdaptiveSolver.of(problem, Milstein.ITO, 0, 0, 1e-6, 0.1, 0.01));
        assertTrue(tolerance.getMessage().contains("not both 0"), tolerance.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AdaptiveSolver.of(problem, Milstein.ITO, 1e-3, 1e-3, 0.1, 0.01, 0.05));
        IllegalArgumentException multistep = assertThrows(IllegalArgumentException.class,
                () -> AdaptiveSolver.of(problem.withSde(problem.sde().convertedTo(org.sde4j.sde.Calculus.STRATONOVICH)),
                        ReversibleHeun.INSTANCE, 1e-3, 1e-3, 1e-6, 0.1, 0.01));
        assertTrue(multistep.getMessage().contains("one-step"), multistep.getMessage());
        // A streaming source cannot answer the re-queries of step doubling: it says so.
        AdaptiveSolver solver = AdaptiveSolver.of(problem, Milstein.ITO, 1e-3, 1e-3, 1e-6, 0.1, 0.01);
        IllegalArgumentException streaming = assertThrows(IllegalArgumentException.class,
                () -> solver.solve(new StreamingBrownianIncrements(RandomStreams.gaussian(1, 0), 1)));
        assertTrue(streaming.getMessage().contains("consecutive"), streaming.getMessage());
    }
}
