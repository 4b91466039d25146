package org.sde4j.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.brownian.VirtualBrownianTree;
import org.sde4j.gradient.Backpropagation;
import org.sde4j.gradient.PathLoss;
import org.sde4j.gradient.SdeGradient;
import org.sde4j.gradient.SolveGradient;
import org.sde4j.gradient.SolveGrid;
import org.sde4j.solver.scheme.DerivativeFreeMilstein;
import org.sde4j.solver.scheme.EulerMaruyama;

/**
 * The Itô adjoint converges to the pathwise gradient of the Itô SDE, and so to backpropagation through
 * Euler–Maruyama, as h → 0. Reference: backpropagation through the Itô Milstein scheme on 2^13 steps of the same
 * Brownian paths. Errors are the mean over paths of |∂L/∂(θ, x0) − reference|, fitted against h on N = 16 … 256.
 */
class ItoAdjointTest {
    private static final double[] THETA = {1.2, 0.4, 0.5};
    private static final double[] X0 = {0.3};
    private static final int PATHS = 24;
    private static final int[] STEPS = {16, 32, 64, 128, 256};

    private static double[] gradient(SdeGradient method, int steps, VirtualBrownianTree w) {
        SolveGradient r = method.compute(Models.NONLINEAR, THETA, X0, SolveGrid.terminal(0, 1, steps), w,
                (states, grads) -> {
                    grads[0][0] = 2 * states[0][0];
                    return states[0][0] * states[0][0];
                });
        return new double[] {r.dTheta()[0], r.dTheta()[1], r.dTheta()[2], r.dX0()[0]};
    }

    /** The slope of log error against log h. */
    private static double order(double[] errors) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = errors.length;
        for (int k = 0; k < n; k++) {
            double x = Math.log(1.0 / STEPS[k]);
            double y = Math.log(errors[k]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    @Test
    void convergesToThePathwiseGradientWithOrderAboutOne() {
        SdeGradient ito = AdjointMethod.itoAdjoint().gradient();
        SdeGradient euler = Backpropagation.through(EulerMaruyama.INSTANCE);
        SdeGradient reference = Backpropagation.through(DerivativeFreeMilstein.ITO);
        double[] adjointErrors = new double[STEPS.length];
        double[] eulerErrors = new double[STEPS.length];
        double[] gapToEuler = new double[STEPS.length];
        for (int path = 0; path < PATHS; path++) {
            VirtualBrownianTree w = VirtualBrownianTree.of(0, 1, 1.0 / 8192, 1, 1000 + path);
            double[] exact = gradient(reference, 8192, w);
            for (int k = 0; k < STEPS.length; k++) {
                double[] a = gradient(ito, STEPS[k], w);
                double[] e = gradient(euler, STEPS[k], w);
                for (int j = 0; j < 4; j++) {
                    adjointErrors[k] += Math.abs(a[j] - exact[j]) / (4 * PATHS);
                    eulerErrors[k] += Math.abs(e[j] - exact[j]) / (4 * PATHS);
                    gapToEuler[k] += Math.abs(a[j] - e[j]) / (4 * PATHS);
                }
            }
        }
        double adjointOrder = order(adjointErrors);
        double eulerOrder = order(eulerErrors);
        System.out.printf("Itô adjoint: errors %s, order %.2f; Euler–Maruyama backprop: errors %s, order %.2f;"
                + " gap %s, order %.2f%n", java.util.Arrays.toString(adjointErrors), adjointOrder,
                java.util.Arrays.toString(eulerErrors), eulerOrder, java.util.Arrays.toString(gapToEuler),
                order(gapToEuler));
        assertTrue(adjointOrder > 0.8, "Itô adjoint order " + adjointOrder);
        assertEquals(0.5, eulerOrder, 0.15, "Euler–Maruyama's gradient converges at its strong order ½");
        assertTrue(order(gapToEuler) > 0.35, "the gap to Euler–Maruyama closes");
        assertTrue(gapToEuler[STEPS.length - 1] < gapToEuler[0] / 2.5);
    }
}
