package org.sde4j.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.sde4j.brownian.VirtualBrownianTree;
import org.sde4j.solver.scheme.RungeKuttaSchemes;

/**
 * Memory measured, not assumed: the bytes a gradient call allocates on its thread
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}) and the state it retains, against the
 * number of steps. Backpropagation grows by at least the stored states; the adjoint and reversible Heun do not
 * grow. Reversible Heun's gradient equals backpropagation through its stored states to 1e-10.
 */
class GradientMemoryTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static long allocated(SdeGradient method, int steps) {
        double[] x0 = GradientTest.X0_COUPLED;
        VirtualBrownianTree w = VirtualBrownianTree.of(0, 1, 1.0 / 65536, 2, 5);
        SolveGrid grid = SolveGrid.terminal(0, 1, steps);
        PathLoss loss = PathLoss.linear(1, 1);
        method.compute(TestSdes.COUPLED, GradientTest.THETA_COUPLED, x0, grid, w, loss);
        long id = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(id);
        method.compute(TestSdes.COUPLED, GradientTest.THETA_COUPLED, x0, grid, w, loss);
        return THREADS.getThreadAllocatedBytes(id) - before;
    }

    @Test
    void adjointAndReversibleAllocateTheSameWhateverTheSteps() {
        SdeGradient[] methods = {Backpropagation.through(RungeKuttaSchemes.HEUN), StochasticAdjoint.INSTANCE,
            ReversibleHeunGradient.reversing(), ReversibleHeunGradient.storingStates()};
        for (SdeGradient method : methods) {
            long small = allocated(method, 1024);
            long large = allocated(method, 16384);
            System.out.printf("%-45s allocated bytes: N = 1024: %,d; N = 16384: %,d%n", method, small, large);
            boolean grows = method instanceof Backpropagation || method.toString().contains("stored");
            if (grows) {
                assertTrue(large - small >= 15360L * 2 * 8, method + ": " + small + " → " + large);
            } else {
                assertTrue(large - small < 4096, method + ": " + small + " → " + large);
            }
        }
    }

    @Test
    void retainedStateIsFlatForAdjointAndReversible() {
        VirtualBrownianTree w = VirtualBrownianTree.of(0, 1, 1.0 / 4096, 2, 6);
        for (int steps : new int[] {64, 4096}) {
            SolveGrid grid = SolveGrid.terminal(0, 1, steps);
            PathLoss loss = PathLoss.linear(1, -1);
            double[] th = GradientTest.THETA_COUPLED;
            double[] x0 = GradientTest.X0_COUPLED;
            assertEquals(2L + 4 + 4, StochasticAdjoint.INSTANCE.compute(TestSdes.COUPLED, th, x0, grid, w, loss)
                    .retainedState());
            assertEquals(2L + 4, ReversibleHeunGradient.reversing().compute(TestSdes.COUPLED, th, x0, grid, w, loss)
                    .retainedState());
            assertEquals((steps + 1) * 2L, Backpropagation.through(RungeKuttaSchemes.HEUN)
                    .compute(TestSdes.COUPLED, th, x0, grid, w, loss).retainedState());
        }
    }

    @Test
    void reversibleHeunEqualsBackpropagationThroughStoredStates() {
        for (int steps : new int[] {64, 1024, 8192}) {
            for (long seed = 0; seed < 4; seed++) {
                VirtualBrownianTree w = VirtualBrownianTree.of(0, 1, 1.0 / 8192, 2, seed);
                SolveGrid grid = SolveGrid.savingEvery(0, 1, steps, steps / 4);
                PathLoss loss = GradientTest.loss(2);
                SolveGradient rev = ReversibleHeunGradient.reversing().compute(TestSdes.COUPLED,
                        GradientTest.THETA_COUPLED, GradientTest.X0_COUPLED, grid, w, loss);
                SolveGradient ref = ReversibleHeunGradient.storingStates().compute(TestSdes.COUPLED,
                        GradientTest.THETA_COUPLED, GradientTest.X0_COUPLED, grid, w, loss);
                double worst = 0;
                for (int j = 0; j < ref.dTheta().length; j++) {
                    worst = Math.max(worst, Math.abs(rev.dTheta()[j] - ref.dTheta()[j]));
                }
                for (int j = 0; j < ref.dX0().length; j++) {
                    worst = Math.max(worst, Math.abs(rev.dX0()[j] - ref.dX0()[j]));
                }
                assertTrue(worst < 1e-10, "steps " + steps + ", seed " + seed + ": " + worst);
                if (seed == 0) {
                    System.out.printf("reversible vs stored, N = %d: max |Δgrad| = %.2e%n", steps, worst);
                }
            }
        }
    }
}
