package org.sde4j.sensitivity;

import java.util.Arrays;
import org.sde4j.gradient.ParametricSde;

/**
 * Reverse mode for a block of B paths in structure-of-arrays layout: the forward pass stores the states
 * {@code X_n} of every path ({@code N·d·B} doubles, the size of the block's increments), the payoff's gradient
 * seeds the cotangent {@code a = ∂φ/∂X_N}, and the backward pass walks the steps from the end. For Euler–Maruyama
 * ({@code X' = X + f h + g ⊙ ΔW}):
 *
 * <pre>    a ← a + (∂f/∂x)ᵀ (h a) + (∂g/∂x)ᵀ (ΔW ⊙ a),    a_θ += (∂f/∂θ)ᵀ (h a) + (∂g/∂θ)ᵀ (ΔW ⊙ a)</pre>
 *
 * <p>and for the derivative-free Itô Milstein step ({@code Υ = X + f h + g√h}, {@code q = (ΔW² − h)/(2√h)}), with
 * {@code ῡ = (∂g/∂x(Υ))ᵀ (q ⊙ a)} (and its θ-part added to a_θ):
 *
 * <pre>    a ← a + ῡ + (∂f/∂x)ᵀ (h (a + ῡ)) + (∂g/∂x)ᵀ ((ΔW − q) ⊙ a + √h ῡ)</pre>
 *
 * <p>Two (EM) or three (Milstein) VJP calls per step and path, whatever p: the cost of all D = p + d sensitivities is
 * a constant times the solve. These are the same derivatives as {@link org.sde4j.gradient.Backpropagation} through
 * {@link org.sde4j.solver.scheme.EulerMaruyama} or {@link org.sde4j.solver.scheme.DerivativeFreeMilstein#ITO} (to
 * round-off), without
 * its per-path objects. A running cost adds {@code h ∇r(X_{n+1})} to a before step n is undone. Thread-confined.
 */
final class BlockAdjoint {
    private final ParametricSde sde;
    private final TangentScheme scheme;
    private final int d;
    private final int p;
    private final int block;
    private final RunningCost running;
    private double[] states;
    /** The cotangent {@code a[i·B + q]}: seeded with ∂φ/∂X_N, ∂/∂x0 after {@link #backward}. */
    final double[] a;
    /** {@code ∂/∂θ_j} per path, {@code gradTheta[j·B + q]}. */
    final double[] gradTheta;
    /** The running cost's sum per path. */
    final double[] runValue;
    private final double[] xs;
    private final double[] ys;
    private final double[] f;
    private final double[] g;
    private final double[] v;
    private final double[] w;
    private final double[] upsilonBar;
    private final double[] dx;
    private final double[] dt;
    private final double[] rx;
    private final double[] rt;

    BlockAdjoint(ParametricSde sde, TangentScheme scheme, int block, RunningCost running) {
        this.sde = sde;
        this.scheme = scheme;
        this.d = sde.stateDimension();
        this.p = sde.parameterCount();
        this.block = block;
        this.running = running;
        this.a = new double[d * block];
        this.gradTheta = new double[p * block];
        this.runValue = running == null ? null : new double[block];
        this.xs = new double[d];
        this.ys = new double[d];
        this.f = new double[d];
        this.g = new double[d];
        this.v = new double[d];
        this.w = new double[d];
        this.upsilonBar = new double[d];
        this.dx = new double[d];
        this.dt = new double[p];
        this.rx = new double[d];
        this.rt = new double[p];
    }

    /** The final state of path q, component i. */
    double finalState(int i, int q, int steps) {
        return states[(steps * d + i) * block + q];
    }

    /** Solves and stores the states {@code states[(n·d + i)·B + q]}, n = 0 … N. */
    void forward(double[] theta, double[] x0, double[] times, double[] dw, int count) {
        int steps = times.length - 1;
        int size = (steps + 1) * d * block;
        if (states == null || states.length != size) {
            states = new double[size];
        }
        for (int i = 0; i < d; i++) {
            Arrays.fill(states, i * block, i * block + count, x0[i]);
        }
        for (int n = 0; n < steps; n++) {
            double t = times[n];
            double h = times[n + 1] - t;
            double root = Math.sqrt(h);
            int from = n * d * block;
            int to = (n + 1) * d * block;
            for (int q = 0; q < count; q++) {
                for (int i = 0; i < d; i++) {
                    xs[i] = states[from + i * block + q];
                }
                sde.drift(t, xs, theta, f);
                sde.diffusion(t, xs, theta, g);
                if (scheme == TangentScheme.EULER_MARUYAMA) {
                    for (int i = 0; i < d; i++) {
                        states[to + i * block + q] = xs[i] + f[i] * h + g[i] * dw[from + i * block + q];
                    }
                } else {
                    for (int i = 0; i < d; i++) {
                        ys[i] = xs[i] + f[i] * h + g[i] * root;
                    }
                    sde.diffusion(t, ys, theta, w);
                    for (int i = 0; i < d; i++) {
                        double z = dw[from + i * block + q];
                        double qi = (z * z - h) / (2 * root);
                        states[to + i * block + q] = xs[i] + f[i] * h + g[i] * z + (w[i] - g[i]) * qi;
                    }
                }
            }
        }
    }

    /** Walks the steps back from the seeded cotangent a, leaving ∂/∂x0 in a and ∂/∂θ in gradTheta. */
    void backward(double[] theta, double[] times, double[] dw, int count) {
        int steps = times.length - 1;
        Arrays.fill(gradTheta, 0);
        if (running != null) {
            Arrays.fill(runValue, 0);
        }
        for (int n = steps - 1; n >= 0; n--) {
            double t = times[n];
            double h = times[n + 1] - t;
            double root = Math.sqrt(h);
            int from = n * d * block;
            for (int q = 0; q < count; q++) {
                if (running != null) {
                    addRunning(q, times[n + 1], h, (n + 1) * d * block, theta);
                }
                for (int i = 0; i < d; i++) {
                    xs[i] = states[from + i * block + q];
                }
                Arrays.fill(dt, 0);
                if (scheme == TangentScheme.EULER_MARUYAMA) {
                    for (int i = 0; i < d; i++) {
                        double ai = a[i * block + q];
                        dx[i] = ai;
                        v[i] = h * ai;
                        w[i] = dw[from + i * block + q] * ai;
                    }
                } else {
                    sde.drift(t, xs, theta, f);
                    sde.diffusion(t, xs, theta, g);
                    for (int i = 0; i < d; i++) {
                        ys[i] = xs[i] + f[i] * h + g[i] * root;
                        double z = dw[from + i * block + q];
                        w[i] = (z * z - h) / (2 * root) * a[i * block + q];
                    }
                    Arrays.fill(upsilonBar, 0);
                    sde.diffusionVjp(t, ys, theta, w, upsilonBar, dt);
                    for (int i = 0; i < d; i++) {
                        double ai = a[i * block + q];
                        double z = dw[from + i * block + q];
                        double qi = (z * z - h) / (2 * root);
                        dx[i] = ai + upsilonBar[i];
                        v[i] = h * (ai + upsilonBar[i]);
                        w[i] = (z - qi) * ai + root * upsilonBar[i];
                    }
                }
                sde.driftVjp(t, xs, theta, v, dx, dt);
                sde.diffusionVjp(t, xs, theta, w, dx, dt);
                for (int i = 0; i < d; i++) {
                    a[i * block + q] = dx[i];
                }
                for (int j = 0; j < p; j++) {
                    gradTheta[j * block + q] += dt[j];
                }
            }
        }
    }

    private void addRunning(int q, double t, double h, int offset, double[] theta) {
        for (int i = 0; i < d; i++) {
            xs[i] = states[offset + i * block + q];
        }
        double r = running.evaluate(t, xs, theta, rx, rt);
        runValue[q] += h * r;
        for (int i = 0; i < d; i++) {
            a[i * block + q] += h * rx[i];
        }
        for (int j = 0; j < p; j++) {
            gradTheta[j * block + q] += h * rt[j];
        }
    }
}
