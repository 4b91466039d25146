package org.sde4j.solver.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.ensemble.EnsembleResult;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.SolveDivergedException;

/**
 * SK-ROCK's closed-form coefficients, its stability claims on the linear test equation {@code dX = λX dt + μX dW}
 * ({@code p = hλ}, {@code q = hμ²}; exact mean-square stability iff {@code 2p + q < 0}), and its behaviour where
 * Euler–Maruyama explodes. The declared orders are checked by the registry-driven order tests.
 */
class SkRockTest {
    private static final SkRock SK = SkRock.INSTANCE;

    @Test
    void theNoiseCoefficientsSumToOneAndTheDriftIsConsistent() {
        for (int s = 1; s <= 60; s++) {
            // At p = 0: A = 1 and B = 1, so E|R|² = 1 + q.
            assertEquals(2.0, SK.meanSquareAmplification(s, 0, 1), 1e-12, "s = " + s);
            // A(p) = 1 + p + O(p²): (A² − 1)/(2p) → 1.
            double p = 1e-7;
            assertEquals(1.0, (SK.meanSquareAmplification(s, -p, 0) - 1) / (-2 * p), 1e-4, "s = " + s);
        }
    }

    @Test
    void theRealStabilityIntervalGrowsLikeTwoSSquared() {
        for (int s : new int[] {2, 3, 5, 10, 20, 50}) {
            double length = SK.stabilityLength(s);
            // (2 − 4η/3) s² = 1.9333 s² asymptotically; measured 1.952 (s = 2) … 1.936 (s = 50).
            assertEquals(1.94, length / ((double) s * s), 0.015, "s = " + s);
            for (int i = 0; i <= 1000; i++) {
                double p = -length * i / 1000;
                assertTrue(SK.meanSquareAmplification(s, p, 0) <= 1 + 1e-12, "s = " + s + ", p = " + p);
            }
            assertTrue(SK.meanSquareAmplification(s, -1.05 * length, 0) > 1, "unstable beyond −ℓ_s, s = " + s);
        }
    }

    @Test
    void meanSquareStableOnNearlyAllOfTheExactRegionUpToMinusEllS() {
        // Measured: for s ≥ 2, E|R|² < 1 for q ≤ 0.99 (−2p) on p ∈ [−0.999 ℓ_s, 0); for s = 1 only q ≤ 0.41 (−2p).
        for (int s : new int[] {2, 3, 5, 10, 20}) {
            double length = SK.stabilityLength(s);
            for (int i = 1; i <= 1000; i++) {
                double p = -0.99 * length * i / 1000;
                double q = 0.95 * -2 * p;
                assertTrue(SK.meanSquareAmplification(s, p, q) < 1, "s = " + s + ", p = " + p + ", q = " + q);
            }
        }
        // Euler–Maruyama's E|R|² = (1 + p)² + q exceeds 1 there as soon as p < −2.
        assertTrue(Math.pow(1 - 5, 2) + 2.5 > 1);
    }

    @Test
    void theStageCountCoversTheStiffness() {
        for (double hRho : new double[] {0.1, 1, 5, 50, 1e3, 1e5}) {
            int s = SK.stagesFor(hRho);
            assertTrue(SK.stabilityLength(s) >= 1.2 * hRho, "hρ = " + hRho);
            assertTrue(s == 1 || SK.stabilityLength(s - 1) < 1.2 * hRho, "hρ = " + hRho + ": s = " + s + " not minimal");
        }
    }

    /**
     * {@code dX = −50 X dt + 5 X dW} at h = 0.1 (p = −5, q = 2.5: E X_t² = e^{−75 t}): Euler–Maruyama's E|R|² =
     * 18.5 and it overflows (|1 + p|^n = 4^n passes 10^308 near step 512); SK-ROCK (two stages from the power iteration) decays.
     */
    @Test
    void staysStableWhereEulerMaruyamaExplodes() {
        Sde stiff = Sde.scalar((t, x) -> -50 * x, (t, x) -> 5 * x);
        SdeProblem problem = SdeProblem.of(stiff, 1.0, 0, 100);
        assertTrue(SK.meanSquareAmplification(SK.stagesFor(5), -5, 2.5) < 1);
        EnsembleResult r = Ensemble.of(problem, SK).stepSize(0.1).paths(2000).seed(4).keepFinalStates(true).run();
        double largest = 0;
        for (double x : r.finalStates()) {
            largest = Math.max(largest, Math.abs(x));
        }
        assertTrue(largest < 1e-6, "max |X(100)| = " + largest);
        assertThrows(SolveDivergedException.class,
                () -> Ensemble.of(problem, EulerMaruyama.INSTANCE).stepSize(0.1).paths(2000).seed(4).run());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SkRock.withStages(0, 0.05));
        assertThrows(IllegalArgumentException.class, () -> SkRock.withDamping(-1));
        assertEquals("sk-rock-7", SkRock.withStages(7, 0.05).name());
    }

    /**
     * The stochastic heat equation at d = 32 (ρ ≈ 4356) with h = 0.05, 109× Euler–Maruyama's largest stable step: the
     * variance of the spatial mean at T = 1 matches the scheme's own mode-by-mode variance recursion (its linear map,
     * with the stage count its exact spectral radius gives), whose own error is −2.0 % (measured), under 3 %.
     */
    @Test
    void theHeatEquationAtAHundredTimesTheExplicitStepLimit() {
        org.sde4j.problems.StochasticHeat heat = org.sde4j.problems.StochasticHeat.of(32, 1, 1);
        int d = 32;
        double h = 0.05;
        int n = 20;
        int s = SK.stagesFor(h * heat.spectralRadius()); // the SDE supplies its exact ρ
        double predicted = 0;
        for (int k = 1; k <= d; k++) {
            double[] ab = SK.linearMap(s, h * heat.eigenvalue(k));
            double a2 = ab[0] * ab[0];
            double v = ab[1] * ab[1] * h * (1 - Math.pow(a2, n)) / (1 - a2);
            predicted += heat.meanWeight(k) * v;
        }
        double exact = heat.meanVariance(1);
        assertEquals(exact, predicted, 0.03 * exact);
        int paths = 4000;
        EnsembleResult r = Ensemble.of(heat.problem(1), SK).steps(n).paths(paths).seed(8).keepFinalStates(true).run();
        double s1 = 0;
        double s2 = 0;
        for (int p = 0; p < paths; p++) {
            double m = 0;
            for (int i = 0; i < d; i++) {
                m += r.finalStates()[p * d + i];
            }
            m /= d + 1;
            s1 += m;
            s2 += m * m;
        }
        double variance = (s2 - s1 * s1 / paths) / (paths - 1);
        assertEquals(predicted, variance, 3 * Math.sqrt(2.0 / paths) * predicted, "Monte Carlo Var M(1)");
    }

    /**
     * A supplied {@link Sde#driftSpectralRadius} bound sets the stage count: s drift evaluations per step and no
     * Jacobian, even where the Jacobian (ρ = 1 here) would give one stage.
     */
    @Test
    void aSuppliedSpectralRadiusBoundSetsTheStages() {
        java.util.concurrent.atomic.AtomicInteger drifts = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger jacobians = new java.util.concurrent.atomic.AtomicInteger();
        Sde sde = Sde.builder(1, 1).drift((t, x, out) -> {
            drifts.incrementAndGet();
            out[0] = -x[0];
        }).scalarDiffusion((t, x, out) -> out[0] = 0.1).driftJacobian((t, x, out) -> {
            jacobians.incrementAndGet();
            out[0] = -1;
        }).driftSpectralRadius((t, x) -> 1000).build();
        double h = 0.1;
        int steps = 10;
        org.sde4j.solver.engine.Solver.solveToEnd(SdeProblem.of(sde, 1.0, 0, h * steps), SK, steps, 3);
        int once = drifts.get();
        org.sde4j.solver.engine.Solver.solveToEnd(SdeProblem.of(sde, 1.0, 0, 2 * h * steps), SK, 2 * steps, 3);
        int s = SK.stagesFor(h * 1000);
        assertTrue(s > 5, "s = " + s);
        // The solve's own set-up may evaluate the drift; the difference of the two runs is the steps' share.
        assertEquals(steps * s, drifts.get() - 2 * once, "drift evaluations of " + steps + " more steps");
        assertEquals(0, jacobians.get(), "Jacobian evaluations");
    }
}
