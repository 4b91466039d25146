package org.sde4j.solver.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.brownian.GridIteratedIntegrals;
import org.sde4j.brownian.LevyAreaMethod;
import org.sde4j.brownian.StreamingBrownianIncrements;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.ensemble.EnsembleResult;
import org.sde4j.error.ConvergenceResult;
import org.sde4j.error.OrderFit;
import org.sde4j.error.StrongError;
import org.sde4j.random.RandomStreams;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.PathwiseSolution;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.TimeGrid;
import org.sde4j.solver.engine.PathSolver;

/**
 * Strong order 1 of the Milstein schemes for m = 2 noises, with fixed seeds (deterministic numbers).
 *
 * <ul>
 * <li>Two-noise GBM {@code dX = aX dt + b1 X dW1 + b2 X dW2}, a = −0.02, b = (1, 2), X0 = 1 (REFERENCES),
 *     on [0, 0.5] rather than [0, 5] so that the coarsest step keeps {@code h (b1² + b2²) < 0.1} and the
 *     error is not dominated by a few extreme paths; exact solution
 *     {@code X0 exp((a − (b1² + b2²)/2) t + b1 W1 + b2 W2)}.</li>
 * <li>A non-commutative linear system {@code dX = A X dt + B1 X dW1 + B2 X dW2} with
 *     {@code B1 B2 ≠ B2 B1}; the reference is milstein-general on the fine grid of the same path (same
 *     increments and Lévy areas, coarse integrals by Chen's relation). Without the Lévy area the order
 *     drops to ½, which the test also checks, so it can tell the two apart.</li>
 * </ul>
 */
class MultiNoiseMilsteinTest {
    private static final double A = -0.02;
    private static final double B1 = 1;
    private static final double B2 = 2;

    static SdeProblem gbm2(NoiseStructure declared) {
        Sde sde = Sde.builder(1, 2)
                .drift((t, x, out) -> out[0] = A * x[0])
                .diffusion((t, x, dw, out) -> out[0] = x[0] * (B1 * dw[0] + B2 * dw[1]), declared)
                .build();
        return new SdeProblem(sde, new double[] {1.0}, 0, 0.5);
    }

    static final PathwiseSolution GBM2_EXACT = (t, w, out) ->
            out[0] = Math.exp((A - 0.5 * (B1 * B1 + B2 * B2)) * t + B1 * w[0] + B2 * w[1]);

    private static final double[][] DRIFT = {{-0.5, 0.2}, {0.0, -0.4}};
    private static final double[][] NOISE1 = {{0.4, 0.0}, {0.0, -0.3}};
    private static final double[][] NOISE2 = {{0.0, 0.5}, {0.4, 0.0}};

    static SdeProblem nonCommutative(NoiseStructure declared) {
        Sde sde = Sde.builder(2, 2)
                .drift((t, x, out) -> {
                    out[0] = DRIFT[0][0] * x[0] + DRIFT[0][1] * x[1];
                    out[1] = DRIFT[1][0] * x[0] + DRIFT[1][1] * x[1];
                })
                .diffusion((t, x, dw, out) -> {
                    for (int i = 0; i < 2; i++) {
                        out[i] = (NOISE1[i][0] * x[0] + NOISE1[i][1] * x[1]) * dw[0]
                                + (NOISE2[i][0] * x[0] + NOISE2[i][1] * x[1]) * dw[1];
                    }
                }, declared)
                .build();
        // Declared commutative on purpose (to measure what the wrong declaration costs): the structure check,
        // which would reject it, is skipped.
        return SdeProblem.withUncheckedStructure(sde, new double[] {1.0, 1.0}, 0, 1);
    }

    @Test
    void commutativeMilsteinHasStrongOrderOneOnTwoNoiseGbm() {
        SdeProblem problem = gbm2(NoiseStructure.COMMUTATIVE);
        ConvergenceResult study = StrongError.of(problem, MultiNoiseMilstein.COMMUTATIVE).exact(GBM2_EXACT)
                .steps(32, 64, 128, 256, 512).paths(1000).seed(20261127L).threads(2).bootstrapResamples(0).run();
        assertEquals(1.0, study.order().order(), 0.1, study.report());
        // For the general scheme the study stores a path with iterated integrals (coarse ones by Chen's
        // relation), so it runs too; on this commutative problem its Lévy areas only add noise.
        ConvergenceResult general = StrongError.of(problem, MultiNoiseMilstein.GENERAL).exact(GBM2_EXACT)
                .steps(32, 64, 128, 256, 512).paths(1000).seed(20261127L).threads(2).bootstrapResamples(0).run();
        assertEquals(1.0, general.order().order(), 0.1, general.report());
    }

    @Test
    void generalMilsteinHasStrongOrderOneOnANonCommutativeSystem() {
        int fine = 1 << 12;
        int[] coarsening = {16, 32, 64, 128};
        double generalOrder = order(nonCommutative(NoiseStructure.GENERAL), MultiNoiseMilstein.GENERAL, fine, coarsening);
        System.out.println("non-commutative: milstein-general order " + generalOrder);
        assertEquals(1.0, generalOrder, 0.1, "milstein-general");
        double withoutArea = order(nonCommutative(NoiseStructure.COMMUTATIVE), MultiNoiseMilstein.COMMUTATIVE, fine,
                coarsening);
        System.out.println("non-commutative: milstein-commutative (no Lévy area) order " + withoutArea);
        assertEquals(0.5, withoutArea, 0.1, "milstein-commutative on non-commutative noise (no Lévy area)");
    }

    /** Mean |X_coarse − X_fine| over 500 fixed-seed paths, and its least-squares order. */
    private static double order(SdeProblem problem, Scheme scheme, int fine, int[] coarsening) {
        PathSolver reference = new PathSolver(problem, MultiNoiseMilstein.GENERAL, TimeGrid.uniform(0, 1, fine));
        PathSolver[] solvers = new PathSolver[coarsening.length];
        for (int l = 0; l < coarsening.length; l++) {
            solvers[l] = new PathSolver(problem, scheme, TimeGrid.uniform(0, 1, fine / coarsening[l]));
        }
        double[] errors = new double[coarsening.length];
        double[] dts = new double[coarsening.length];
        double[][] none = new double[0][];
        int paths = 500;
        for (int p = 0; p < paths; p++) {
            GridIteratedIntegrals w = GridIteratedIntegrals.sample(0, 1, fine, 2, LevyAreaMethod.WIKTORSSON, 4,
                    RandomStreams.gaussian(77, p));
            double[] exact = reference.solve(w, none).clone();
            for (int l = 0; l < coarsening.length; l++) {
                double[] x = solvers[l].solve(w, none);
                errors[l] += Math.hypot(x[0] - exact[0], x[1] - exact[1]) / paths;
                dts[l] = (double) coarsening[l] / fine;
            }
        }
        return OrderFit.leastSquaresSlope(dts, errors);
    }

    @Test
    void generalMilsteinWithoutIteratedIntegralsIsAClearError() {
        SdeProblem problem = nonCommutative(NoiseStructure.GENERAL);
        assertTrue(MultiNoiseMilstein.GENERAL.needsIteratedIntegrals());
        PathSolver solver = new PathSolver(problem, MultiNoiseMilstein.GENERAL, TimeGrid.uniform(0, 1, 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> solver.solve(new StreamingBrownianIncrements(RandomStreams.gaussian(1, 0), 2), new double[0][]));
        assertTrue(e.getMessage().contains("IteratedIntegralSource") && e.getMessage().contains("milstein-general"),
                e.getMessage());
        IllegalArgumentException commutative = assertThrows(IllegalArgumentException.class,
                () -> MultiNoiseMilstein.COMMUTATIVE.newStepper(problem.sde()));
        assertTrue(commutative.getMessage().contains("general"), commutative.getMessage());
    }

    @Test
    void ensembleDrawsLevyAreasForTheGeneralScheme() {
        // E X(1) = exp(A) X0 for a linear Itô system. 20 000 fixed-seed paths, 64 steps: the bias is
        // O(h) ≈ 1e-2 · |X|, the standard error ≈ 0.004; band 0.03.
        SdeProblem problem = nonCommutative(NoiseStructure.GENERAL);
        EnsembleResult r = Ensemble.of(problem, MultiNoiseMilstein.GENERAL).steps(64).paths(20_000).seed(3).threads(2)
                .run();
        // exp(A) for the upper-triangular A = [[-0.5, 0.2], [0, -0.4]]:
        double e1 = Math.exp(-0.5);
        double e2 = Math.exp(-0.4);
        double offDiagonal = 0.2 * (e2 - e1) / (-0.4 + 0.5);
        assertEquals(e1 + offDiagonal, r.mean()[0], 0.03, "mean of X_0");
        assertEquals(e2, r.mean()[1], 0.03, "mean of X_1");
        assertEquals(6, MultiNoiseMilstein.GENERAL.diffusionEvaluationsPerStep());
    }
}
