package org.sde4j.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.brownian.VirtualBrownianTree;
import org.sde4j.solver.scheme.RungeKuttaSchemes;

/**
 * The neural SDE's vector–Jacobian products are right (backpropagation through its Heun solve agrees with central
 * differences), and moment matching trains it towards the marginal law of an Ornstein–Uhlenbeck process.
 */
class NeuralSdeTest {
    @Test
    void gradientsMatchCentralDifferences() {
        NeuralSde sde = new NeuralSde(2, 5);
        double[] theta = sde.initialParameters(3, -1);
        double[] x0 = {0.3, -0.5};
        SolveGrid grid = SolveGrid.savingEvery(0, 1, 32, 8);
        PathLoss loss = GradientTest.loss(2);
        VirtualBrownianTree w = VirtualBrownianTree.of(0, 1, 1.0 / 256, 2, 9);
        SdeGradient method = Backpropagation.through(RungeKuttaSchemes.HEUN);
        SolveGradient g = method.compute(sde, theta, x0, grid, w, loss);
        SolveGradient rev = ReversibleHeunGradient.reversing().compute(sde, theta, x0, grid, w,
                loss);
        for (int j = 0; j < theta.length; j++) {
            double eps = 1e-6;
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[j] += eps;
            minus[j] -= eps;
            double fd = (method.compute(sde, plus, x0, grid, w, loss).loss()
                    - method.compute(sde, minus, x0, grid, w, loss).loss()) / (2 * eps);
            assertEquals(fd, g.dTheta()[j], 1e-6 * (1 + Math.abs(fd)), "θ" + j);
            double fdRev = (ReversibleHeunGradient.reversing().compute(sde, plus, x0, grid, w, loss).loss()
                    - ReversibleHeunGradient.reversing().compute(sde, minus, x0, grid, w, loss).loss()) / (2 * eps);
            assertEquals(fdRev, rev.dTheta()[j], 1e-6 * (1 + Math.abs(fdRev)), "reversible θ" + j);
        }
    }

    @Test
    void momentMatchingLearnsAnOrnsteinUhlenbeckLaw() {
        // dX = −X dt + 0.5 dW from 1: mean e^{−t}, variance (1 − e^{−2t}) / 8, at t = 0.5, 1, 1.5, 2.
        int k = 4;
        double[][] mean = new double[k][1];
        double[][] var = new double[k][1];
        for (int s = 0; s < k; s++) {
            double t = 0.5 * (s + 1);
            mean[s][0] = Math.exp(-t);
            var[s][0] = (1 - Math.exp(-2 * t)) / 8;
        }
        NeuralSde sde = new NeuralSde(1, 8);
        double[] theta = sde.initialParameters(1, -1);
        double[] curve = MomentMatching.train(sde, theta, new double[] {1}, SolveGrid.savingEvery(0, 2, 32, 8), mean,
                var, 64, 100, ReversibleHeunGradient.reversing(), 150, 0.02);
        System.out.printf("moment matching: loss %.3e → %.3e over %d epochs%n", curve[0], curve[curve.length - 1],
                curve.length);
        assertTrue(curve[curve.length - 1] < curve[0] / 20, curve[0] + " → " + curve[curve.length - 1]);
    }
}
