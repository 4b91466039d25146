package org.sde4j.sensitivity;

import java.util.Arrays;

/**
 * Block reverse mode for a {@link GeneralParametricSde} stepped by Euler–Maruyama, in structure-of-arrays layout:
 * the forward pass stores the states of the block's paths, the payoff's gradient seeds a, and each step back is
 *
 * <pre>    a ← a + (∂f/∂x)ᵀ (h a) + Σ_ik (a_i ΔW_k) ∂G_ik/∂x,    a_θ += (∂f/∂θ)ᵀ (h a) + Σ_ik (a_i ΔW_k) ∂G_ik/∂θ</pre>
 *
 * <p>(two VJP calls per step and path whatever p, d and m): the derivative of
 * {@link GeneralEulerBackpropagation} without its per-path arrays. A running cost adds {@code h ∇r(X_{n+1})} to a
 * before step n is undone. Thread-confined.
 */
final class GeneralBlockAdjoint {
    private final GeneralParametricSde sde;
    private final int d;
    private final int m;
    private final int p;
    private final int block;
    private final RunningCost running;
    private double[] states;
    final double[] a;
    final double[] gradTheta;
    final double[] runValue;
    private final double[] xs;
    private final double[] f;
    private final double[] g;
    private final double[] v;
    private final double[] cotangent;
    private final double[] dx;
    private final double[] dt;
    private final double[] rx;
    private final double[] rt;

    GeneralBlockAdjoint(GeneralParametricSde sde, int block, RunningCost running) {
        this.sde = sde;
        this.d = sde.stateDimension();
        this.m = sde.noiseDimension();
        this.p = sde.parameterCount();
        this.block = block;
        this.running = running;
        this.a = new double[d * block];
        this.gradTheta = new double[p * block];
        this.runValue = running == null ? null : new double[block];
        this.xs = new double[d];
        this.f = new double[d];
        this.g = new double[d * m];
        this.v = new double[d];
        this.cotangent = new double[d * m];
        this.dx = new double[d];
        this.dt = new double[p];
        this.rx = new double[d];
        this.rt = new double[p];
    }

    double finalState(int i, int q, int steps) {
        return states[(steps * d + i) * block + q];
    }

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
            for (int q = 0; q < count; q++) {
                forwardStep(q, n, t, h, theta, dw);
            }
        }
    }

    private void forwardStep(int q, int n, double t, double h, double[] theta, double[] dw) {
        int from = n * d * block;
        int to = from + d * block;
        int noise = n * m * block;
        for (int i = 0; i < d; i++) {
            xs[i] = states[from + i * block + q];
        }
        sde.drift(t, xs, theta, f);
        sde.diffusion(t, xs, theta, g);
        for (int i = 0; i < d; i++) {
            double sum = 0;
            for (int k = 0; k < m; k++) {
                sum += g[i * m + k] * dw[noise + k * block + q];
            }
            states[to + i * block + q] = xs[i] + f[i] * h + sum;
        }
    }

    void backward(double[] theta, double[] times, double[] dw, int count) {
        int steps = times.length - 1;
        Arrays.fill(gradTheta, 0);
        if (running != null) {
            Arrays.fill(runValue, 0);
        }
        for (int n = steps - 1; n >= 0; n--) {
            double t = times[n];
            double h = times[n + 1] - t;
            for (int q = 0; q < count; q++) {
                if (running != null) {
                    addRunning(q, times[n + 1], h, (n + 1) * d * block, theta);
                }
                backwardStep(q, n, t, h, theta, dw);
            }
        }
    }

    private void backwardStep(int q, int n, double t, double h, double[] theta, double[] dw) {
        int from = n * d * block;
        int noise = n * m * block;
        for (int i = 0; i < d; i++) {
            xs[i] = states[from + i * block + q];
            double ai = a[i * block + q];
            dx[i] = ai;
            v[i] = h * ai;
            for (int k = 0; k < m; k++) {
                cotangent[i * m + k] = ai * dw[noise + k * block + q];
            }
        }
        Arrays.fill(dt, 0);
        sde.driftVjp(t, xs, theta, v, dx, dt);
        sde.diffusionVjp(t, xs, theta, cotangent, dx, dt);
        for (int i = 0; i < d; i++) {
            a[i * block + q] = dx[i];
        }
        for (int j = 0; j < p; j++) {
            gradTheta[j * block + q] += dt[j];
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
