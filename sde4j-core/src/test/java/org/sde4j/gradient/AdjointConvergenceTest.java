package org.sde4j.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.brownian.VirtualBrownianTree;
import org.sde4j.solver.scheme.RungeKuttaSchemes;

/**
 * The stochastic adjoint's gradient converges to the exact gradient of the discrete (Heun) solve as h → 0,
 * on the same Brownian paths, at the order its javadoc declares: 1 for scalar noise, 0.5 for general noise.
 * The error is the root mean square over 64 fixed paths of the gradient difference (θ and x0 together); the
 * order is the least-squares slope of log error against log h over h = 2^-5 … 2^-11.
 */
class AdjointConvergenceTest {
    private static final int PATHS = 64;
    private static final int[] STEPS = {32, 64, 128, 256, 512, 1024, 2048};

    /** RMS over paths of |adjoint − backprop| for each step count. */
    static double[] errors(ParametricSde sde, double[] theta, double[] x0) {
        double[] errors = new double[STEPS.length];
        SdeGradient exact = Backpropagation.through(RungeKuttaSchemes.HEUN);
        for (int s = 0; s < STEPS.length; s++) {
            double sum = 0;
            for (int path = 0; path < PATHS; path++) {
                VirtualBrownianTree w = VirtualBrownianTree.of(0, 1, 1.0 / 4096, x0.length, 1000 + path);
                SolveGrid grid = SolveGrid.savingEvery(0, 1, STEPS[s], STEPS[s] / 4);
                PathLoss loss = GradientTest.loss(x0.length);
                SolveGradient a = StochasticAdjoint.INSTANCE.compute(sde, theta, x0, grid, w, loss);
                SolveGradient b = exact.compute(sde, theta, x0, grid, w, loss);
                sum += squaredDistance(a.dTheta(), b.dTheta()) + squaredDistance(a.dX0(), b.dX0());
            }
            errors[s] = Math.sqrt(sum / PATHS);
        }
        return errors;
    }

    static double slope(double[] errors) {
        double mx = 0;
        double my = 0;
        int n = errors.length;
        for (int s = 0; s < n; s++) {
            mx += Math.log(1.0 / STEPS[s]) / n;
            my += Math.log(errors[s]) / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int s = 0; s < n; s++) {
            double dx = Math.log(1.0 / STEPS[s]) - mx;
            sxy += dx * (Math.log(errors[s]) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    @Test
    void scalarNoiseConvergesAtOrderOne() {
        double[] e = errors(TestSdes.SCALAR, GradientTest.THETA_SCALAR, GradientTest.X0_SCALAR);
        double order = slope(e);
        System.out.printf("adjoint → backprop, scalar noise: errors %s, order %.3f%n", java.util.Arrays.toString(e),
                order);
        assertEquals(StochasticAdjoint.ORDER_SCALAR_NOISE, order, 0.15);
        assertTrue(e[e.length - 1] < e[0] / 16, "error falls at least 16-fold over a 32-fold h");
    }

    @Test
    void generalNoiseConvergesAtLeastAtOrderOneHalf() {
        double[] e = errors(TestSdes.COUPLED, GradientTest.THETA_COUPLED, GradientTest.X0_COUPLED);
        double order = slope(e);
        System.out.printf("adjoint → backprop, coupled noise: errors %s, order %.3f%n", java.util.Arrays.toString(e),
                order);
        assertTrue(order > StochasticAdjoint.ORDER_GENERAL_NOISE - 0.1, "order " + order);
    }
}
