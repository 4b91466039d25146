package org.sde4j.error;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.problems.Problems;
import org.sde4j.solver.scheme.RosslerSchemes;

/**
 * The adaptive error study on gbm ({@code dX = 1.01 X dt + 0.87 X dW}, exact {@code X0 exp((a − b²/2)T + b W_T)} on
 * each path's own Brownian path) with SRIW1's embedded estimate, 1000 paths, seed 5: the numbers
 * {@code AdaptiveEnsembleTest} measures by hand (errors 3.06e-2, 4.46e-3, 2.30e-4 at τ = 1e-1, 1e-2, 1e-3).
 */
class AdaptiveConvergenceTest {
    private static final double[] TOLERANCES = {1e-1, 1e-2, 1e-3};

    @Test
    void theErrorFollowsTheToleranceAndTheStepOrderIsSriw1s() {
        AdaptiveConvergence.Result r = AdaptiveConvergence.run(Problems.gbm(), RosslerSchemes.SRIW1, TOLERANCES, 1000,
                5, 2);
        assertEquals(3.06e-2, r.errors()[0], 0.01e-2);
        assertEquals(4.46e-3, r.errors()[1], 0.01e-3);
        assertEquals(2.30e-4, r.errors()[2], 0.01e-4);
        // Measured: tolerance slope 1.063 [1.041, 1.084]; step order 1.524 [1.494, 1.553] at 8.67, 27.5, 211 steps.
        OrderEstimate slope = r.toleranceSlope();
        assertTrue(slope.low() > 0.9 && slope.high() < 1.3, () -> "tolerance slope " + slope);
        OrderEstimate order = r.stepOrder();
        assertTrue(order.intervalContains(1.5) || Math.abs(order.order() - 1.5) < 0.1, () -> "step order " + order);
        for (int l = 1; l < TOLERANCES.length; l++) {
            assertTrue(r.meanAccepted()[l] > r.meanAccepted()[l - 1], "steps grow as τ falls");
        }
    }

    @Test
    void theThreadCountChangesNoBit() {
        AdaptiveConvergence.Result one = AdaptiveConvergence.run(Problems.gbm(), RosslerSchemes.SRIW1, TOLERANCES, 200,
                3, 1);
        AdaptiveConvergence.Result three = AdaptiveConvergence.run(Problems.gbm(), RosslerSchemes.SRIW1, TOLERANCES,
                200, 3, 3);
        assertArrayEquals(one.errors(), three.errors());
        assertEquals(one.toleranceSlope().low(), three.toleranceSlope().low());
        assertEquals(one.stepOrder().high(), three.stepOrder().high());
    }

    @Test
    void badSettingsAreRefusedInOneLine() {
        IllegalArgumentException noExact = assertThrows(IllegalArgumentException.class,
                () -> AdaptiveConvergence.run(Problems.byName("logistic"), RosslerSchemes.SRIW1, TOLERANCES, 100, 1, 1));
        assertTrue(noExact.getMessage().contains("exact"), noExact.getMessage());
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
                () -> AdaptiveConvergence.run(Problems.gbm(), RosslerSchemes.SRIW1, new double[] {1e-2, 1e-1, 1e-3}, 100,
                        1, 1));
        assertTrue(order.getMessage().contains("decrease"), order.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> AdaptiveConvergence.run(Problems.gbm(), RosslerSchemes.SRIW1, new double[] {1e-1, 1e-2}, 100, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> AdaptiveConvergence.run(Problems.gbm(), RosslerSchemes.SRIW1, TOLERANCES, 1, 1, 1));
    }
}
