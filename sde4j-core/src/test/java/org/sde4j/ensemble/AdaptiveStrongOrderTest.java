package org.sde4j.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.Stepper;
import org.sde4j.solver.scheme.AutoSwitching;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.Milstein;

/**
 * Adaptive stepping refuses schemes of strong order below 1 on the SDE's noise unless the step is chosen from the
 * drift alone, and this shows why: on GBM, with
 * steps chosen from the Brownian path (rejected and refined where its increments are large), Euler–Maruyama converges
 * to a wrong mean — its product of {@code 1 + σΔW_i} carries the Itô correction only through {@code Σ ΔW_i² ≈ T},
 * which such a grid breaks (Gaines &amp; Lyons 1997) — while Milstein, whose {@code ½ g g' (ΔW² − h)} restores the
 * correction on every step, converges to the exact one. Measured (20 000 paths, seed 5, tol 10⁻²; exact 1.37280):
 * Euler–Maruyama 1.5608 ± 0.0118 (+15.9 standard errors), Milstein 1.3654 ± 0.0102. Before the refusal, with its
 * own controller exponent (½), Euler–Maruyama gave 1.5871 ± 0.0120 at 10⁻² and 1.6316 ± 0.0410 at 10⁻³ (2 000
 * paths, 20 000 accepted steps per path): the bias does not fall with the tolerance. To run Euler–Maruyama
 * adaptively at all, the test wraps it in a scheme that declares strong order 1: exactly the mistake the refusal
 * prevents. On additive noise (OU, tol 10⁻³, 4 000 paths) Euler–Maruyama gives 0.36290 ± 0.00208 and auto-sosri2
 * 0.36644 ± 0.00209 against 0.36788.
 */
class AdaptiveStrongOrderTest {
    private static final TestProblem GBM = Problems.byName("gbm");
    private static final int PATHS = 20000;

    @Test
    void aStrongOrderHalfSchemeIsRefusedOnMultiplicativeNoiseWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdaptiveEnsemble.of(GBM.problem(), EulerMaruyama.INSTANCE).tolerances(1e-2, 1e-2).paths(10)
                        .run());
        assertTrue(e.getMessage().startsWith("scheme euler-maruyama has strong order 0.5 on scalar noise: steps chosen"
                + " from the Brownian path make such a scheme converge to the wrong solution (Gaines & Lyons 1997)"),
                e.getMessage());
        // A switching scheme whose stiff steps are SK-ROCK's (strong ½ on multiplicative noise) says so.
        IllegalArgumentException auto = assertThrows(IllegalArgumentException.class,
                () -> AdaptiveEnsemble.of(GBM.problem(), AutoSwitching.SOSRI2_SK_ROCK).paths(10).run());
        assertTrue(auto.getMessage().startsWith("scheme auto-sosri2 has strong order 0.5 on scalar noise on some"
                + " steps"), auto.getMessage());
    }

    @Test
    void onAdditiveNoiseEulerMaruyamaAndTheSwitchingSchemeStepAdaptively() {
        TestProblem ou = Problems.byName("ou");
        double exact = ou.exactMean(ou.problem().t1()).get()[0];
        for (Scheme scheme : new Scheme[] {EulerMaruyama.INSTANCE, AutoSwitching.SOSRI2_SK_ROCK}) {
            // At 10⁻² Euler–Maruyama's steps (about 0.1) leave a first-order bias of the drift, 0.3555 against
            // 0.3679; at 10⁻³ it is far below the standard error.
            AdaptiveEnsembleResult r = AdaptiveEnsemble.of(ou.problem(), scheme).tolerances(1e-3, 1e-3).paths(4000)
                    .seed(2).run();
            double se = r.statistics().standardError()[0];
            // 5 standard errors: a false failure below 10⁻⁶.
            assertEquals(exact, r.mean()[0], 5 * se, scheme.name());
        }
    }

    @Test
    void pathChosenStepsBiasEulerMaruyamaButNotMilstein() {
        double exact = GBM.exactMean(GBM.problem().t1()).get()[0];
        AdaptiveEnsembleResult euler = run(new DeclaredOrderOne(EulerMaruyama.INSTANCE));
        double eulerDeviation = (euler.mean()[0] - exact) / euler.statistics().standardError()[0];
        assertTrue(eulerDeviation > 8, "Euler–Maruyama, adaptive: mean " + euler.mean()[0] + " against " + exact
                + ", " + eulerDeviation + " standard errors (measured +15.9)");
        AdaptiveEnsembleResult milstein = run(Milstein.ITO);
        assertEquals(exact, milstein.mean()[0], 5 * milstein.statistics().standardError()[0], "Milstein, adaptive");
    }

    /**
     * With the step chosen from the drift alone, before its noise is drawn ({@code driftErrorControl}; Lamba, Mattingly
     * &amp; Stuart 2007), the grid is adapted to the path's past and Euler–Maruyama converges to the right mean: its
     * bias is the first-order drift bias of the step size, which falls with the tolerance. Measured (20 000 paths,
     * seed 5): −0.0775, −0.0305 and −0.0095 at 10⁻², 10⁻³ and 10⁻⁴ (10.0, 21.7 and 63.0 steps per path), the last
     * −0.94 standard errors; Milstein under the same control −0.0762, −0.0306, −0.0095.
     */
    @Test
    void aStepChosenFromTheDriftAloneLetsEulerMaruyamaConverge() {
        double exact = GBM.exactMean(GBM.problem().t1()).get()[0];
        AdaptiveEnsemble loose = AdaptiveEnsemble.of(GBM.problem(), EulerMaruyama.INSTANCE).tolerances(1e-2, 1e-2)
                .driftErrorControl(true).paths(PATHS).seed(5);
        assertTrue(!loose.usesBlockEngine(), "drift error control runs on the per-path engine");
        double looseBias = loose.run().mean()[0] - exact;
        AdaptiveEnsembleResult tight = AdaptiveEnsemble.of(GBM.problem(), EulerMaruyama.INSTANCE)
                .tolerances(1e-4, 1e-4).driftErrorControl(true).paths(PATHS).seed(5).run();
        double tightBias = tight.mean()[0] - exact;
        assertEquals(0.0, tightBias, 5 * tight.statistics().standardError()[0], "tol 1e-4");
        assertTrue(Math.abs(tightBias) < Math.abs(looseBias) / 4, "the bias falls with the tolerance: " + looseBias
                + " at 1e-2, " + tightBias + " at 1e-4");
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> AdaptiveEnsemble.of(GBM.problem(), EulerMaruyama.INSTANCE).driftErrorControl(true)
                        .stepDoubling(true).run());
        assertEquals("stepDoubling and driftErrorControl: choose one error estimate", both.getMessage());
    }

    private static AdaptiveEnsembleResult run(Scheme scheme) {
        return AdaptiveEnsemble.of(GBM.problem(), scheme).tolerances(1e-2, 1e-2).paths(PATHS).seed(5).run();
    }

    /** A scheme's steps under a false declaration of strong order 1: what the refusal exists to catch. */
    private record DeclaredOrderOne(Scheme inner) implements Scheme {
        @Override
        public String name() {
            return inner.name() + "-declared-order-1";
        }

        @Override
        public String description() {
            return inner.description();
        }

        @Override
        public Calculus calculus() {
            return inner.calculus();
        }

        @Override
        public Set<NoiseStructure> supportedNoise() {
            return inner.supportedNoise();
        }

        @Override
        public double strongOrder(NoiseStructure noise) {
            return 1.0;
        }

        @Override
        public double weakOrder() {
            return inner.weakOrder();
        }

        @Override
        public int driftEvaluationsPerStep() {
            return inner.driftEvaluationsPerStep();
        }

        @Override
        public int diffusionEvaluationsPerStep() {
            return inner.diffusionEvaluationsPerStep();
        }

        @Override
        public Stepper newStepper(Sde sde) {
            return inner.newStepper(sde);
        }
    }
}
