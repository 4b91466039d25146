package org.sde4j.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.scheme.DriftImplicit;
import org.sde4j.solver.scheme.EulerMaruyama;

/**
 * A drift-implicit θ-method stepped adaptively by step doubling, on a stiff Ornstein–Uhlenbeck process
 * {@code dX = (1 − 50 X) dt + 0.2 dW}, X0 = 1, T = 2 (exact mean 0.02 + 0.98 e^{−100} ≈ 0.02, variance
 * {@code 0.04/100 · (1 − e^{−200})} = 4·10⁻⁴; 4000 paths, seed 3).
 *
 * <p>The noise is declared additive: there Euler–Maruyama, explicit or implicit, is of strong order 1, and adaptive
 * stepping refuses lower orders ({@code AdaptiveStrongOrderTest}). Measured: at tol 10⁻² implicit Euler–Maruyama
 * takes 1 163 accepted steps per path (explicit: 1 456) and gives mean 0.01946, variance 3.81·10⁻⁴. At tol 10⁻¹ it
 * takes 21 steps where explicit Euler–Maruyama, held by its stability limit h &lt; 2/50, takes 172 — but its
 * variance is then 4.7·10⁻⁵, an eighth of the exact one: the step
 * doubling estimate bounds the strong error per step, and implicit Euler–Maruyama at long steps damps the stationary
 * variance: at a fixed step h it is σ²h / ((1 − hλ)² − 1), not σ²/(2|λ|) (3·10⁻⁵ at h = 0.5, where hλ = −25).
 */
class AdaptiveImplicitTest {
    /** Declared additive: there implicit Euler–Maruyama is of strong order 1, which adaptive stepping needs. */
    private static final SdeProblem STIFF_OU = SdeProblem.of(Sde.builder(1, 1)
            .drift((t, x, out) -> out[0] = 1 - 50 * x[0])
            .diffusion((t, x, dw, out) -> out[0] = 0.2 * dw[0], NoiseStructure.ADDITIVE).build(), 1.0, 0, 2);
    private static final int PATHS = 4000;

    private static AdaptiveEnsembleResult run(org.sde4j.solver.Scheme scheme, double tol) {
        return AdaptiveEnsemble.of(STIFF_OU, scheme).tolerances(tol, tol).paths(PATHS).seed(3).keepFinalStates(true)
                .run();
    }

    @Test
    void atATightToleranceTheLawIsExact() {
        AdaptiveEnsembleResult r = run(DriftImplicit.EULER_MARUYAMA, 1e-2);
        RunningStatistics s = r.statistics().finalStatistics();
        double variance = 0.04 / 100;
        assertEquals(0.02, s.mean()[0], 4 * Math.sqrt(variance / PATHS), "mean");
        assertEquals(variance, s.variance()[0], 4 * variance * Math.sqrt(2.0 / PATHS), "variance");
    }

    @Test
    void atALooseToleranceItStepsPastTheExplicitStabilityLimit() {
        AdaptiveEnsembleResult implicit = run(DriftImplicit.EULER_MARUYAMA, 1e-1);
        AdaptiveEnsembleResult explicit = run(EulerMaruyama.INSTANCE, 1e-1);
        assertTrue(implicit.steps().meanAccepted() * 5 < explicit.steps().meanAccepted(),
                () -> implicit.steps() + " against " + explicit.steps());
        // Stable, with the mean right; the variance is damped at these steps (see the class note).
        assertEquals(0.02, implicit.statistics().finalStatistics().mean()[0], 1e-3, "mean");
        assertTrue(implicit.statistics().finalStatistics().variance()[0] < 0.25 * 0.04 / 100, "damped variance");
    }
}
