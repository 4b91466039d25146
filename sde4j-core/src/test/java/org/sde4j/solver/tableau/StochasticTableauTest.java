package org.sde4j.solver.tableau;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sde4j.brownian.Increment;
import org.sde4j.problems.Problems;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.Sde;
import org.sde4j.solver.scheme.RungeKuttaScheme;
import org.sde4j.solver.scheme.RungeKuttaSchemes;

class StochasticTableauTest {
    private static void assertConditions(RungeKuttaScheme scheme, int deterministicOrder, boolean stratonovich) {
        Map<String, Double> residuals = scheme.tableau().orderConditionResiduals(deterministicOrder, stratonovich);
        residuals.forEach((name, r) -> assertEquals(0.0, r, 1e-12, scheme.name() + ": " + name));
    }

    @Test
    void namedTableausSatisfyTheirOrderConditions() {
        assertConditions(RungeKuttaSchemes.HEUN, 2, true);
        assertConditions(RungeKuttaSchemes.MIDPOINT, 2, true);
        assertConditions(RungeKuttaSchemes.EULER_HEUN, 1, true);
        assertConditions(RungeKuttaSchemes.RK4, 4, false);
    }

    @Test
    void conditionsDetectATableauOfLowerOrder() {
        // Heun's tableau is not of order 3, and Euler–Heun's drift part is not of order 2.
        assertTrue(Math.abs(RungeKuttaSchemes.HEUN.tableau().orderConditionResiduals(3, false).get("Σαc² = 1/3")) > 0.1);
        assertTrue(Math.abs(RungeKuttaSchemes.EULER_HEUN.tableau().orderConditionResiduals(2, false).get("Σαc = 1/2")) > 0.1);
    }

    @Test
    void evaluationCountsFollowFromTheTableau() {
        assertEquals(2, RungeKuttaSchemes.HEUN.driftEvaluationsPerStep());
        assertEquals(2, RungeKuttaSchemes.HEUN.diffusionEvaluationsPerStep());
        assertEquals(1, RungeKuttaSchemes.EULER_HEUN.driftEvaluationsPerStep());
        assertEquals(2, RungeKuttaSchemes.EULER_HEUN.diffusionEvaluationsPerStep());
        assertEquals(4, RungeKuttaSchemes.RK4.driftEvaluationsPerStep());
        assertEquals(0, RungeKuttaSchemes.RK4.diffusionEvaluationsPerStep());
    }

    @Test
    void heunStepMatchesItsFormula() {
        double a = 0.3;
        double b = 0.5;
        Sde gbm = Sde.scalar((t, x) -> a * x, (t, x) -> b * x).interpretedIn(Calculus.STRATONOVICH);
        double x0 = 1.7;
        double h = 0.01;
        double dw = -0.07;
        Increment noise = new Increment(1);
        noise.set(h, dw);
        double[] x = {x0};
        RungeKuttaSchemes.HEUN.newStepper(gbm).step(0, x, noise);
        double predictor = x0 + a * x0 * h + b * x0 * dw;
        double expected = x0 + 0.5 * (a * x0 + a * predictor) * h + 0.5 * (b * x0 + b * predictor) * dw;
        assertEquals(expected, x[0], 1e-15);
    }

    @Test
    void generalNoiseUsesTheProductForm() {
        // Two noises acting on a 2-d state through a full matrix: Heun's update must equal the formula
        // evaluated with the matrix.
        double[][] sigma = {{0.2, 0.1}, {-0.3, 0.4}};
        Sde sde = Sde.builder(2, 2)
                .drift((t, x, out) -> {
                    out[0] = -x[1];
                    out[1] = x[0];
                })
                .diffusion((t, x, dw, out) -> {
                    out[0] = x[0] * (sigma[0][0] * dw[0] + sigma[0][1] * dw[1]);
                    out[1] = x[1] * (sigma[1][0] * dw[0] + sigma[1][1] * dw[1]);
                }, org.sde4j.sde.NoiseStructure.GENERAL)
                .calculus(Calculus.STRATONOVICH)
                .build();
        double[] x = {1.0, 2.0};
        Increment noise = new Increment(2);
        noise.set(0.1, 0.3, -0.2);
        RungeKuttaSchemes.HEUN.newStepper(sde).step(0, x, noise);
        double[] g0 = {1.0 * (0.2 * 0.3 + 0.1 * -0.2), 2.0 * (-0.3 * 0.3 + 0.4 * -0.2)};
        double[] p = {1.0 + -2.0 * 0.1 + g0[0], 2.0 + 1.0 * 0.1 + g0[1]};
        double[] gp = {p[0] * (0.2 * 0.3 + 0.1 * -0.2), p[1] * (-0.3 * 0.3 + 0.4 * -0.2)};
        assertEquals(1.0 + 0.5 * (-2.0 - p[1]) * 0.1 + 0.5 * (g0[0] + gp[0]), x[0], 1e-15);
        assertEquals(2.0 + 0.5 * (1.0 + p[0]) * 0.1 + 0.5 * (g0[1] + gp[1]), x[1], 1e-15);
    }

    @Test
    void invalidTableausAreRejected() {
        IllegalArgumentException implicit = assertThrows(IllegalArgumentException.class, () ->
                StochasticTableau.builder(new double[] {1}, new double[][] {{1}}, new double[] {1}).build());
        assertTrue(implicit.getMessage().contains("a[0][0] = 1.0"), implicit.getMessage());
        IllegalArgumentException rowSum = assertThrows(IllegalArgumentException.class, () ->
                StochasticTableau.builder(new double[] {0, 0.3}, new double[][] {{0, 0}, {1, 0}}, new double[] {0.5, 0.5})
                        .build());
        assertTrue(rowSum.getMessage().contains("c[1] = 0.3"), rowSum.getMessage());
        IllegalArgumentException weights = assertThrows(IllegalArgumentException.class, () ->
                StochasticTableau.builder(new double[] {0}, new double[][] {{0}}, new double[] {0.9}).build());
        assertTrue(weights.getMessage().contains("alpha sums to 0.9"), weights.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () ->
                StochasticTableau.builder(new double[] {0, 1}, new double[][] {{0, 0}, {1, 0}}, new double[] {0.5, 0.5})
                        .noise(NoiseTerm.DW, new double[][] {{0}}, new double[] {0.5, 0.5}).build());
        assertTrue(shape.getMessage().contains("b[DW] has 1 rows"), shape.getMessage());
    }

    @Test
    void odeOnlySchemesRejectNoise() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RungeKuttaSchemes.RK4.newStepper(Problems.gbm().problem().sde()));
        assertTrue(e.getMessage().contains("none (ODE)"), e.getMessage());
    }
}
