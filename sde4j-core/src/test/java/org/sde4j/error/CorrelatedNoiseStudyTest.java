package org.sde4j.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.PathwiseSolution;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.CorrelatedGbm;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;

/**
 * Convergence studies accept a problem with correlated noise: the stored path is the correlated W, on which the
 * exact solution {@code X_i = X_i(0) exp((μ_i − σ_i²/2) t + σ_i W_i)} is evaluated. Euler–Maruyama keeps strong
 * order 1/2, and Itô Milstein and derivative-free Milstein strong order 1 (their componentwise correction is the
 * commutative Milstein correction of {@code g L}, see {@link org.sde4j.solver.IncrementUse#COMPONENT_SQUARES}).
 */
class CorrelatedNoiseStudyTest {
    private static ConvergenceResult strong(String scheme) {
        SdeProblem p = CorrelatedGbm.problem();
        return StrongError.of(p, Schemes.byName(scheme)).exact(CorrelatedGbm.solution(1, 1)).halvings(32, 5)
                .paths(1000).seed(17).threads(2).run();
    }

    @Test
    void eulerMaruyamaHasStrongOrderOneHalf() {
        ConvergenceResult r = strong("euler-maruyama");
        assertEquals(0.5, r.order().order(), 0.08, r.report());
    }

    @Test
    void milsteinSchemesHaveStrongOrderOne() {
        for (String name : new String[] {"milstein", "milstein-df"}) {
            ConvergenceResult r = strong(name);
            assertEquals(1.0, r.order().order(), 0.08, r.report());
        }
    }

    /**
     * The Stratonovich reading, {@code X_i = X_i(0) exp(μ_i t + σ_i W_i)}: Heun reads ΔW only through {@code g ΔW},
     * so it is Heun on {@code g L}, commutative noise, strong order 1; Stratonovich Milstein's {@code ½ g_i g_i' ΔW_i²}
     * is the Stratonovich commutative correction of {@code g L}, also order 1.
     */
    @Test
    void stratonovichSchemesKeepOrderOneOnCorrelatedDiagonalNoise() {
        SdeProblem p = CorrelatedGbm.problem().withSde(CorrelatedGbm.sde().interpretedIn(Calculus.STRATONOVICH));
        PathwiseSolution exact = (t, w, out) -> {
            for (int i = 0; i < 2; i++) {
                out[i] = CorrelatedGbm.X0[i] * Math.exp(CorrelatedGbm.MU[i] * t + CorrelatedGbm.SIGMA[i] * w[i]);
            }
        };
        for (String name : new String[] {"heun", "milstein-strat"}) {
            ConvergenceResult r = StrongError.of(p, Schemes.byName(name)).exact(exact).halvings(32, 5).paths(1000)
                    .seed(17).threads(2).run();
            assertEquals(1.0, r.order().order(), 0.08, r.report());
        }
    }

    /**
     * Ignoring the correlation in the exact solution (W_2 independent of W_1) would leave an O(1) error that does
     * not shrink: the studies do use the correlated W.
     */
    @Test
    void errorsVanishOnlyAgainstTheCorrelatedSolution() {
        ConvergenceResult r = strong("milstein");
        assertTrue(r.errors()[r.errors().length - 1] < 1e-3, r.report());
    }

    @Test
    void weakStudyOfTheProductAgainstItsClosedForm() {
        SdeProblem p = CorrelatedGbm.problem();
        Scheme em = Schemes.byName("euler-maruyama");
        ConvergenceResult r = WeakError.of(p, em, x -> x[0] * x[1])
                .exactExpectation(CorrelatedGbm.productMean(CorrelatedGbm.RHO, 1)).steps(1, 2, 4).paths(40_000).seed(5)
                .threads(2).run();
        for (int l = 0; l < 3; l++) {
            double bias = Math.abs(CorrelatedGbm.eulerProductMean(CorrelatedGbm.RHO, 1, r.steps()[l])
                    - CorrelatedGbm.productMean(CorrelatedGbm.RHO, 1));
            assertEquals(bias, r.errors()[l], 4 * r.standardErrors()[l], r.report());
        }
    }
}
