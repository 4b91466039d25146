package org.sde4j.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.analysis.integration.gauss.SymmetricGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sde4j.brownian.Increment;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.ensemble.EnsembleResult;
import org.sde4j.error.OrderFit;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.random.NoiseModels;
import org.sde4j.sde.Sde;
import org.sde4j.solver.engine.BlockSolver;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.scheme.WeakSchemes;

/**
 * Weak orders measured exactly, without Monte Carlo. On GBM {@code dX = aX dt + bX dW} every scheme's step
 * is {@code X_{n+1} = R(ΔW) X_n} with R a polynomial in ΔW, so {@code E X_N = (E R)^N X0} and
 * {@code E X_N² = (E R²)^N X0²}; the expectations over ΔW are finite sums for the two- and three-point
 * laws and exact Gauss–Hermite sums for Gaussian increments. R is computed by the schemes' own steppers
 * (one step from X = 1), so the test measures the code, and the weak errors of {@code φ = x} and
 * {@code φ = x²} against {@code e^{aT}} and {@code e^{(2a + b²)T}} are exact. Fitted slope within ±0.1
 * of the declared weak order, over N = 8 … 128 steps on [0, 1] (32 … 512 for weak order 1). Weak
 * Euler and Euler–Maruyama give identical errors here: two-point increments match the Gaussian moments
 * that E X and E X² depend on.
 *
 * <p>Both engines are measured: where the scheme has a block form ({@link BlockSolver#supports}, now also for
 * weak Euler and Platen's weak-2 scheme on their own two- and three-point draws), R is also computed by the block
 * stepper, one path of the block per support point (its unit draw ξ₁ as the path's Z), and its errors must fit
 * the same order and its expectations equal the per-path ones to 1e-13.
 */
class WeakOrderTest {
    private static final double A = 1.5;
    private static final double B = 0.5;
    private static final Sde GBM = Sde.scalar((t, x) -> A * x, (t, x) -> B * x).withDiffusionDerivative((t, x) -> B);

    /** Support points (in units of √h) and probabilities of each increment law. */
    private static double[][] law(String name) {
        switch (name) {
            case "two-point":
                return new double[][] {{-1, 1}, {0.5, 0.5}};
            case "three-point":
                return new double[][] {{-Math.sqrt(3), 0, Math.sqrt(3)}, {1.0 / 6, 2.0 / 3, 1.0 / 6}};
            default:
                SymmetricGaussIntegrator hermite = new GaussIntegratorFactory().hermite(20);
                double[][] law = new double[2][20];
                for (int i = 0; i < 20; i++) {
                    law[0][i] = Math.sqrt(2) * hermite.getPoint(i);
                    law[1][i] = hermite.getWeight(i) / Math.sqrt(Math.PI);
                }
                return law;
        }
    }

    /**
     * Every registered scheme that solves scalar noise ({@link OrderTestPlan#weakTested}), with its own driving
     * noise (Gaussian when it declares none); the schemes with discrete noise also with Gaussian increments.
     */
    static Stream<Arguments> cases() {
        return Schemes.all().stream().filter(OrderTestPlan::weakTested).flatMap(s -> {
            String own = s.drivingNoise() == null ? "gaussian" : s.drivingNoise().name();
            return own.equals("gaussian") || s.strongOrder(org.sde4j.sde.NoiseStructure.SCALAR) == 0
                    ? Stream.of(Arguments.of(s, own)) : Stream.of(Arguments.of(s, own), Arguments.of(s, "gaussian"));
        });
    }

    @ParameterizedTest(name = "{0} with {1} increments")
    @MethodSource("cases")
    void weakOrderOfTheMeanAndSecondMoment(Scheme scheme, String lawName) {
        check(scheme, lawName);
    }

    /**
     * The fitted weak orders of {@code E X} and {@code E X²} on GBM (in the scheme's calculus) are the declared
     * weak order, ±0.1 — or at least the declared order less 0.1 when the scheme declares only a lower bound
     * ({@link org.sde4j.solver.Orders#weakAtLeast}).
     */
    static void check(Scheme scheme, String lawName) {
        String schemeName = scheme.name();
        double order = scheme.weakOrder();
        double[][] law = law(lawName);
        // Order-1 schemes leave the pre-asymptotic range later (E X² error ratios 1.73, 1.85, 1.92 at 8 … 64).
        int[] steps = order >= 2 ? new int[] {8, 16, 32, 64, 128} : new int[] {32, 64, 128, 256, 512};
        double[] dts = new double[steps.length];
        double[] meanErrors = new double[steps.length];
        double[] secondErrors = new double[steps.length];
        Sde sde = OrderTestPlan.inCalculusOf(GBM, scheme);
        Stepper stepper = scheme.newStepper(sde);
        boolean levyArea = scheme.needsSpaceTimeLevyArea();
        Increment noise = new Increment(1, false, levyArea);
        boolean block = BlockSolver.supports(new org.sde4j.sde.SdeProblem(sde, new double[] {1.0}, 0, 1), scheme);
        double[] blockMeanErrors = new double[steps.length];
        double[] blockSecondErrors = new double[steps.length];
        for (int k = 0; k < steps.length; k++) {
            double h = 1.0 / steps[k];
            double er = 0;
            double er2 = 0;
            // SRIW1 also needs H ~ N(0, h/12), independent of ΔW: a second Gauss–Hermite dimension.
            double[][] areaLaw = levyArea ? law("gaussian") : new double[][] {{0}, {1}};
            for (int i = 0; i < law[0].length; i++) {
                for (int j = 0; j < areaLaw[0].length; j++) {
                    noise.set(h, law[0][i] * Math.sqrt(h));
                    if (levyArea) {
                        noise.spaceTimeLevyArea()[0] = areaLaw[0][j] * Math.sqrt(h / 12);
                    }
                    double[] x = {1.0};
                    stepper.step(0.0, x, noise);
                    double p = law[1][i] * areaLaw[1][j];
                    er += p * x[0];
                    er2 += p * x[0] * x[0];
                }
            }
            dts[k] = h;
            meanErrors[k] = Math.abs(Math.pow(er, steps[k]) - Math.exp(A));
            secondErrors[k] = Math.abs(Math.pow(er2, steps[k]) - Math.exp(2 * A + B * B));
            if (block) {
                double[] r = blockExpectations(sde, scheme, h, law, areaLaw);
                assertEquals(er, r[0], 1e-13 * Math.abs(er), () -> schemeName + " E R, block vs path engine");
                assertEquals(er2, r[1], 1e-13 * Math.abs(er2), () -> schemeName + " E R², block vs path engine");
                blockMeanErrors[k] = Math.abs(Math.pow(r[0], steps[k]) - Math.exp(A));
                blockSecondErrors[k] = Math.abs(Math.pow(r[1], steps[k]) - Math.exp(2 * A + B * B));
            }
        }
        if (block) {
            assertOrder(scheme, OrderFit.leastSquaresSlope(dts, blockMeanErrors),
                    () -> schemeName + " E X on the block engine: " + Arrays.toString(blockMeanErrors));
            assertOrder(scheme, OrderFit.leastSquaresSlope(dts, blockSecondErrors),
                    () -> schemeName + " E X² on the block engine: " + Arrays.toString(blockSecondErrors));
        }
        assertOrder(scheme, OrderFit.leastSquaresSlope(dts, meanErrors),
                () -> schemeName + " E X: " + Arrays.toString(meanErrors));
        assertOrder(scheme, OrderFit.leastSquaresSlope(dts, secondErrors),
                () -> schemeName + " E X²: " + Arrays.toString(secondErrors));
    }

    /**
     * {@code E R} and {@code E R²} of one block step from X = 1: path (i, j) of the block takes support point i of
     * the increment law (row 0) and j of the Lévy-area law (row 1, when the scheme reads one) as its unit draws.
     */
    private static double[] blockExpectations(Sde sde, Scheme scheme, double h, double[][] law, double[][] areaLaw) {
        int n = law[0].length * areaLaw[0].length;
        BlockStepper stepper = BlockSolver.stepperFor(sde, scheme, n);
        double[] x = new double[n];
        double[] z = new double[stepper.normalRows() * n];
        Arrays.fill(x, 1.0);
        for (int i = 0; i < law[0].length; i++) {
            for (int j = 0; j < areaLaw[0].length; j++) {
                int p = i * areaLaw[0].length + j;
                z[p] = law[0][i];
                if (stepper.normalRows() == 2) {
                    z[n + p] = areaLaw[0][j];
                }
            }
        }
        stepper.step(0.0, h, x, z, n);
        double er = 0;
        double er2 = 0;
        for (int i = 0; i < law[0].length; i++) {
            for (int j = 0; j < areaLaw[0].length; j++) {
                double p = law[1][i] * areaLaw[1][j];
                double r = x[i * areaLaw[0].length + j];
                er += p * r;
                er2 += p * r * r;
            }
        }
        return new double[] {er, er2};
    }

    @Test
    void ensemblesOfWeakSchemesAreDrivenByTheirDiscreteNoise() {
        assertEquals(NoiseModels.twoPoint().name(), WeakSchemes.WEAK_EULER.drivingNoise().name());
        assertEquals(NoiseModels.threePoint().name(), WeakSchemes.PLATEN_WEAK_2.drivingNoise().name());
        TestProblem gbm = Problems.gbm();
        EnsembleResult r = Ensemble.of(gbm.problem(), WeakSchemes.WEAK_EULER).steps(4).paths(1000).seed(1)
                .keepFinalStates(true).run();
        // With two-point increments over 4 steps a path takes at most 2^4 = 16 distinct values.
        long distinct = Arrays.stream(r.finalStates()).distinct().count();
        assertTrue(distinct <= 16, "distinct final values: " + distinct);
        double exact = gbm.exactMean(1).orElseThrow()[0];
        for (Ensemble.Engine engine : new Ensemble.Engine[] {Ensemble.Engine.BLOCK, Ensemble.Engine.PATH}) {
            EnsembleResult platen = Ensemble.of(gbm.problem(), WeakSchemes.PLATEN_WEAK_2).steps(32).paths(20_000)
                    .seed(1).engine(engine).run();
            assertTrue(Math.abs(platen.mean()[0] - exact) < 4 * platen.standardError()[0],
                    engine + ": " + platen + " vs " + exact);
        }
    }

    private static void assertOrder(Scheme scheme, double measured, java.util.function.Supplier<String> message) {
        double order = scheme.weakOrder();
        if (scheme.weakOrderIsLowerBound()) {
            org.junit.jupiter.api.Assertions.assertTrue(measured >= order - 0.1,
                    () -> message.get() + ": measured " + measured + ", declared at least " + order);
        } else {
            assertEquals(order, measured, 0.1, message);
        }
    }
}
