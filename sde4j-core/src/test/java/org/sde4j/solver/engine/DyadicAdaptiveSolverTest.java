package org.sde4j.solver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.solver.StepFailedException;
import org.sde4j.solver.scheme.Milstein;
import org.sde4j.solver.scheme.ReversibleHeun;

/**
 * Rejections that keep the Brownian path keep the law; rejections that redraw the noise bias it. On gbm
 * ({@code a = 1.01, b = 0.87, X0 = 0.5, T = 1}) {@code log X_T} is normal with variance {@code b² T = 0.7569}.
 */
class DyadicAdaptiveSolverTest {
    private static final TestProblem GBM = Problems.gbm();

    @Test
    void redrawingTheNoiseOfRejectedStepsWouldBiasTheVariance() {
        double kept = logVariance(false);
        double redrawn = logVariance(true);
        double se = 0.7569 * Math.sqrt(2.0 / PATHS);
        assertEquals(0.7569, kept, 3 * se, "same path");
        // Milstein at tol 3e-3, ~13 rejections per path. Measured: kept 0.7575, redrawn 0.4636 (the large increments
        // are the rejected ones).
        assertTrue(redrawn < 0.7569 - 8 * se, () -> "redrawn " + redrawn + ", kept " + kept);
    }

    private static final int PATHS = 20_000;

    private static double logVariance(boolean redraw) {
        DyadicAdaptiveSolver solver = new DyadicAdaptiveSolver(GBM.problem(), Milstein.ITO, StepControl.of(3e-3, 3e-3, 1),
                new double[] {1.0}, 21, false);
        solver.redrawOnRejection(redraw);
        double[][] saved = new double[1][1];
        double sum = 0;
        double squares = 0;
        for (int p = 0; p < PATHS; p++) {
            solver.solve(p, saved);
            double y = Math.log(saved[0][0]);
            sum += y;
            squares += y * y;
        }
        double mean = sum / PATHS;
        return (squares - PATHS * mean * mean) / (PATHS - 1);
    }

    @Test
    void schemesThatCannotStepAdaptivelyAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DyadicAdaptiveSolver(
                GBM.problem().withSde(GBM.problem().sde().convertedTo(org.sde4j.sde.Calculus.STRATONOVICH)),
                ReversibleHeun.INSTANCE, StepControl.of(1e-3, 1e-3, 1), new double[] {1.0}, 0, false));
        assertTrue(e.getMessage().contains("one-step scheme"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DyadicAdaptiveSolver(GBM.problem(), Milstein.ITO,
                StepControl.of(1e-3, 1e-3, 1), new double[] {0.5}, 0, false));
    }

    @Test
    void aStepBelowDtMinNamesTimePathAndStep() {
        DyadicAdaptiveSolver solver = new DyadicAdaptiveSolver(GBM.problem(), Milstein.ITO,
                new StepControl(1e-9, 1e-9, 0.01, 1, 0.1), new double[] {1.0}, 1, false);
        StepFailedException e = assertThrows(StepFailedException.class, () -> solver.solve(4, new double[1][1]));
        assertEquals(4, e.path());
        assertTrue(e.getMessage().matches("step failed at t = \\S+ \\(path 4\\): the step size would fall below \\S+,"
                + " the smallest dtMin = 0.01 allows.*"), e.getMessage());
    }
}
