package org.sde4j.solver;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.ensemble.EnsembleResult;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.engine.Solver;
import org.sde4j.solver.scheme.DriftImplicit;
import org.sde4j.solver.scheme.EulerMaruyama;

/**
 * The stiff test equation {@code dX = −50 X dt + 0.1 X dW} at h = 0.1 (λh = −5, far outside explicit
 * stability), on [0, 100]: the implicit schemes stay bounded and decay; Euler–Maruyama's error grows
 * like |1 − 5|^n = 4^n, overflows near step 512, and the solve stops there, saying where.
 */
class StiffnessTest {
    private static final Sde STIFF = Sde.scalar((t, x) -> -50 * x, (t, x) -> 0.1 * x)
            .withDiffusionDerivative((t, x) -> 0.1);
    private static final SdeProblem PROBLEM = SdeProblem.of(STIFF, 1.0, 0, 100);

    @Test
    void implicitSchemesStayBounded() {
        for (Scheme scheme : new Scheme[] {DriftImplicit.EULER_MARUYAMA, DriftImplicit.MILSTEIN}) {
            EnsembleResult r = Ensemble.of(PROBLEM, scheme).stepSize(0.1).paths(500).seed(5).keepFinalStates(true).run();
            double largest = 0;
            for (double x : r.finalStates()) {
                largest = Math.max(largest, Math.abs(x));
            }
            assertTrue(largest < 1e-10, scheme.name() + ": max |X(100)| = " + largest);
        }
    }

    @Test
    void eulerMaruyamaDivergesAndReportsTheStep() {
        SolveDivergedException e = assertThrows(SolveDivergedException.class,
                () -> Ensemble.of(PROBLEM, EulerMaruyama.INSTANCE).stepSize(0.1).paths(500).seed(5).run());
        assertTrue(e.step() > 400 && e.step() < 600, e.getMessage());
        assertTrue(e.getMessage().contains("step " + e.step()) && e.getMessage().contains("path"), e.getMessage());
    }

    @Test
    void newtonFailureNamesTimeAndStep() {
        // f(x) = −sign(x)·√|x|·10⁶ has an unbounded derivative at 0: Newton from the predictor cycles.
        Sde bad = Sde.scalar((t, x) -> -1e6 * Math.signum(x) * Math.sqrt(Math.abs(x)), (t, x) -> 0.0);
        SdeProblem problem = SdeProblem.of(bad, 1.0, 0, 1);
        StepFailedException e = assertThrows(StepFailedException.class, () -> Solver.solveToEnd(problem,
                DriftImplicit.EULER_MARUYAMA, 10, Solver.streamingBrownian(problem, 1)));
        assertTrue(e.getMessage().contains("t = ") && e.getMessage().contains("(step ") && e.getMessage().contains("Newton"),
                e.getMessage());
    }
}
