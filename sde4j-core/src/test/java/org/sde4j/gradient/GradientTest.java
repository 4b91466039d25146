package org.sde4j.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sde4j.brownian.VirtualBrownianTree;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.RungeKuttaSchemes;

/**
 * Each discrete gradient method (backpropagation through Euler–Maruyama and Heun, reversible Heun) agrees with
 * central differences of its own forward solve on the same Brownian path, for θ and x0, on a scalar and a
 * coupled two-dimensional SDE with a loss at several saved steps.
 */
class GradientTest {
    static final double[] THETA_SCALAR = {1.3, 0.4, 0.35};
    static final double[] X0_SCALAR = {0.8};
    static final double[] THETA_COUPLED = {0.9, 0.3, 0.25, 0.2};
    static final double[] X0_COUPLED = {0.5, -0.4};

    static Stream<Arguments> cases() {
        Supplier<SdeGradient> em = () -> Backpropagation.through(EulerMaruyama.INSTANCE);
        Supplier<SdeGradient> heun = () -> Backpropagation.through(RungeKuttaSchemes.HEUN);
        Supplier<SdeGradient> reversible = ReversibleHeunGradient::reversing;
        Supplier<SdeGradient> stored = ReversibleHeunGradient::storingStates;
        return Stream.of(em, heun, reversible, stored).flatMap(method -> Stream.of(
                Arguments.of(method.get(), TestSdes.SCALAR, THETA_SCALAR, X0_SCALAR, 11L),
                Arguments.of(method.get(), TestSdes.COUPLED, THETA_COUPLED, X0_COUPLED, 12L)));
    }

    static PathLoss loss(int d) {
        double[][] targets = new double[4][d];
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < d; i++) {
                targets[k][i] = 0.3 * k - 0.2 * i;
            }
        }
        return PathLoss.squaredDistance(targets);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void gradientMatchesCentralDifferences(SdeGradient method, ParametricSde sde, double[] theta, double[] x0,
            long seed) {
        SolveGrid grid = SolveGrid.savingEvery(0, 1, 64, 16);
        PathLoss loss = loss(x0.length);
        VirtualBrownianTree w = VirtualBrownianTree.of(0, 1, 1.0 / 1024, x0.length, seed);
        SolveGradient g = method.compute(sde, theta, x0, grid, w, loss);
        double eps = 1e-6;
        for (int j = 0; j < theta.length; j++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[j] += eps;
            minus[j] -= eps;
            double fd = (method.compute(sde, plus, x0, grid, w, loss).loss()
                    - method.compute(sde, minus, x0, grid, w, loss).loss()) / (2 * eps);
            assertEquals(fd, g.dTheta()[j], 1e-6 * (1 + Math.abs(fd)), method + " dθ" + j);
        }
        for (int j = 0; j < x0.length; j++) {
            double[] plus = x0.clone();
            double[] minus = x0.clone();
            plus[j] += eps;
            minus[j] -= eps;
            double fd = (method.compute(sde, theta, plus, grid, w, loss).loss()
                    - method.compute(sde, theta, minus, grid, w, loss).loss()) / (2 * eps);
            assertEquals(fd, g.dX0()[j], 1e-6 * (1 + Math.abs(fd)), method + " dx0_" + j);
        }
        assertTrue(g.loss() > 0);
    }
}
