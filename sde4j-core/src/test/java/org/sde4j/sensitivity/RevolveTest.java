package org.sde4j.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.brownian.VirtualBrownianTree;
import org.sde4j.gradient.PathLoss;
import org.sde4j.gradient.SolveGrid;
import org.sde4j.sde.Calculus;
import org.sde4j.solver.scheme.EulerMaruyama;

/**
 * Binomial checkpointing (revolve): the bits of full backpropagation for every scheme, slot count and grid; stored
 * states and recomputations, counted during the run, growing like log N.
 */
class RevolveTest {
    @Test
    void binomialCoefficientsAndTheDefaultSlots() {
        assertEquals(1, RevolveBackpropagation.beta(0, 5));
        assertEquals(6, RevolveBackpropagation.beta(2, 2));
        assertEquals(12870, RevolveBackpropagation.beta(8, 8));
        assertEquals(Long.MAX_VALUE, RevolveBackpropagation.beta(60, 60));
        assertEquals(3, RevolveBackpropagation.repetitions(2, 10)); // β(2, 2) = 6 < 10 ≤ β(2, 3) = 10
        assertEquals(6, RevolveBackpropagation.defaultSlots(256)); // β(5, 5) = 252 < 256 ≤ β(6, 6) = 924
        assertEquals(9, RevolveBackpropagation.defaultSlots(16384)); // β(8, 8) = 12870 < 16384
    }

    @Test
    void sameBitsAsFullBackpropagationForEveryScheme() {
        CheckpointingTest.assertSameBitsAsBackpropagation(new int[] {1, 2, 7, 64, 100}, new int[] {0, 1, 2, 5},
                (scheme, slots, steps) -> slots == 0 ? RevolveBackpropagation.through(scheme)
                        : RevolveBackpropagation.through(scheme, slots));
    }

    @Test
    void storedStatesAndRecomputationsGrowLikeTheLogarithmOfTheSteps() {
        int previousPeak = 0;
        StringBuilder table = new StringBuilder("N, slots s, peak stored states, forward steps / N, √N scheme's states\n");
        for (int steps : new int[] {256, 1024, 4096, 16384}) {
            SolveGrid grid = SolveGrid.terminal(0, 1, steps);
            VirtualBrownianTree w = VirtualBrownianTree.of(0, 1, 1.0 / steps, 1, 3);
            RevolveBackpropagation.Run run = RevolveBackpropagation.through(EulerMaruyama.INSTANCE).run(Models.NONLINEAR,
                    new double[] {1.2, 0.4, 0.5}, new double[] {0.3}, grid, w, PathLoss.linear(1));
            int s = RevolveBackpropagation.defaultSlots(steps);
            int r = RevolveBackpropagation.repetitions(s, steps);
            double perStep = (double) run.forwardSteps() / steps;
            table.append(steps).append(", ").append(s).append(", ").append(run.peakCheckpoints()).append(", ")
                    .append(String.format(java.util.Locale.ROOT, "%.2f", perStep)).append(", ")
                    .append(2 * (int) Math.ceil(Math.sqrt(steps)) + 1).append('\n');
            // The initial state and at most s checkpoints; every slot is used.
            assertEquals(s + 1, run.peakCheckpoints(), "N = " + steps);
            // One forward pass for the loss, one taped forward step before each backward step, and at most r advances of each
            // step between them (r ≤ s ≈ log₄ N).
            assertTrue(run.forwardSteps() <= (long) (2 + r) * steps, "N = " + steps + ": " + run.forwardSteps());
            assertTrue(r <= s);
            assertTrue(s <= Math.log(steps) / Math.log(4) + 3, "slots " + s + " for N = " + steps);
            if (previousPeak > 0) {
                assertTrue(run.peakCheckpoints() - previousPeak <= 1, "one more stored state per quadrupling of N");
            }
            previousPeak = run.peakCheckpoints();
        }
        System.out.print(table);
    }

    @Test
    void theRevolveAdjointRunsInTheEnsembleWithTheBitsOfBackpropagation() {
        Sensitivities base = Sensitivities.of(Models.NONLINEAR, Calculus.ITO, new double[] {1.2, 0.4, 0.5},
                new double[] {0.3}, Payoff.square(0)).grid(0, 1, 50).paths(1000).seed(2).threads(2)
                .method(SensitivityMethod.ADJOINT);
        SensitivityResult full = base.adjoint(AdjointMethod.backpropagation(EulerMaruyama.INSTANCE)).run();
        SensitivityResult revolve = base.adjoint(AdjointMethod.revolve(EulerMaruyama.INSTANCE)).run();
        assertTrue(full.sameBits(revolve));
    }
}
