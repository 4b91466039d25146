package org.sde4j.sensitivity;

import java.util.Arrays;
import org.sde4j.gradient.ParametricSde;
import org.sde4j.sde.Calculus;

/**
 * A {@link ParametricSde} read in one calculus rewritten for the other: the same diffusion and the drift changed by
 * the Itô–Stratonovich correction, which for diagonal noise is
 *
 * <pre>    f_Strat,i = f_Itô,i − ½ g_i ∂g_i/∂x_i        (Kloeden &amp; Platen 1992, §4.9)</pre>
 *
 * <p>with its own vector–Jacobian product. For a cotangent v the correction's VJP is
 * {@code ½ Σ_i v_i (∂_i g_i ∇g_i + g_i ∇(∂_i g_i))}: the first term is the diffusion's VJP with cotangent
 * {@code v ⊙ diag(g_x)}; the second needs second derivatives, which a {@code ParametricSde} does not give, so it is
 * the central difference (step {@code 10⁻⁵·max(1, |u|)} in each coordinate u of x and θ) of
 * {@code Σ_i a_i ∂_i g_i} with {@code a = v ⊙ g} frozen, each {@code ∂_i g_i} an exact VJP. Its relative error is
 * about 10⁻¹⁰ for smooth g; when g is affine in x (GBM, OU, CIR-free models) the difference is exact up to round-off.
 */
public final class CalculusConversion {
    private static final double STEP = 1e-5;

    private CalculusConversion() {
    }

    /**
     * {@code sde}, declared in {@code from}, as an SDE in {@code to} (itself when they agree).
     *
     * @throws IllegalArgumentException when a calculus is null
     */
    public static ParametricSde convert(ParametricSde sde, Calculus from, Calculus to) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("calculus: from = " + from + ", to = " + to + "; both must be given");
        }
        if (from == to) {
            return sde;
        }
        return new Converted(sde, to == Calculus.STRATONOVICH ? -0.5 : 0.5);
    }

    private static final class Converted implements ParametricSde {
        private final ParametricSde sde;
        private final double sign;
        private final int d;
        private final int p;
        private final ThreadLocal<double[][]> scratch;

        Converted(ParametricSde sde, double sign) {
            this.sde = sde;
            this.sign = sign;
            this.d = sde.stateDimension();
            this.p = sde.parameterCount();
            this.scratch = ThreadLocal.withInitial(() -> new double[][] {new double[d], new double[d], new double[d],
                new double[p], new double[d], new double[d], new double[p], new double[d]});
        }

        @Override
        public int stateDimension() {
            return d;
        }

        @Override
        public int parameterCount() {
            return p;
        }

        /** {@code slope[i] = ∂g_i/∂x_i} at (t, x, θ), by d exact VJPs. */
        private void slopes(double t, double[] x, double[] theta, double[] slope) {
            double[][] s = scratch.get();
            double[] unit = s[4];
            double[] rowX = s[5];
            double[] rowT = s[6];
            for (int i = 0; i < d; i++) {
                Arrays.fill(unit, 0);
                unit[i] = 1;
                Arrays.fill(rowX, 0);
                Arrays.fill(rowT, 0);
                sde.diffusionVjp(t, x, theta, unit, rowX, rowT);
                slope[i] = rowX[i];
            }
        }

        @Override
        public void drift(double t, double[] x, double[] theta, double[] out) {
            double[][] s = scratch.get();
            double[] g = s[0];
            double[] slope = s[1];
            sde.drift(t, x, theta, out);
            sde.diffusion(t, x, theta, g);
            slopes(t, x, theta, slope);
            for (int i = 0; i < d; i++) {
                out[i] += sign * g[i] * slope[i];
            }
        }

        @Override
        public void diffusion(double t, double[] x, double[] theta, double[] out) {
            sde.diffusion(t, x, theta, out);
        }

        @Override
        public void driftVjp(double t, double[] x, double[] theta, double[] v, double[] dx, double[] dTheta) {
            sde.driftVjp(t, x, theta, v, dx, dTheta);
            double[][] s = scratch.get();
            double[] g = s[0];
            double[] slope = s[1];
            double[] w = s[2];
            sde.diffusion(t, x, theta, g);
            slopes(t, x, theta, slope);
            double[] a = new double[d];
            for (int i = 0; i < d; i++) {
                w[i] = sign * v[i] * slope[i];
                a[i] = sign * v[i] * g[i];
            }
            sde.diffusionVjp(t, x, theta, w, dx, dTheta);
            double[] xb = x.clone();
            double[] tb = theta.clone();
            double[] slopeB = s[7];
            for (int k = 0; k < d + p; k++) {
                double[] u = k < d ? xb : tb;
                int e = k < d ? k : k - d;
                double centre = u[e];
                double step = STEP * Math.max(1, Math.abs(centre));
                u[e] = centre + step;
                slopes(t, xb, tb, slopeB);
                double plus = dot(a, slopeB);
                u[e] = centre - step;
                slopes(t, xb, tb, slopeB);
                double minus = dot(a, slopeB);
                u[e] = centre;
                double derivative = (plus - minus) / (2 * step);
                if (k < d) {
                    dx[e] += derivative;
                } else {
                    dTheta[e] += derivative;
                }
            }
        }

        private static double dot(double[] a, double[] b) {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += a[i] * b[i];
            }
            return sum;
        }

        @Override
        public void diffusionVjp(double t, double[] x, double[] theta, double[] v, double[] dx, double[] dTheta) {
            sde.diffusionVjp(t, x, theta, v, dx, dTheta);
        }
    }
}
