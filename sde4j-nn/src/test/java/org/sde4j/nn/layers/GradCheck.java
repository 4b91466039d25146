package org.sde4j.nn.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;

/**
 * Central finite differences against a layer's backward pass.
 *
 * <p>The scalar checked is {@code L = Σ_i r_i y_i} with fixed random weights r, evaluated in double from the
 * float outputs, so {@code ∂L/∂y = r}. For each coordinate θ of the input and of every parameter,
 * {@code (L(θ + ε) − L(θ − ε)) / 2ε} with ε = 1e-2 must match the backward pass within
 * {@code 2e-3 + 1e-2 |g|}. Why these numbers: float outputs carry a relative round-off of about 6e-8, so L
 * (a few hundred terms of order one) is known to about 1e-5 and the quotient to about 1e-3; the truncation
 * error of central differences is O(ε²) ≈ 1e-4 relative for these smooth maps. A coordinate whose
 * perturbation flips the sign pattern of the output (a ReLU kink crossed between θ ± ε) is skipped, since the
 * difference quotient is meaningless there; at most a tenth of them may be skipped.
 */
final class GradCheck {
    static final double EPS = 1e-2;
    static final double ATOL = 2e-3;
    static final double RTOL = 1e-2;

    private GradCheck() {
    }

    static Tensor random(SplittableRandom r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (2 * r.nextDouble() - 1);
        }
        return t;
    }

    /** Checks the gradients of {@code layer} at {@code x} (modified and restored) in the given mode. */
    static void check(Layer layer, Tensor x, boolean training, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor y0 = layer.forward(x, training);
        double[] w = new double[y0.size()];
        float[] wf = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = 2 * r.nextDouble() - 1;
            wf[i] = (float) w[i];
        }
        for (Param p : layer.params()) {
            p.grad().zero();
        }
        layer.forward(x, training);
        Tensor dx = layer.backward(new Tensor(wf, y0.shape())).copy();
        int[] skipped = {0};
        int[] total = {0};
        compare("input", x.data(), dx.data(), layer, x, training, w, skipped, total);
        for (Param p : layer.params()) {
            Tensor g = p.grad().copy();
            compare(p.name(), p.value().data(), g.data(), layer, x, training, w, skipped, total);
        }
        assertTrue(skipped[0] * 10 <= total[0], skipped[0] + " of " + total[0] + " coordinates at ReLU kinks");
    }

    private static void compare(String what, float[] theta, float[] grad, Layer layer, Tensor x, boolean training,
            double[] w, int[] skipped, int[] total) {
        for (int i = 0; i < theta.length; i++) {
            float keep = theta[i];
            theta[i] = (float) (keep + EPS);
            double plusEps = theta[i] - keep;
            Tensor yp = layer.forward(x, training).copy();
            theta[i] = (float) (keep - EPS);
            double minusEps = keep - theta[i];
            Tensor ym = layer.forward(x, training);
            theta[i] = keep;
            total[0]++;
            if (kinkCrossed(yp.data(), ym.data())) {
                skipped[0]++;
                continue;
            }
            double numeric = (loss(yp, w) - loss(ym, w)) / (plusEps + minusEps);
            double analytic = grad[i];
            double tol = ATOL + RTOL * Math.max(Math.abs(numeric), Math.abs(analytic));
            assertTrue(Math.abs(numeric - analytic) <= tol, what + "[" + i + "]: backward " + analytic
                    + ", central difference " + numeric + ", tolerance " + tol);
        }
        layer.forward(x, training);
    }

    private static boolean kinkCrossed(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            if ((a[i] == 0f) != (b[i] == 0f)) {
                return true;
            }
        }
        return false;
    }

    private static double loss(Tensor y, double[] w) {
        double s = 0;
        float[] d = y.data();
        for (int i = 0; i < d.length; i++) {
            s += w[i] * d[i];
        }
        return s;
    }
}
