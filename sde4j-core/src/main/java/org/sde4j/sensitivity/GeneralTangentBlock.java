package org.sde4j.sensitivity;

import java.util.Arrays;

/**
 * {@link PathBlock} for a {@link GeneralParametricSde} stepped by Euler–Maruyama, {@code X' = X + f h + G ΔW}, with
 * the tangent {@code T' = T + h (f_x T + f_θ) + Σ_k ΔW_k (∂G_{·k}/∂x T + ∂G_{·k}/∂θ)}. The Jacobians come from the
 * SDE's VJPs with unit cotangents (d for f, d·m for G).
 *
 * <p>Likelihood ratio (m = d, G invertible): the Euler transition has the density of N(X + f h, G Gᵀ h), whose score
 * along a perturbation (μ', G') of its mean and diffusion is, with {@code a = G⁻ᵀ ΔW / h},
 *
 * <pre>
 *   S = aᵀ μ' + Σ_ik (a_i ΔW_k − (G⁻ᵀ)_ik) G'_ik       (the diagonal case: ΔW μ'/(g h) + (g'/g)(ΔW²/h − 1)).
 * </pre>
 *
 * The weights are those of {@link TangentBlock}: S^comb with {@code μ' = T + h (f_x T + f_θ)}, {@code G' = G_x T + G_θ},
 * S^dir with T = 0, combined as {@code Σ_n (c_n S^comb_n + C_n S^dir_n)} (discrete Bismut–Elworthy–Li). A singular G
 * (Heston at zero variance) has no density: the run stops with a message. Thread-confined.
 */
final class GeneralTangentBlock implements PathBlock {
    private final GeneralParametricSde sde;
    private final int d;
    private final int m;
    private final int p;
    private final int directions;
    private final int block;
    private final double[] x;
    private final double[] tangent;
    private final RunningCost running;
    private final double[] runValue;
    private final double[] runGradient;
    private final double[] xs;
    private final double[] f;
    private final double[] g;
    private final double[] fx;
    private final double[] ft;
    private final double[] gx;
    private final double[] gt;
    private final double[] unit;
    private final double[] unitG;
    private final double[] rowX;
    private final double[] rowT;
    private final double[] ts;
    private final double[] rx;
    private final double[] rt;
    /** LR weights times the horizon (as {@link TangentBlock#lr}), or null. */
    final double[] lr;
    private final double[] inverse;
    private final double[] a;
    private int windowStart;

    GeneralTangentBlock(GeneralParametricSde sde, int block, boolean tangents, RunningCost running) {
        this(sde, block, tangents, false, running);
    }

    GeneralTangentBlock(GeneralParametricSde sde, int block, boolean tangents, boolean likelihoodRatio,
            RunningCost running) {
        this.sde = sde;
        this.d = sde.stateDimension();
        this.m = sde.noiseDimension();
        this.p = sde.parameterCount();
        this.directions = tangents ? p + d : 0;
        this.block = block;
        this.x = new double[d * block];
        this.tangent = new double[directions * d * block];
        this.running = running;
        this.runValue = running == null ? null : new double[block];
        this.runGradient = running == null ? null : new double[directions * block];
        this.xs = new double[d];
        this.f = new double[d];
        this.g = new double[d * m];
        this.fx = new double[d * d];
        this.ft = new double[d * p];
        this.gx = new double[d * m * d];
        this.gt = new double[d * m * p];
        this.unit = new double[d];
        this.unitG = new double[d * m];
        this.rowX = new double[d];
        this.rowT = new double[p];
        this.ts = new double[directions * d];
        this.rx = new double[d];
        this.rt = new double[p];
        if (likelihoodRatio && m != d) {
            throw new IllegalArgumentException("likelihood ratio: the diffusion is " + d + " x " + m + "; the Euler"
                    + " transition has a density only for a square (d = m), invertible diffusion");
        }
        this.lr = likelihoodRatio ? new double[directions * block] : null;
        this.inverse = likelihoodRatio ? new double[d * d] : null;
        this.a = likelihoodRatio ? new double[d] : null;
    }

    /** Likelihood-ratio weights on the steps from {@code start} on (0: all). */
    void likelihoodRatioWindow(int start) {
        this.windowStart = start;
    }

    @Override
    public double[] x() {
        return x;
    }

    @Override
    public double[] tangent() {
        return tangent;
    }

    @Override
    public double[] runValue() {
        return runValue;
    }

    @Override
    public double[] runGradient() {
        return runGradient;
    }

    @Override
    public void solve(double[] theta, double[] x0, double[] times, double[] dw, int count, double[] second) {
        for (int q = 0; q < count; q++) {
            for (int i = 0; i < d; i++) {
                x[i * block + q] = x0[i];
            }
        }
        Arrays.fill(tangent, 0);
        for (int i = 0; i < d && directions > 0; i++) {
            Arrays.fill(tangent, ((p + i) * d + i) * block, ((p + i) * d + i) * block + count, 1.0);
        }
        if (running != null) {
            Arrays.fill(runValue, 0);
            Arrays.fill(runGradient, 0);
        }
        if (lr != null) {
            Arrays.fill(lr, 0);
            if (running != null) {
                throw new IllegalArgumentException("running cost: the likelihood ratio with general noise weighs the"
                        + " payoff only");
            }
        }
        for (int n = 0; n + 1 < times.length; n++) {
            double t = times[n];
            double h = times[n + 1] - t;
            weight = n >= windowStart ? h : 0;
            cumulative = n >= windowStart ? t - times[windowStart] : 0;
            for (int q = 0; q < count; q++) {
                step(q, t, h, theta, dw, n * m * block);
                if (running != null) {
                    accumulateRunning(q, times[n + 1], h, theta);
                }
            }
        }
    }

    /** c_n and C_n of the step being taken (likelihood ratio). */
    private double weight;
    private double cumulative;

    private void jacobians(double t, double[] theta) {
        for (int i = 0; i < d; i++) {
            unit[i] = 1;
            Arrays.fill(rowX, 0);
            Arrays.fill(rowT, 0);
            sde.driftVjp(t, xs, theta, unit, rowX, rowT);
            System.arraycopy(rowX, 0, fx, i * d, d);
            System.arraycopy(rowT, 0, ft, i * p, p);
            unit[i] = 0;
        }
        for (int e = 0; e < d * m; e++) {
            unitG[e] = 1;
            Arrays.fill(rowX, 0);
            Arrays.fill(rowT, 0);
            sde.diffusionVjp(t, xs, theta, unitG, rowX, rowT);
            System.arraycopy(rowX, 0, gx, e * d, d);
            System.arraycopy(rowT, 0, gt, e * p, p);
            unitG[e] = 0;
        }
    }

    private void step(int q, double t, double h, double[] theta, double[] dw, int base) {
        for (int i = 0; i < d; i++) {
            xs[i] = x[i * block + q];
        }
        sde.drift(t, xs, theta, f);
        sde.diffusion(t, xs, theta, g);
        if (directions > 0) {
            jacobians(t, theta);
            if (lr != null) {
                scoreFactors(t, h, dw, base, q);
            }
            tangentStep(q, h, dw, base);
        }
        for (int i = 0; i < d; i++) {
            double noise = 0;
            for (int k = 0; k < m; k++) {
                noise += g[i * m + k] * dw[base + k * block + q];
            }
            x[i * block + q] = xs[i] + f[i] * h + noise;
        }
    }

    /** The tangent update of path q (a method of its own, small enough for the JIT to compile on its own). */
    private void tangentStep(int q, double h, double[] dw, int base) {
        for (int j = 0; j < directions; j++) {
            for (int i = 0; i < d; i++) {
                ts[j * d + i] = tangent[(j * d + i) * block + q];
            }
        }
        for (int j = 0; j < directions; j++) {
            for (int i = 0; i < d; i++) {
                double fdot = j < p ? ft[i * p + j] : 0;
                for (int l = 0; l < d; l++) {
                    fdot += fx[i * d + l] * ts[j * d + l];
                }
                double noise = 0;
                for (int k = 0; k < m; k++) {
                    int e = i * m + k;
                    double gdot = j < p ? gt[e * p + j] : 0;
                    for (int l = 0; l < d; l++) {
                        gdot += gx[e * d + l] * ts[j * d + l];
                    }
                    noise += gdot * dw[base + k * block + q];
                }
                tangent[(j * d + i) * block + q] = ts[j * d + i] + h * fdot + noise;
            }
        }
        if (lr != null) {
            accumulateWeights(q, h, dw, base);
        }
    }

    /** {@code inverse = G⁻¹} (Gauss–Jordan, partial pivoting) and {@code a = G⁻ᵀ ΔW / h} at the current state. */
    private void scoreFactors(double t, double h, double[] dw, int base, int q) {
        double[] work = g.clone();
        Arrays.fill(inverse, 0);
        for (int i = 0; i < d; i++) {
            inverse[i * d + i] = 1;
        }
        double scale = 0;
        for (double v : g) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int c = 0; c < d; c++) {
            int pivot = c;
            for (int r = c + 1; r < d; r++) {
                if (Math.abs(work[r * d + c]) > Math.abs(work[pivot * d + c])) {
                    pivot = r;
                }
            }
            if (!(Math.abs(work[pivot * d + c]) > 1e-12 * scale)) {
                throw new IllegalStateException("likelihood ratio: the diffusion G is singular at t = " + t + ", x = "
                        + Arrays.toString(xs) + ": the Euler transition has no density there (Heston at zero variance"
                        + " has none); use the pathwise, adjoint or finite-difference method");
            }
            swapRows(work, c, pivot);
            swapRows(inverse, c, pivot);
            for (int r = 0; r < d; r++) {
                if (r != c) {
                    double f = work[r * d + c] / work[c * d + c];
                    for (int k = 0; k < d; k++) {
                        work[r * d + k] -= f * work[c * d + k];
                        inverse[r * d + k] -= f * inverse[c * d + k];
                    }
                }
            }
        }
        for (int r = 0; r < d; r++) {
            double pivot = work[r * d + r];
            for (int k = 0; k < d; k++) {
                inverse[r * d + k] /= pivot;
            }
        }
        for (int i = 0; i < d; i++) {
            double sum = 0;
            for (int k = 0; k < d; k++) {
                sum += inverse[k * d + i] * dw[base + k * block + q];
            }
            a[i] = sum / h;
        }
    }

    private void swapRows(double[] matrix, int r1, int r2) {
        if (r1 != r2) {
            for (int k = 0; k < d; k++) {
                double tmp = matrix[r1 * d + k];
                matrix[r1 * d + k] = matrix[r2 * d + k];
                matrix[r2 * d + k] = tmp;
            }
        }
    }

    /**
     * Adds {@code c_n S^comb + C_n S^dir} for every direction: {@code S = aᵀ μ' + Σ_ik (a_i ΔW_k − (G⁻¹)_ki) G'_ik},
     * with the tangent before the step in {@code ts}.
     */
    private void accumulateWeights(int q, double h, double[] dw, int base) {
        for (int j = 0; j < directions; j++) {
            double comb = 0;
            double direct = 0;
            for (int i = 0; i < d; i++) {
                double fdot = j < p ? ft[i * p + j] : 0;
                for (int l = 0; l < d; l++) {
                    fdot += fx[i * d + l] * ts[j * d + l];
                }
                comb += a[i] * (ts[j * d + i] + h * fdot);
                direct += j < p ? a[i] * h * ft[i * p + j] : 0;
                for (int k = 0; k < m; k++) {
                    int e = i * m + k;
                    double factor = a[i] * dw[base + k * block + q] - inverse[k * d + i];
                    double gTheta = j < p ? gt[e * p + j] : 0;
                    double gdot = gTheta;
                    for (int l = 0; l < d; l++) {
                        gdot += gx[e * d + l] * ts[j * d + l];
                    }
                    comb += factor * gdot;
                    direct += factor * gTheta;
                }
            }
            lr[j * block + q] += weight * comb + cumulative * direct;
        }
    }

    private void accumulateRunning(int q, double t, double h, double[] theta) {
        for (int i = 0; i < d; i++) {
            xs[i] = x[i * block + q];
        }
        double r = running.evaluate(t, xs, theta, rx, rt);
        runValue[q] += h * r;
        for (int j = 0; j < directions; j++) {
            double sum = j < p ? rt[j] : 0;
            for (int i = 0; i < d; i++) {
                sum += rx[i] * tangent[(j * d + i) * block + q];
            }
            runGradient[j * block + q] += h * sum;
        }
    }
}
