package org.sde4j.nn.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sde4j.error.OrderFit;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.TensorSpace;
import org.sde4j.nn.layers.Dense;
import org.sde4j.nn.layers.Layer;
import org.sde4j.nn.layers.Sequential;
import org.sde4j.nn.layers.Tanh;
import org.sde4j.random.RandomStreams;
import org.sde4j.solver.step.BranchStep;
import org.sde4j.solver.tableau.StochasticTableau;
import org.sde4j.solver.scheme.WeakSchemes;

/**
 * The SDE view of stochastic depth, tested: a network of L stochastic-depth blocks over a fixed smooth field F
 * on [0, T], block n being {@code x + p h F(x) + (η − p) √h F(x)} with h = T/L and η ~ Bernoulli(p), is the weak
 * Euler scheme of {@code dX = p F(X) dt + √(p(1 − p)) F(X) dW}; so E φ(x_L) approaches E φ(X_T) like 1/L.
 *
 * <p>No Monte Carlo error: with p = ½ all 2^L drop patterns are equally likely, and the network is run once on
 * a batch holding every pattern (one per sample, per-sample noise), which gives E φ(x_L) exactly. The limit
 * E φ(X_T) comes from Platen's weak order-2 scheme, whose three-point increments are enumerated the same way
 * (3^M paths), Richardson-extrapolated from M = 6 and 12 steps. Both run through {@link BranchStep}, the
 * stochastic-depth network's own step.
 */
class StochasticDepthWeakLimitTest {
    private static final double P = 0.5;
    private static final double T = 1;
    private static final double[] X0 = {0.3, -0.5};

    private static Layer field() {
        return new Sequential(List.of(new Dense("f", 2, 2, RandomStreams.stream(31, 0)), new Tanh()));
    }

    private static double phi(float[] x, int i) {
        return Math.sin(x[2 * i]) + x[2 * i + 1] * x[2 * i + 1];
    }

    private static Tensor start(int n) {
        Tensor x = Tensor.zeros(n, 2);
        for (int i = 0; i < n; i++) {
            x.data()[2 * i] = (float) X0[0];
            x.data()[2 * i + 1] = (float) X0[1];
        }
        return x;
    }

    /** E φ(x_L) of the depth-L stochastic-depth network, exactly (all 2^L patterns). */
    private static double network(Layer f, int depth) {
        int n = 1 << depth;
        double h = T / depth;
        LayerField field = new LayerField(List.of(f), new double[] {P}, new double[] {1});
        StochasticTableau weakEuler = WeakSchemes.WEAK_EULER.tableau();
        Tensor x = start(n);
        double[] dw = new double[n];
        for (int block = 0; block < depth; block++) {
            BranchStep<Tensor> step = new BranchStep<>(TensorSpace.INSTANCE, weakEuler, field);
            for (int i = 0; i < n; i++) {
                int eta = (i >> block) & 1;
                dw[i] = (eta - P) * Math.sqrt(h);
            }
            x = step.forward(block * h, h, x, dw, null).copy();
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += phi(x.data(), i);
        }
        return sum / n;
    }

    /** E φ(X_M) of Platen's weak order-2 scheme with M steps, exactly (all 3^M three-point paths). */
    private static double platen(Layer f, int steps) {
        int n = 1;
        for (int i = 0; i < steps; i++) {
            n *= 3;
        }
        double h = T / steps;
        LayerField field = new LayerField(List.of(f), new double[] {P}, new double[] {Math.sqrt(P * (1 - P))});
        BranchStep<Tensor> step = new BranchStep<>(TensorSpace.INSTANCE, WeakSchemes.PLATEN_WEAK_2.tableau(), field);
        Tensor x = start(n);
        double[] dw = new double[n];
        double[] weight = new double[n];
        java.util.Arrays.fill(weight, 1.0);
        double jump = Math.sqrt(3 * h);
        for (int s = 0; s < steps; s++) {
            int stride = 1;
            for (int i = 0; i < s; i++) {
                stride *= 3;
            }
            for (int i = 0; i < n; i++) {
                int digit = (i / stride) % 3;
                dw[i] = digit == 0 ? 0 : digit == 1 ? jump : -jump;
                weight[i] *= digit == 0 ? 2.0 / 3 : 1.0 / 6;
            }
            x = step.forward(s * h, h, x, dw, null).copy();
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += weight[i] * phi(x.data(), i);
        }
        return sum;
    }

    @Test
    void weakErrorOfStochasticDepthDecreasesLikeOneOverDepth() {
        Layer f = field();
        double coarse = platen(f, 6);
        double fine = platen(f, 12);
        double limit = (4 * fine - coarse) / 3;
        int[] depths = {4, 6, 8, 11, 16};
        double[] h = new double[depths.length];
        double[] errors = new double[depths.length];
        for (int i = 0; i < depths.length; i++) {
            h[i] = T / depths[i];
            errors[i] = Math.abs(network(f, depths[i]) - limit);
        }
        // The error of the fine Platen value is about |fine − coarse| / 3 (order 2), that of the extrapolated
        // limit smaller still: it must be negligible against the networks' errors.
        assertTrue(Math.abs(fine - coarse) / 3 < 0.1 * errors[errors.length - 1],
                "the reference is far more accurate than the networks: " + Math.abs(fine - coarse) / 3 + " vs "
                        + errors[errors.length - 1]);
        for (int i = 1; i < errors.length; i++) {
            assertTrue(errors[i] < errors[i - 1], "error at depth " + depths[i] + " " + errors[i] + " below " + errors[i - 1]);
        }
        double order = OrderFit.leastSquaresSlope(h, errors);
        assertEquals(1.0, order, 0.15, "weak order (fit over L = 4..16; L = 2 is pre-asymptotic) of the depth-L network, errors " + java.util.Arrays.toString(errors));
    }
}
