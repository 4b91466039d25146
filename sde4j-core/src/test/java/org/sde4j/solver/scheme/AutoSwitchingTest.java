package org.sde4j.solver.scheme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.brownian.Increment;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.ensemble.EnsembleResult;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.SolveDivergedException;
import org.sde4j.solver.engine.Solver;

/**
 * Stiffness detection ({@link AutoSwitching}): the stability intervals it switches on, checked against closed forms;
 * its steps are the non-stiff scheme's, bit for bit, while the drift is not stiff; it stays stable where that scheme
 * explodes; and on a problem that turns stiff half-way it hands the steps to SK-ROCK exactly there, with the
 * stationary variance SK-ROCK's own linear map predicts. The declared orders (SOSRI2's) are checked by the
 * registry-driven order tests, where every step is SOSRI2's.
 */
class AutoSwitchingTest {
    private static final AutoSwitching AUTO = AutoSwitching.SOSRI2_SK_ROCK;

    @Test
    void theRealStabilityIntervalsOfKnownTableaus() {
        // Heun: R(z) = 1 + z + z²/2, |R(−x)| ≤ 1 exactly for x ≤ 2. RK4: R(z) = Σ z^k/k! (k ≤ 4), ℓ = 2.785293563405…
        assertEquals(2.0, AutoSwitching.realStabilityLength(RungeKuttaSchemes.HEUN.tableau().plan()), 1e-9);
        assertEquals(2.785293563405282, AutoSwitching.realStabilityLength(RungeKuttaSchemes.RK4.tableau().plan()),
                1e-9);
        // R itself: RK4's polynomial at z = −1 is 1 − 1 + 1/2 − 1/6 + 1/24 = 0.375.
        assertEquals(0.375, AutoSwitching.amplification(RungeKuttaSchemes.RK4.tableau().plan(), -1), 1e-15);
        // The stability-optimised pair reaches five times further than SRIW1 (measured 10.4534 against 2).
        double sosri2 = AUTO.stabilityLength();
        assertEquals(10.4534, sosri2, 1e-4);
        assertEquals(2.0, AutoSwitching.realStabilityLength(RosslerSchemes.SRIW1.tableau().plan()), 1e-9);
        assertTrue(Math.abs(AutoSwitching.amplification(StabilityOptimisedSchemes.SOSRI2.tableau().plan(),
                -1.01 * sosri2)) > 1, "unstable just beyond −ℓ");
    }

    @Test
    void onANonStiffProblemEveryStepIsTheNonStiffSchemesBitForBit() {
        SdeProblem gbm = SdeProblem.of(Sde.scalar((t, x) -> 0.5 * x, (t, x) -> 0.3 * x), 1.0, 0, 1);
        for (int steps : new int[] {4, 32, 256}) {
            assertArrayEquals(Solver.solveToEnd(gbm, StabilityOptimisedSchemes.SOSRI2, steps, 7),
                    Solver.solveToEnd(gbm, AUTO, steps, 7), 0.0, steps + " steps");
        }
    }

    /**
     * {@code dX = −500 X dt + 5 X dW} at h = 0.1 (hλ = −50, five times SOSRI2's interval; hμ² = 2.5, inside the exact
     * mean-square region 2hλ + hμ² &lt; 0): SOSRI2 overflows, the switching scheme takes every step with SK-ROCK and
     * decays.
     */
    @Test
    void staysStableWhereTheNonStiffSchemeExplodes() {
        SdeProblem problem = SdeProblem.of(Sde.scalar((t, x) -> -500 * x, (t, x) -> 5 * x), 1.0, 0, 100);
        EnsembleResult r = Ensemble.of(problem, AUTO).stepSize(0.1).paths(1000).seed(4).keepFinalStates(true).run();
        double largest = 0;
        for (double x : r.finalStates()) {
            largest = Math.max(largest, Math.abs(x));
        }
        assertTrue(largest < 1e-6, "max |X(100)| = " + largest);
        assertThrows(SolveDivergedException.class, () -> Ensemble.of(problem, StabilityOptimisedSchemes.SOSRI2)
                .stepSize(0.1).paths(1000).seed(4).run());
    }

    /**
     * {@code dX = λ(t) X dt + σ dW}, λ = −1 before t = 0.505 and −2000 after, h = 0.01: hρ is 0.01 at the start of
     * the first 51 steps and 20 at the start of the last 49, so those are SOSRI2's and these SK-ROCK's — counted on a
     * stepper driven by hand. (The estimate is taken where a step starts: the 51st step, from t = 0.5, meets the
     * stiffness only in its later stages and is SOSRI2's; SK-ROCK's steps damp what it amplified.)
     * At T = 1 the variance is SK-ROCK's on this Ornstein–Uhlenbeck process: its linear map {@code X ← A X + B σ ΔW}
     * gives {@code B² h σ² (1 − A^{2n})/(1 − A²)} after n = 49 steps (the start's share, A⁹⁸ ≈ 2·10⁻⁴³, is nil) —
     * 0.33 of the exact σ²/(2·2000): at hλ = −20 SK-ROCK damps the fast mode's fluctuations too (the price of a
     * step 200 times beyond Euler–Maruyama's; the slow variables it is meant for are accurate, see SkRockTest).
     */
    @Test
    void switchesWhereTheStiffnessSetsIn() {
        double sigma = 0.1;
        Sde sde = Sde.scalar((t, x) -> (t < 0.505 ? -1 : -2000) * x, (t, x) -> sigma);
        double h = 0.01;
        AutoSwitching.Switching stepper = (AutoSwitching.Switching) AUTO.newStepper(sde);
        Increment quiet = new Increment(1, AUTO.needsIteratedIntegrals(), AUTO.needsSpaceTimeLevyArea());
        quiet.set(h, 0.0);
        double[] x = {1.0};
        for (int i = 0; i < 100; i++) {
            stepper.step(i * h, x, quiet);
            if (i == 49) {
                assertEquals(50, stepper.nonStiffSteps());
                assertEquals(0, stepper.stiffSteps());
                // SOSRI2 on x' = −x up to t = ½: e^{−½} to its deterministic order-2 error (measured 2.4·10⁻⁶).
                assertEquals(Math.exp(-0.5), x[0], 1e-5);
            }
        }
        assertEquals(51, stepper.nonStiffSteps());
        assertEquals(49, stepper.stiffSteps());

        int paths = 20000;
        SdeProblem problem = SdeProblem.of(sde, 1.0, 0, 1);
        EnsembleResult r = Ensemble.of(problem, AUTO).steps(100).paths(paths).seed(12).keepFinalStates(true).run();
        double hLambda = -2000 * h;
        int s = SkRock.INSTANCE.stagesFor(h * 2000);
        double[] ab = SkRock.INSTANCE.linearMap(s, hLambda);
        double a2 = ab[0] * ab[0];
        double predicted = ab[1] * ab[1] * h * sigma * sigma * (1 - Math.pow(a2, 49)) / (1 - a2);
        double exact = sigma * sigma / (2 * 2000);
        assertEquals(0.3255, predicted / exact, 1e-3, "SK-ROCK's stationary variance at hλ = −20, over the exact");
        double s1 = 0;
        double s2 = 0;
        for (double v : r.finalStates()) {
            s1 += v;
            s2 += v * v;
        }
        double variance = (s2 - s1 * s1 / paths) / (paths - 1);
        // 5.5 standard errors of a sample variance (√(2/n)): a false failure below 10⁻⁷.
        assertEquals(predicted, variance, 5.5 * Math.sqrt(2.0 / paths) * predicted, "Monte Carlo Var X(1)");
    }

    @Test
    void refusesASchemeNotDrivenAsSkRockIs() {
        assertThrows(IllegalArgumentException.class, () -> AutoSwitching.of("auto-weak", WeakSchemes.PLATEN_WEAK_2));
    }
}
