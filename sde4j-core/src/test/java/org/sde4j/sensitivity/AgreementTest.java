package org.sde4j.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.gradient.ParametricSde;
import org.sde4j.montecarlo.ShardMerger;
import org.sde4j.sde.Calculus;

/**
 * Pathwise forward and adjoint gradients agree to 10⁻¹⁰ relative on the same paths; both match central finite
 * differences with common random numbers to the finite-difference error; the likelihood ratio agrees within its
 * standard error; and every method gives the same bits for 1, 2 and 3 threads and for merged shards.
 */
class AgreementTest {
    private static Sensitivities job(ParametricSde sde, double[] theta, double[] x0, TangentScheme scheme,
            SensitivityMethod method) {
        return Sensitivities.of(sde, Calculus.ITO, theta, x0, Payoff.square(0)).scheme(scheme).grid(0, 1, 32)
                .paths(3000).seed(11).method(method).threads(2);
    }

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        double scale = Math.max(Math.abs(expected), 1e-3);
        assertTrue(Math.abs(expected - actual) <= tolerance * scale,
                what + ": " + actual + " vs " + expected + " (relative tolerance " + tolerance + ")");
    }

    private static void forwardEqualsAdjoint(ParametricSde sde, double[] theta, double[] x0, TangentScheme scheme) {
        SensitivityResult forward = job(sde, theta, x0, scheme, SensitivityMethod.PATHWISE).run();
        SensitivityResult adjoint = job(sde, theta, x0, scheme, SensitivityMethod.ADJOINT).run();
        assertRelative(forward.value(), adjoint.value(), 1e-12, scheme + " value");
        for (int j = 0; j < forward.gradient().length; j++) {
            assertRelative(forward.gradient()[j], adjoint.gradient()[j], 1e-10, scheme + " " + forward.names()[j]);
            assertRelative(forward.gradientError()[j], adjoint.gradientError()[j], 1e-8, scheme + " error of "
                    + forward.names()[j]);
        }
    }

    @Test
    void forwardAndAdjointAgreeOnTheSamePathsForEulerMaruyamaAndMilstein() {
        for (TangentScheme scheme : TangentScheme.values()) {
            forwardEqualsAdjoint(Models.NONLINEAR, new double[] {1.2, 0.4, 0.5}, new double[] {0.3}, scheme);
            forwardEqualsAdjoint(Models.COUPLED, new double[] {0.8, 0.3, 0.4, 0.2}, new double[] {0.5, -0.2}, scheme);
        }
    }

    @Test
    void theBlockAdjointEqualsBackpropagationOfTheGradientPackage() {
        for (TangentScheme scheme : TangentScheme.values()) {
            Sensitivities base = job(Models.COUPLED, new double[] {0.8, 0.3, 0.4, 0.2}, new double[] {0.5, -0.2}, scheme,
                    SensitivityMethod.ADJOINT);
            SensitivityResult block = base.run();
            SensitivityResult perPath = base.adjoint(AdjointMethod.backpropagation(scheme == TangentScheme.MILSTEIN
                    ? org.sde4j.solver.scheme.DerivativeFreeMilstein.ITO : org.sde4j.solver.scheme.EulerMaruyama.INSTANCE)).run();
            assertTrue(block.method().contains("block") && perPath.method().contains("backpropagation"));
            for (int j = 0; j < block.gradient().length; j++) {
                assertRelative(perPath.gradient()[j], block.gradient()[j], 1e-10, scheme + " " + block.names()[j]);
            }
        }
    }

    @Test
    void forwardAndAdjointAgreeWithARunningCost() {
        for (TangentScheme scheme : TangentScheme.values()) {
            Sensitivities base = job(Models.NONLINEAR, new double[] {1.2, 0.4, 0.5}, new double[] {0.3}, scheme,
                    SensitivityMethod.PATHWISE).runningCost((t, x, th, dx, dth) -> {
                        dx[0] = Math.cos(x[0]) * th[2];
                        java.util.Arrays.fill(dth, 0);
                        dth[2] = Math.sin(x[0]);
                        return Math.sin(x[0]) * th[2];
                    });
            SensitivityResult forward = base.run();
            SensitivityResult adjoint = base.method(SensitivityMethod.ADJOINT).run();
            SensitivityResult fd = base.method(SensitivityMethod.FINITE_DIFFERENCE).bump(1e-5).run();
            assertRelative(forward.value(), adjoint.value(), 1e-12, "value");
            for (int j = 0; j < forward.gradient().length; j++) {
                assertRelative(forward.gradient()[j], adjoint.gradient()[j], 1e-10, scheme + " " + forward.names()[j]);
                assertRelative(fd.gradient()[j], forward.gradient()[j], 1e-6, scheme + " fd " + forward.names()[j]);
            }
        }
    }

    @Test
    void pathwiseMatchesFiniteDifferencesWithCommonRandomNumbers() {
        for (TangentScheme scheme : TangentScheme.values()) {
            for (ParametricSde sde : new ParametricSde[] {Models.NONLINEAR, Models.COUPLED}) {
                double[] theta = sde == Models.COUPLED ? new double[] {0.8, 0.3, 0.4, 0.2} : new double[] {1.2, 0.4, 0.5};
                double[] x0 = sde == Models.COUPLED ? new double[] {0.5, -0.2} : new double[] {0.3};
                SensitivityResult pathwise = job(sde, theta, x0, scheme, SensitivityMethod.PATHWISE).run();
                SensitivityResult fd = job(sde, theta, x0, scheme, SensitivityMethod.FINITE_DIFFERENCE).bump(1e-5).run();
                assertEquals(pathwise.value(), fd.value(), 0, "same paths, same value");
                for (int j = 0; j < pathwise.gradient().length; j++) {
                    assertRelative(fd.gradient()[j], pathwise.gradient()[j], 1e-6, scheme + " " + pathwise.names()[j]);
                }
            }
        }
    }

    @Test
    void likelihoodRatioAgreesWithPathwiseWithinItsStandardError() {
        double[] theta = {1.2, 0.4, 0.5};
        Sensitivities base = job(Models.NONLINEAR, theta, new double[] {0.3}, TangentScheme.EULER_MARUYAMA,
                SensitivityMethod.PATHWISE).paths(40_000);
        SensitivityResult pathwise = base.run();
        SensitivityResult lr = base.method(SensitivityMethod.LIKELIHOOD_RATIO).run();
        for (int j = 0; j < theta.length + 1; j++) {
            double error = pathwise.gradientError()[j] + lr.gradientError()[j];
            assertEquals(pathwise.gradient()[j], lr.gradient()[j], 4 * error, pathwise.names()[j]);
        }
    }

    @Test
    void sameBitsForOneTwoThreeThreadsAndMergedShards() {
        double[] theta = {0.8, 0.3, 0.4, 0.2};
        for (SensitivityMethod method : SensitivityMethod.values()) {
            Sensitivities sens = Sensitivities.of(Models.COUPLED, Calculus.ITO, theta, new double[] {0.5, -0.2},
                    Payoff.square(1)).grid(0, 1, 16).paths(2000).seed(99).method(method);
            SensitivityResult one = sens.threads(1).run();
            assertTrue(one.sameBits(sens.threads(2).run()), method + ": 2 threads");
            assertTrue(one.sameBits(sens.threads(3).run()), method + ": 3 threads");
            ShardMerger<SensitivityResult> merger = sens.merger();
            long chunks = sens.chunkCount();
            merger.add(sens.runChunks(3, chunks));
            merger.add(sens.runChunks(0, 3));
            assertTrue(one.sameBits(merger.result()), method + ": merged shards");
        }
    }
}
