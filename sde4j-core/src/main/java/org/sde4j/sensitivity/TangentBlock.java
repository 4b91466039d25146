package org.sde4j.sensitivity;

import org.sde4j.gradient.ParametricSde;

/**
 * A block of B paths stepped together with their tangents, in structure-of-arrays layout:
 * {@code x[i·B + q]} is component i of path q and {@code tangent[(j·d + i)·B + q]} is {@code ∂X_i/∂u_j} of path q
 * for direction j, where the D = p + d directions are θ_0, …, θ_{p−1} and then x0_0, …, x0_{d−1}. With D = 0 it is a
 * plain solve (used by finite differences, which must see the very same floating-point steps).
 *
 * <p>Forward mode (pathwise tangent) for Euler–Maruyama, with J the Jacobians at the step's start:
 *
 * <pre>    T' = T + h (f_x T + f_θ) + diag(ΔW) (g_x T + g_θ)</pre>
 *
 * and for the derivative-free Milstein step the same plus
 * {@code diag(q) (g_x(Υ) Υ' + g_θ(Υ) − g_x T − g_θ)}, {@code Υ' = T + h (f_x T + f_θ) + √h (g_x T + g_θ)},
 * {@code q = (ΔW² − h)/(2√h)}.
 *
 * <p>Likelihood-ratio weights (Euler–Maruyama only, whose transition X_{n+1} | X_n is Gaussian, mean
 * {@code μ = X + f h}, standard deviation {@code g √h} per component). For any step n,
 * {@code ∂_u E φ(X_N) = E[φ(X_N) (S^comb_n + Σ_{k>n} S^dir_k)]}: pathwise up to X_n, the score of transition n in the
 * direction of the tangent (S^comb) and the score of the later transitions in θ at fixed states (S^dir), with
 *
 * <pre>
 *   S^comb_n = Σ_i ΔW_i μ'_i / (g_i h) + (g'_i / g_i)(ΔW_i²/h − 1),   μ' = T + h (f_x T + f_θ),  g' = g_x T + g_θ,
 *   S^dir_n  = the same with T = 0.
 * </pre>
 *
 * Every step gives an unbiased estimator of the discrete chain's derivative; this class averages them with weights
 * {@code c_n = h_n / (t_N − t_0)}, the discrete Bismut–Elworthy–Li weight (for x0 it is
 * {@code (1/T) ∫ (g⁻¹ Y) dW}: bounded variance as h → 0), so the estimator is {@code φ(X_N) Σ_n (c_n S^comb_n + C_n S^dir_n)}
 * with {@code C_n = Σ_{m<n} c_m}. For θ in the diffusion the S^dir terms make its variance grow like N; a window
 * of the last k steps ({@link #likelihoodRatioWindow}) trades them for S^comb terms whose variance grows like 1/(k h).
 *
 * <p>Γ by likelihood ratio on top of pathwise (d = 1, Euler–Maruyama): the first transition is written in terms of
 * X_1, so {@code ∂²_{x0} E φ = E[φ'(X_N) Y_N (∂J_0/J_0 + s_0)]} with {@code J_0 = 1 + f_x h + g_x ΔW_0},
 * {@code s_0 = ΔW_0 (1 + f_x h)/(g h) + (g_x/g)(ΔW_0²/h − 1)} and
 * {@code ∂J_0 = f_xx h + g_xx ΔW_0 − g_x (1 + f_x h)/g − g_x² ΔW_0 / g}, all at x0 (so the second derivatives
 * f_xx, g_xx are needed at the one deterministic point x0 only). Its variance grows like 1/h_0: a coarse first step
 * helps.
 *
 * <p>Thread-confined.
 */
final class TangentBlock implements PathBlock {
    private final ParametricSde sde;
    private final TangentScheme scheme;
    private final int d;
    private final int p;
    private final int directions;
    private final int block;
    private final boolean likelihoodRatio;
    final double[] x;
    final double[] tangent;
    /** LR weights times the horizon, {@code lr[j·B + q] = Σ_n (h_n S^comb_n + (t_n − t_0) S^dir_n)}; divide by t_N − t_0. */
    final double[] lr;
    /** Γ factor per path (d = 1), {@code ∂J_0/J_0 + s_0}. */
    final double[] gammaFactor;
    private final Jacobians at;
    private final Jacobians atUpsilon;
    private final double[] xs;
    private final double[] ys;
    private final double[] ts;
    private final double[] drift;
    private final double[] diffusion;
    private final double[] newTangent;
    private final double[] upsilonTangent;
    private final RunningCost running;
    /** The running cost's sum per path, and its derivative {@code runGradient[j·B + q]} (LR: score-weighted). */
    final double[] runValue;
    final double[] runGradient;
    private final double[] rx;
    private final double[] rt;
    /** The first step whose transition carries likelihood-ratio weight (0: all steps, the default). */
    private int windowStart;

    TangentBlock(ParametricSde sde, TangentScheme scheme, int block, boolean tangents, boolean likelihoodRatio,
            boolean gamma) {
        this(sde, scheme, block, tangents, likelihoodRatio, gamma, null);
    }

    TangentBlock(ParametricSde sde, TangentScheme scheme, int block, boolean tangents, boolean likelihoodRatio,
            boolean gamma, RunningCost running) {
        this.sde = sde;
        this.scheme = scheme;
        this.d = sde.stateDimension();
        this.p = sde.parameterCount();
        this.directions = tangents ? p + d : 0;
        this.block = block;
        this.likelihoodRatio = likelihoodRatio;
        this.x = new double[d * block];
        this.tangent = new double[directions * d * block];
        this.lr = likelihoodRatio ? new double[directions * block] : null;
        this.gammaFactor = gamma ? new double[block] : null;
        this.at = new Jacobians(d, p);
        this.atUpsilon = new Jacobians(d, p);
        this.xs = new double[d];
        this.ys = new double[d];
        this.ts = new double[directions * d];
        this.drift = new double[d];
        this.diffusion = new double[d];
        this.newTangent = new double[directions * d];
        this.upsilonTangent = new double[directions * d];
        this.running = running;
        this.runValue = running == null ? null : new double[block];
        this.runGradient = running == null ? null : new double[directions * block];
        this.rx = new double[d];
        this.rt = new double[p];
    }

    /**
     * Restricts the likelihood-ratio weights to the steps from {@code start} on: {@code c_n = h_n / (t_N − t_start)}
     * for n ≥ start, else 0 (start = N − 1 is "pathwise over every step but the last, likelihood ratio on the last").
     * The estimator stays unbiased for every start; the variance moves between the S^comb and S^dir terms.
     */
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

    /**
     * Solves {@code count} paths from x0 over {@code times} with the increments {@code dw[(n·d + i)·B + q]}.
     *
     * @param second {@code {f_xx(x0), g_xx(x0)}} for Γ (d = 1), else null
     */
    @Override
    public void solve(double[] theta, double[] x0, double[] times, double[] dw, int count, double[] second) {
        for (int q = 0; q < count; q++) {
            for (int i = 0; i < d; i++) {
                x[i * block + q] = x0[i];
            }
        }
        java.util.Arrays.fill(tangent, 0);
        for (int i = 0; i < d && directions > 0; i++) {
            java.util.Arrays.fill(tangent, ((p + i) * d + i) * block, ((p + i) * d + i) * block + count, 1.0);
        }
        if (lr != null) {
            java.util.Arrays.fill(lr, 0);
        }
        if (running != null) {
            java.util.Arrays.fill(runValue, 0);
            java.util.Arrays.fill(runGradient, 0);
        }
        int steps = times.length - 1;
        for (int n = 0; n < steps; n++) {
            double t = times[n];
            double h = times[n + 1] - t;
            for (int q = 0; q < count; q++) {
                step(n, q, t, h, n >= windowStart ? h : 0, n >= windowStart ? t - times[windowStart] : 0, theta, dw,
                        second);
                if (running != null) {
                    accumulateRunning(q, times[n + 1], h, times[n + 1] - times[0], theta);
                }
            }
        }
    }

    /**
     * Adds {@code h r(t_{n+1}, X_{n+1})} and its derivative: pathwise {@code h (∇r · T + ∂r/∂θ)}, or with likelihood
     * ratios {@code h (r W^{(n+1)} + ∂r/∂θ)}, {@code W^{(n+1)} = lr / (t_{n+1} − t_0)} the weight of the horizon t_{n+1}.
     */
    private void accumulateRunning(int q, double t, double h, double elapsed, double[] theta) {
        for (int i = 0; i < d; i++) {
            xs[i] = x[i * block + q];
        }
        double r = running.evaluate(t, xs, theta, rx, rt);
        runValue[q] += h * r;
        for (int j = 0; j < directions; j++) {
            double sum = j < p ? rt[j] : 0;
            if (lr != null) {
                sum += r * lr[j * block + q] / elapsed;
            } else {
                for (int i = 0; i < d; i++) {
                    sum += rx[i] * tangent[(j * d + i) * block + q];
                }
            }
            runGradient[j * block + q] += h * sum;
        }
    }

    /** One step of path q; split into small methods so that the JIT compiles (and inlines) each of them fully. */
    private void step(int n, int q, double t, double h, double c, double cumulative, double[] theta, double[] dw,
            double[] second) {
        gather(q);
        int base = n * d * block;
        if (directions == 0) {
            sde.drift(t, xs, theta, drift);
            sde.diffusion(t, xs, theta, diffusion);
        } else {
            at.evaluate(sde, t, xs, theta);
            System.arraycopy(at.f, 0, drift, 0, d);
            System.arraycopy(at.g, 0, diffusion, 0, d);
            tangentParts(h);
            if (likelihoodRatio) {
                accumulateWeights(q, h, c, cumulative, dw, base);
            }
            if (gammaFactor != null && n == 0) {
                gamma(q, h, dw[base + q], second);
            }
        }
        if (scheme == TangentScheme.EULER_MARUYAMA) {
            eulerUpdate(q, h, dw, base);
        } else {
            milsteinUpdate(q, t, h, theta, dw, base);
        }
    }

    private void gather(int q) {
        for (int i = 0; i < d; i++) {
            xs[i] = x[i * block + q];
        }
        for (int j = 0; j < directions; j++) {
            for (int i = 0; i < d; i++) {
                ts[j * d + i] = tangent[(j * d + i) * block + q];
            }
        }
    }

    /** {@code newTangent = T + h (f_x T + f_θ)} (also μ' of the LR weight), {@code upsilonTangent = g_x T + g_θ}. */
    private void tangentParts(double h) {
        for (int j = 0; j < directions; j++) {
            for (int i = 0; i < d; i++) {
                double fdot = j < p ? at.ft[i * p + j] : 0;
                double gdot = j < p ? at.gt[i * p + j] : 0;
                for (int k = 0; k < d; k++) {
                    fdot += at.fx[i * d + k] * ts[j * d + k];
                    gdot += at.gx[i * d + k] * ts[j * d + k];
                }
                newTangent[j * d + i] = ts[j * d + i] + h * fdot;
                upsilonTangent[j * d + i] = gdot;
            }
        }
    }

    private void gamma(int q, double h, double z, double[] second) {
        double g = at.g[0];
        double fx = at.fx[0];
        double gx = at.gx[0];
        double j0 = 1 + fx * h + gx * z;
        double s0 = z * (1 + fx * h) / (g * h) + gx / g * (z * z / h - 1);
        double dj0 = second[0] * h + second[1] * z - gx * (1 + fx * h) / g - gx * gx * z / g;
        gammaFactor[q] = dj0 / j0 + s0;
    }

    private void eulerUpdate(int q, double h, double[] dw, int base) {
        for (int i = 0; i < d; i++) {
            double z = dw[base + i * block + q];
            x[i * block + q] = xs[i] + drift[i] * h + diffusion[i] * z;
            for (int j = 0; j < directions; j++) {
                tangent[(j * d + i) * block + q] = newTangent[j * d + i] + z * upsilonTangent[j * d + i];
            }
        }
    }

    private void milsteinUpdate(int q, double t, double h, double[] theta, double[] dw, int base) {
        double root = Math.sqrt(h);
        for (int i = 0; i < d; i++) {
            ys[i] = xs[i] + drift[i] * h + diffusion[i] * root;
        }
        if (directions == 0) {
            sde.diffusion(t, ys, theta, atUpsilon.g);
        } else {
            atUpsilon.evaluate(sde, t, ys, theta);
        }
        double[] gUpsilon = atUpsilon.g;
        for (int i = 0; i < d; i++) {
            double z = dw[base + i * block + q];
            double qi = (z * z - h) / (2 * root);
            x[i * block + q] = xs[i] + drift[i] * h + diffusion[i] * z + (gUpsilon[i] - diffusion[i]) * qi;
            for (int j = 0; j < directions; j++) {
                double gdot = upsilonTangent[j * d + i];
                double gUpsilonDot = j < p ? atUpsilon.gt[i * p + j] : 0;
                for (int k = 0; k < d; k++) {
                    double yk = newTangent[j * d + k] + root * upsilonTangent[j * d + k];
                    gUpsilonDot += atUpsilon.gx[i * d + k] * yk;
                }
                tangent[(j * d + i) * block + q] = newTangent[j * d + i] + z * gdot + qi * (gUpsilonDot - gdot);
            }
        }
    }

    private void accumulateWeights(int q, double h, double c, double cumulative, double[] dw, int base) {
        for (int i = 0; i < d; i++) {
            double z = dw[base + i * block + q];
            double g = at.g[i];
            double a = z * z / h - 1;
            for (int j = 0; j < directions; j++) {
                double mu = newTangent[j * d + i];
                double comb = z * mu / (g * h) + upsilonTangent[j * d + i] / g * a;
                double direct = j < p ? z * at.ft[i * p + j] / g + at.gt[i * p + j] / g * a : 0;
                lr[j * block + q] += c * comb + cumulative * direct;
            }
        }
    }
}
