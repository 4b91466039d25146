package org.sde4j.gradient;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.brownian.VirtualBrownianTree;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.RungeKuttaSchemes;

/**
 * The gradient API refuses what the solver refuses (issue 28, item 10): an ODE scheme on a noisy SDE, and a
 * virtual Brownian tree too coarse for the grid.
 */
class GradientInputTest {
    private static final SolveGrid GRID = SolveGrid.savingEvery(0, 1, 64, 16);

    /** RK4 has no noise terms: on an SDE with noise it returned a zero noise gradient; now it is refused. */
    @Test
    void anOdeSchemeOnANoisySdeIsRefused() {
        VirtualBrownianTree w = VirtualBrownianTree.of(0, 1, 1.0 / 1024, 1, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backpropagation
                .through(RungeKuttaSchemes.RK4).compute(TestSdes.SCALAR, GradientTest.THETA_SCALAR,
                        GradientTest.X0_SCALAR, GRID, w, GradientTest.loss(1)));
        assertTrue(e.getMessage().contains("rk4") && e.getMessage().contains("ODE scheme"), e.getMessage());
    }

    /** A tree whose leaves (1/16) are longer than the step (1/64) would interpolate W inside a step. */
    @Test
    void aTreeCoarserThanTheStepIsRefused() {
        VirtualBrownianTree coarse = VirtualBrownianTree.of(0, 1, 1.0 / 16, 1, 3);
        for (SdeGradient method : new SdeGradient[] {Backpropagation.through(EulerMaruyama.INSTANCE),
            ReversibleHeunGradient.reversing(), ReversibleHeunGradient.storingStates()}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> method.compute(
                    TestSdes.SCALAR, GradientTest.THETA_SCALAR, GradientTest.X0_SCALAR, GRID, coarse,
                    GradientTest.loss(1)), method.toString());
            assertTrue(e.getMessage().contains("coarser than the step"), e.getMessage());
        }
        VirtualBrownianTree exact = VirtualBrownianTree.of(0, 1, 1.0 / 64, 1, 3);
        assertDoesNotThrow(() -> Backpropagation.through(EulerMaruyama.INSTANCE).compute(TestSdes.SCALAR,
                GradientTest.THETA_SCALAR, GradientTest.X0_SCALAR, GRID, exact, GradientTest.loss(1)));
    }
}
