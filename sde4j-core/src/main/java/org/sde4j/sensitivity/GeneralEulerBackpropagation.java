package org.sde4j.sensitivity;

import java.util.Arrays;
import org.sde4j.brownian.BrownianSource;
import org.sde4j.gradient.PathLoss;
import org.sde4j.gradient.SolveGradient;
import org.sde4j.gradient.SolveGrid;

/**
 * The exact gradient of one Euler–Maruyama solve of a {@link GeneralParametricSde} (non-diagonal noise), by
 * backpropagation: with the states stored, the cotangent of {@code X' = X + f h + G ΔW} is
 *
 * <pre>    a ← a + h (∂f/∂x)ᵀ a + Σ_ik (a_i ΔW_k) ∂G_ik/∂x,    a_θ += h (∂f/∂θ)ᵀ a + Σ_ik (a_i ΔW_k) ∂G_ik/∂θ,</pre>
 *
 * <p>two VJP calls per step, whatever p and m. Memory (N + 1)·d doubles.
 */
public final class GeneralEulerBackpropagation {
    private GeneralEulerBackpropagation() {
    }

    /**
     * Solves from x0 on {@code grid} along {@code brownian} (dimension m) and differentiates {@code loss}.
     *
     * @throws IllegalArgumentException when a length disagrees with the SDE, naming it
     * @throws IllegalStateException    when a state is not finite, naming the step
     */
    public static SolveGradient compute(GeneralParametricSde sde, double[] theta, double[] x0, SolveGrid grid,
            BrownianSource brownian, PathLoss loss) {
        int d = sde.stateDimension();
        int m = sde.noiseDimension();
        int p = sde.parameterCount();
        if (theta.length != p || x0.length != d || brownian.dimension() != m) {
            throw new IllegalArgumentException("general Euler–Maruyama backpropagation: θ has length " + theta.length
                    + ", x0 " + x0.length + ", the Brownian motion dimension " + brownian.dimension() + "; the SDE has p = "
                    + p + ", d = " + d + ", m = " + m);
        }
        int n = grid.steps();
        double[][] states = new double[n + 1][];
        states[0] = x0.clone();
        double[][] increments = new double[n][m];
        double[] f = new double[d];
        double[] g = new double[d * m];
        for (int s = 0; s < n; s++) {
            double t = grid.time(s);
            double h = grid.time(s + 1) - t;
            brownian.increment(t, grid.time(s + 1), increments[s]);
            sde.drift(t, states[s], theta, f);
            sde.diffusion(t, states[s], theta, g);
            double[] next = new double[d];
            for (int i = 0; i < d; i++) {
                double noise = 0;
                for (int k = 0; k < m; k++) {
                    noise += g[i * m + k] * increments[s][k];
                }
                next[i] = states[s][i] + f[i] * h + noise;
                if (!Double.isFinite(next[i])) {
                    throw new IllegalStateException("state became " + next[i] + " at step " + (s + 1) + " (t = "
                            + grid.time(s + 1) + ")");
                }
            }
            states[s + 1] = next;
        }
        int k = grid.savedCount();
        double[][] saved = new double[k][];
        for (int j = 0; j < k; j++) {
            saved[j] = states[grid.savedStep(j)].clone();
        }
        double[][] grads = new double[k][d];
        double value = loss.evaluate(saved, grads);
        double[] a = new double[d];
        double[] next = new double[d];
        double[] v = new double[d];
        double[] cotangent = new double[d * m];
        double[] dTheta = new double[p];
        int save = k - 1;
        for (int s = n; s >= 1; s--) {
            if (save >= 0 && grid.savedStep(save) == s) {
                for (int e = 0; e < d; e++) {
                    a[e] += grads[save][e];
                }
                save--;
            }
            double t = grid.time(s - 1);
            double h = grid.time(s) - t;
            System.arraycopy(a, 0, next, 0, d);
            for (int i = 0; i < d; i++) {
                v[i] = h * a[i];
                for (int q = 0; q < m; q++) {
                    cotangent[i * m + q] = a[i] * increments[s - 1][q];
                }
            }
            sde.driftVjp(t, states[s - 1], theta, v, next, dTheta);
            sde.diffusionVjp(t, states[s - 1], theta, cotangent, next, dTheta);
            System.arraycopy(next, 0, a, 0, d);
        }
        return new SolveGradient(value, dTheta, Arrays.copyOf(a, d), saved, (long) (n + 1) * d);
    }
}
