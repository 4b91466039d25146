package org.sde4j.brownian;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.sde.Require;

/**
 * Samples the iterated Itô integrals {@code I_jk = ∫_s^t (W_j(u) − W_j(s)) dW_k(u)} of m Brownian
 * motions over one step, given the increments ΔW, by a {@link LevyAreaMethod} with n Fourier terms:
 *
 * <pre>    I_jj = (ΔW_j² − h)/2,    I_jk = ΔW_j ΔW_k / 2 + A_jk  (j ≠ k),</pre>
 *
 * <p>so that {@code I + Iᵀ = ΔW ΔWᵀ − h·Id} holds exactly. Workspace allocated once: thread-confined,
 * allocation-free per sample. Draws per sample: 2mn normals, plus m (KPW) or m(m−1)/2 (Wiktorsson).
 */
public final class LevyAreaSampler {
    private final int m;
    private final int pairs;
    private final LevyAreaMethod method;
    private final int terms;
    private final double tailSum;
    private final double[] zeta;
    private final double[] eta;
    private final double[] area;
    private final double[] sigma;
    private final double[] gauss;

    /**
     * @param m      number of Brownian motions, at least 2
     * @param method KPW or Wiktorsson
     * @param terms  Fourier terms n, at least 1
     */
    public LevyAreaSampler(int m, LevyAreaMethod method, int terms) {
        if (m < 2) {
            throw new IllegalArgumentException("m = " + m + ": Lévy areas need at least 2 Brownian motions");
        }
        this.m = m;
        this.pairs = m * (m - 1) / 2;
        this.method = Require.nonNull("method", method);
        this.terms = Require.positive("terms", terms);
        double partial = 0;
        for (int r = 1; r <= terms; r++) {
            partial += 1.0 / ((double) r * r);
        }
        this.tailSum = Math.max(0, Math.PI * Math.PI / 6 - partial);
        this.zeta = new double[m];
        this.eta = new double[m];
        this.area = new double[pairs];
        this.sigma = method == LevyAreaMethod.WIKTORSSON ? new double[pairs * pairs] : null;
        this.gauss = new double[Math.max(m, pairs)];
    }

    /** The number of Fourier terms n. */
    public int terms() {
        return terms;
    }

    /** The method. */
    public LevyAreaMethod method() {
        return method;
    }

    /**
     * Writes the iterated Itô integrals of a step.
     *
     * @param h         step size
     * @param dw        increments ΔW, length m (not modified)
     * @param normal    N(0, 1) draws (consumed)
     * @param integrals {@code I_jk} at {@code j·m + k}, length m² (modified)
     */
    public void sample(double h, double[] dw, ContinuousSampler normal, double[] integrals) {
        java.util.Arrays.fill(area, 0.0);
        double scale = Math.sqrt(2 / h);
        for (int r = 1; r <= terms; r++) {
            for (int j = 0; j < m; j++) {
                zeta[j] = normal.sample();
                eta[j] = normal.sample() + scale * dw[j];
            }
            double c = 1.0 / r;
            int p = 0;
            for (int j = 0; j < m; j++) {
                for (int k = j + 1; k < m; k++) {
                    area[p++] += c * (zeta[j] * eta[k] - zeta[k] * eta[j]);
                }
            }
        }
        double factor = h / (2 * Math.PI);
        for (int p = 0; p < pairs; p++) {
            area[p] *= factor;
        }
        if (method == LevyAreaMethod.KPW) {
            addKpwTail(h, dw, normal);
        } else {
            addWiktorssonTail(h, dw, normal);
        }
        int p = 0;
        for (int j = 0; j < m; j++) {
            integrals[j * m + j] = 0.5 * (dw[j] * dw[j] - h);
            for (int k = j + 1; k < m; k++) {
                double sym = 0.5 * dw[j] * dw[k];
                integrals[j * m + k] = sym + area[p];
                integrals[k * m + j] = sym - area[p];
                p++;
            }
        }
    }

    /** √(h ρ_n)(μ_j ΔW_k − μ_k ΔW_j), ρ_n = a_n/(2π²). */
    private void addKpwTail(double h, double[] dw, ContinuousSampler normal) {
        double c = Math.sqrt(h * tailSum / (2 * Math.PI * Math.PI));
        for (int j = 0; j < m; j++) {
            gauss[j] = normal.sample();
        }
        int p = 0;
        for (int j = 0; j < m; j++) {
            for (int k = j + 1; k < m; k++) {
                area[p++] += c * (gauss[j] * dw[k] - gauss[k] * dw[j]);
            }
        }
    }

    /** (h/2π) √a_n · √Σ∞ · G, with the closed-form square root of Σ∞. */
    private void addWiktorssonTail(double h, double[] dw, ContinuousSampler normal) {
        double norm2 = 0;
        for (int j = 0; j < m; j++) {
            norm2 += dw[j] * dw[j];
        }
        double gamma = Math.sqrt(1 + norm2 / h);
        // Σ∞[(i,j),(k,l)] = 2δ + (2/h)(δ_ik w_j w_l − δ_il w_j w_k − δ_jk w_i w_l + δ_jl w_i w_k), pairs i<j, k<l;
        // stored directly as (Σ∞ + 2γ I)/(√2(1 + γ)).
        double denominator = Math.sqrt(2) * (1 + gamma);
        int p = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                int q = 0;
                for (int k = 0; k < m; k++) {
                    for (int l = k + 1; l < m; l++) {
                        double s = 0;
                        if (i == k) {
                            s += dw[j] * dw[l];
                        }
                        if (i == l) {
                            s -= dw[j] * dw[k];
                        }
                        if (j == k) {
                            s -= dw[i] * dw[l];
                        }
                        if (j == l) {
                            s += dw[i] * dw[k];
                        }
                        s *= 2 / h;
                        if (p == q) {
                            s += 2 + 2 * gamma;
                        }
                        sigma[p * pairs + q] = s / denominator;
                        q++;
                    }
                }
                p++;
            }
        }
        for (int q = 0; q < pairs; q++) {
            gauss[q] = normal.sample();
        }
        double c = h / (2 * Math.PI) * Math.sqrt(tailSum);
        for (int a = 0; a < pairs; a++) {
            double s = 0;
            for (int b = 0; b < pairs; b++) {
                s += sigma[a * pairs + b] * gauss[b];
            }
            area[a] += c * s;
        }
    }

    /**
     * The matrix Σ∞ of Wiktorsson's tail covariance for increments {@code dw} (pairs j &lt; k in
     * lexicographic order), for tests of its closed-form square root.
     */
    static double[] tailCovariance(int m, double h, double[] dw) {
        int pairs = m * (m - 1) / 2;
        double[] result = new double[pairs * pairs];
        int p = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                int q = 0;
                for (int k = 0; k < m; k++) {
                    for (int l = k + 1; l < m; l++) {
                        double s = (i == k ? dw[j] * dw[l] : 0) - (i == l ? dw[j] * dw[k] : 0)
                                - (j == k ? dw[i] * dw[l] : 0) + (j == l ? dw[i] * dw[k] : 0);
                        result[p * pairs + q] = 2 * s / h + (p == q ? 2 : 0);
                        q++;
                    }
                }
                p++;
            }
        }
        return result;
    }

    /** The closed-form √Σ∞ used by {@link #sample}, for tests. */
    double[] tailCovarianceRoot(double h, double[] dw) {
        // Runs the tail code path itself with a sampler of zeros, so the matrix under test is the one used.
        java.util.Arrays.fill(area, 0.0);
        addWiktorssonTail(h, dw, () -> 0.0);
        return sigma.clone();
    }
}
