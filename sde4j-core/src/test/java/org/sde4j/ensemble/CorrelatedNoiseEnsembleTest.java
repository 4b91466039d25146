package org.sde4j.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.sde.NoiseProcess;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.CorrelatedGbm;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;

/**
 * Ensembles of the correlated 2-d GBM ({@link CorrelatedGbm}) against the closed form
 * {@code E[X_1 X_2](T) = X_1(0) X_2(0) exp((μ_1 + μ_2 + C_12 σ_1 σ_2) T)}, on both engines. Fixed seeds; the
 * tolerance is 4 standard errors plus Euler–Maruyama's own bias (computed exactly from its recursion), and the
 * same problem with independent noise lies many tolerances away, so a lost correlation fails.
 */
class CorrelatedNoiseEnsembleTest {
    private static final Scheme EM = Schemes.byName("euler-maruyama");
    private static final int STEPS = 64;

    @Test
    void productMeanMatchesTheClosedFormOnTheBlockEngine() {
        checkProductMean(Ensemble.Engine.BLOCK, 100_000, CorrelatedGbm.problem(), CorrelatedGbm.RHO);
    }

    @Test
    void productMeanMatchesTheClosedFormOnThePathEngine() {
        checkProductMean(Ensemble.Engine.PATH, 50_000, CorrelatedGbm.problem(), CorrelatedGbm.RHO);
    }

    /** A covariance with other variances: {@code E[X_1 X_2]} depends on C_12 only, and C_12 = 0.6 here. */
    @Test
    void covarianceWithOtherVariancesOnTheBlockEngine() {
        SdeProblem p = CorrelatedGbm.problem(NoiseProcess.covariance(new double[][] {{2, 0.6}, {0.6, 0.5}}));
        checkProductMean(Ensemble.Engine.BLOCK, 100_000, p, 0.6);
        EnsembleResult r = Ensemble.of(p, EM).steps(STEPS).paths(100_000).seed(11).run();
        for (int i = 0; i < 2; i++) {
            double exact = CorrelatedGbm.X0[i] * Math.exp(CorrelatedGbm.MU[i]);
            assertEquals(exact, r.mean()[i], 4 * r.standardError()[i] + 0.01 * exact, "E X_" + i);
        }
    }

    @Test
    void correlatedBlockRunsAreTheSameForAnyThreadCount() {
        SdeProblem p = CorrelatedGbm.problem();
        EnsembleResult one = Ensemble.of(p, EM).steps(STEPS).paths(3000).seed(2).threads(1).blockSize(256).run();
        EnsembleResult two = Ensemble.of(p, EM).steps(STEPS).paths(3000).seed(2).threads(2).run();
        assertArrayEquals(one.mean(), two.mean());
        assertArrayEquals(one.standardDeviation(), two.standardDeviation());
    }

    private static void checkProductMean(Ensemble.Engine engine, int paths, SdeProblem problem, double c12) {
        EnsembleResult r = Ensemble.of(problem, EM).steps(STEPS).paths(paths).seed(2026).engine(engine)
                .keepFinalStates(true).run();
        double sum = 0;
        double sumSquares = 0;
        for (long p = 0; p < paths; p++) {
            double product = r.finalState(p, 0) * r.finalState(p, 1);
            sum += product;
            sumSquares += product * product;
        }
        double mean = sum / paths;
        double standardError = Math.sqrt((sumSquares / paths - mean * mean) / (paths - 1));
        double exact = CorrelatedGbm.productMean(c12, 1);
        double bias = Math.abs(CorrelatedGbm.eulerProductMean(c12, 1, STEPS) - exact);
        double tolerance = 4 * standardError + bias;
        assertEquals(exact, mean, tolerance, engine + ": mean of X1 X2 = " + mean + " ± " + standardError);
        double uncorrelated = CorrelatedGbm.productMean(0, 1);
        assertTrue(Math.abs(exact - uncorrelated) > 5 * tolerance,
                "the test separates C_12 = " + c12 + " from independence: " + exact + " vs " + uncorrelated);
    }
}
