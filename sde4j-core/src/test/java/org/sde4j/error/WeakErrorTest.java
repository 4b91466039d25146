package org.sde4j.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.sde.PathwiseSolution;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;

/** Weak-error studies (fixed seeds, deterministic). */
class WeakErrorTest {
    private static final Scheme EM = Schemes.byName("euler-maruyama");
    private static final TestProblem GBM = Problems.gbm();
    private static final double MEAN = 0.5 * Math.exp(1.01);

    static ControlVariate exactSolutionOf(PathwiseSolution solution, double mean) {
        return new ControlVariate((t, w) -> {
            double[] x = new double[1];
            solution.value(t, w, x);
            return x[0];
        }, mean);
    }

    /**
     * Euler–Maruyama's weak error on GBM for φ(x) = x is exactly X0 |(1 + aΔt)^N − e^{aT}|; with the exact
     * solution as control variate the Monte Carlo noise is far below it.
     */
    @Test
    void controlVariateRecoversTheKnownWeakErrorAndOrderOne() {
        ConvergenceResult r = WeakError.of(GBM.problem(), EM, Functional.component(0)).exactExpectation(MEAN)
                .controlVariate(exactSolutionOf(GBM.requireSolution(), MEAN)).halvings(8, 5).paths(20_000).seed(2)
                .threads(2).run();
        int[] steps = r.steps();
        for (int l = 0; l < steps.length; l++) {
            double exactError = MEAN - 0.5 * Math.pow(1 + 1.01 / steps[l], steps[l]);
            assertEquals(exactError, r.errors()[l], 4 * r.standardErrors()[l] + 1e-3 * exactError, r.report());
        }
        assertTrue(r.order().intervalContains(1.0) && r.order().width() < 0.2, r.report());
        assertEquals(1.0, r.order().order(), 0.05, r.report());
    }

    @Test
    void withoutControlVariateTheStandardErrorIsThatOfTheMean() {
        ConvergenceResult r = WeakError.of(GBM.problem(), EM, Functional.component(0)).exactExpectation(MEAN)
                .halvings(16, 3).paths(4000).seed(2).threads(2).bootstrapResamples(0).run();
        double sd = MEAN * Math.sqrt(Math.expm1(0.87 * 0.87));
        assertEquals(sd / Math.sqrt(4000), r.standardErrors()[2], 0.15 * sd / Math.sqrt(4000));
    }

    /** φ(x) = x² on a GBM with b = 0.3 (the library's b = 0.87 makes x² too heavy-tailed for 4000 paths). */
    @Test
    void referenceOnTheSamePathsForTheSecondMoment() {
        double a = 1.01;
        double b = 0.3;
        double second = 0.25 * Math.exp((2 * a + b * b));
        TestProblem gbm = Problems.gbm(a, b, 0.5, 1);
        ConvergenceResult exact = WeakError.of(gbm.problem(), EM, Functional.square(0)).exactExpectation(second)
                .controlVariate(new ControlVariate((t, w) -> {
                    double x = 0.5 * Math.exp((a - 0.5 * b * b) * t + b * w[0]);
                    return x * x;
                }, second)).halvings(16, 4).paths(4000).seed(4).threads(2).run();
        ConvergenceResult reference = WeakError.of(gbm.problem(), EM, Functional.square(0))
                .reference(Schemes.byName("milstein")).halvings(16, 4).paths(4000).seed(4).threads(2).run();
        assertEquals(1.0, exact.order().order(), 0.1, exact.report());
        assertEquals(1.0, reference.order().order(), 0.15, reference.report());
        for (int l = 0; l < 4; l++) {
            assertEquals(exact.errors()[l], reference.errors()[l],
                    0.1 * exact.errors()[l] + 4 * (exact.standardErrors()[l] + reference.standardErrors()[l]));
        }
    }

    @Test
    void sameResultOnOneAndTwoThreadsWithTwoPointIncrements() {
        WeakError study = WeakError.of(GBM.problem(), EM, Functional.component(0)).exactExpectation(MEAN)
                .twoPointIncrements().halvings(8, 3).paths(3000).seed(9);
        ConvergenceResult one = study.threads(1).run();
        ConvergenceResult two = study.threads(2).run();
        assertEquals(java.util.Arrays.toString(one.errors()), java.util.Arrays.toString(two.errors()));
        assertEquals(one.order().low(), two.order().low());
        assertTrue(one.measure().contains("two-point"), one.measure());
    }
}
