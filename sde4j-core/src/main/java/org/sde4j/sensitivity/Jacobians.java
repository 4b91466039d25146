package org.sde4j.sensitivity;

import java.util.Arrays;
import org.sde4j.gradient.ParametricSde;

/**
 * The full Jacobians of a {@link ParametricSde}'s drift and diffusion at one point, assembled from its
 * vector–Jacobian products with the unit cotangents e_1, …, e_d: row i of {@code ∂f/∂x} and of {@code ∂f/∂θ} is
 * {@code e_iᵀ ∂f/∂(x, θ)}. It costs d VJP calls per coefficient, so forward mode needs nothing the adjoint
 * methods do not. Row-major: {@code fx[i·d + k] = ∂f_i/∂x_k}, {@code ft[i·p + j] = ∂f_i/∂θ_j}. Thread-confined.
 */
final class Jacobians {
    final int d;
    final int p;
    final double[] f;
    final double[] g;
    final double[] fx;
    final double[] ft;
    final double[] gx;
    final double[] gt;
    private final double[] unit;
    private final double[] rowX;
    private final double[] rowT;

    Jacobians(int d, int p) {
        this.d = d;
        this.p = p;
        this.f = new double[d];
        this.g = new double[d];
        this.fx = new double[d * d];
        this.ft = new double[d * p];
        this.gx = new double[d * d];
        this.gt = new double[d * p];
        this.unit = new double[d];
        this.rowX = new double[d];
        this.rowT = new double[p];
    }

    /** Evaluates f, g and their Jacobians at (t, x, θ). */
    void evaluate(ParametricSde sde, double t, double[] x, double[] theta) {
        sde.drift(t, x, theta, f);
        sde.diffusion(t, x, theta, g);
        if (d == 1) {
            scalar(sde, t, x, theta);
            return;
        }
        for (int i = 0; i < d; i++) {
            unit[i] = 1;
            Arrays.fill(rowX, 0);
            Arrays.fill(rowT, 0);
            sde.driftVjp(t, x, theta, unit, rowX, rowT);
            System.arraycopy(rowX, 0, fx, i * d, d);
            System.arraycopy(rowT, 0, ft, i * p, p);
            Arrays.fill(rowX, 0);
            Arrays.fill(rowT, 0);
            sde.diffusionVjp(t, x, theta, unit, rowX, rowT);
            System.arraycopy(rowX, 0, gx, i * d, d);
            System.arraycopy(rowT, 0, gt, i * p, p);
            unit[i] = 0;
        }
    }

    /** d = 1: the VJPs write straight into the one-row Jacobians. */
    private void scalar(ParametricSde sde, double t, double[] x, double[] theta) {
        unit[0] = 1;
        fx[0] = 0;
        gx[0] = 0;
        Arrays.fill(ft, 0);
        Arrays.fill(gt, 0);
        sde.driftVjp(t, x, theta, unit, fx, ft);
        sde.diffusionVjp(t, x, theta, unit, gx, gt);
    }
}
