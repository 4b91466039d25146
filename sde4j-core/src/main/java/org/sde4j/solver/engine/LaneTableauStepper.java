package org.sde4j.solver.engine;

import org.sde4j.sde.ScalarFunction;
import org.sde4j.sde.Sde;
import org.sde4j.solver.scheme.RungeKuttaScheme;
import org.sde4j.solver.tableau.NoiseTerm;
import org.sde4j.solver.tableau.StochasticTableau;
import org.sde4j.solver.tableau.TableauPlan;

/**
 * A stochastic tableau stepping a block of lanes, each with its own time {@code t_q} and step {@code h_q}, in
 * structure-of-arrays layout (component k of lane q at {@code [k][q]}, one row per component): the stepper of
 * {@link BlockAdaptiveSolver}. For one noise channel or diagonal noise (a diffusion vector):
 *
 * <pre>
 *   ξ_r     = NoiseTerm r of (ΔW_q, h_q, H_q)                                 per lane and noise component
 *   H_i     = X + Σ_{j&lt;i} (a_ij h_q) f_j + Σ_{j&lt;i} Σ_r b^r_ij g_j ξ_r
 *   X_{n+1} = X + Σ_i (α_i h_q) f_i + Σ_i Σ_r β^r_i g_i ξ_r
 *   E       = δ |h_q Σ_i ŵ_i f_i| + |Σ_i Σ_r ŵ^r_i g_i ξ_r|                   (embedded estimate, δ = 1/6)
 * </pre>
 *
 * <p>with {@code f_i = f(t_q + c_i h_q, H_i)}. Every lane goes through the operations of the generic per-path step
 * ({@link RungeKuttaScheme#tableauStepper}) in the same order and with the same rounding — the loops only run over
 * the lanes inside each operation — so each lane's result has the per-path step's bits (Java's floating point is
 * strict, and the JIT's vector instructions round each lane as its scalar code would). The user's drift and
 * diffusion are called lane by lane at the lane's own time: through the scalar function when the SDE is scalar
 * ({@link Sde#pathwiseScalarDrift()}), else through the per-path form with a gathered state.
 *
 * <p>Why rows: every loop over the lanes reads and writes whole rows at the same index q, the form the JIT (JDK 17)
 * turns into vector instructions; a flat array indexed {@code k · stride + q} beside a per-lane array indexed q
 * stays scalar.
 */
final class LaneTableauStepper {
    private final Sde sde;
    private final int d;
    private final int m;
    private final TableauPlan plan;
    private final NoiseTerm[] terms;
    private final boolean scalarPath;
    private final boolean scalarNoise;
    private final ScalarFunction scalarDrift;
    private final ScalarFunction scalarDiffusion;
    /** Drift, diffusion and stage value of stage i, component k, lane q: {@code [i][k][q]}. */
    private final double[][][] f;
    private final double[][][] g;
    private final double[][][] stage;
    /** Noise term r of channel j, lane q: {@code [r][j][q]}. */
    private final double[][][] xi;
    private final double[] sqrtH;
    private final double[] sum;
    private final double[] ti;
    private final double[] e1;
    private final double[] e2;
    private final double[] e3;
    private final double[] in;
    private final double[] out;
    private final double[] errorDrift;
    private final double[][] errorNoise;
    private final double[] errorUnseen;

    /**
     * @param lanes the number of lanes the rows hold
     * @throws IllegalArgumentException when the SDE has no diffusion vector (general noise)
     */
    LaneTableauStepper(Sde sde, StochasticTableau tableau, int lanes) {
        if (!sde.hasDiffusionVector()) {
            throw new IllegalArgumentException("the block-adaptive engine needs one noise channel or diagonal noise");
        }
        this.sde = sde;
        this.d = sde.stateDimension();
        this.m = sde.noiseDimension();
        this.plan = tableau.plan();
        this.terms = plan.terms;
        this.scalarNoise = m == 1;
        this.scalarPath = d == 1 && m == 1;
        this.scalarDrift = scalarPath ? sde.pathwiseScalarDrift() : null;
        this.scalarDiffusion = scalarPath ? sde.pathwiseScalarDiffusion() : null;
        int s = plan.s;
        this.f = new double[s][d][lanes];
        this.g = new double[s][d][lanes];
        this.stage = new double[s][d][lanes];
        this.xi = new double[terms.length][m][lanes];
        this.sqrtH = new double[lanes];
        this.sum = new double[lanes];
        this.ti = new double[lanes];
        this.e1 = new double[lanes];
        this.e2 = new double[lanes];
        this.e3 = new double[lanes];
        this.in = new double[d];
        this.out = new double[d];
        if (tableau.hasErrorEstimate()) {
            errorDrift = new double[s];
            errorNoise = new double[s][terms.length];
            errorUnseen = new double[s];
            for (int i = 0; i < s; i++) {
                errorDrift[i] = tableau.errorDrift(i);
                errorUnseen[i] = tableau.errorUnseen(i);
                for (int r = 0; r < terms.length; r++) {
                    errorNoise[i][r] = tableau.errorNoise(terms[r], i);
                }
            }
        } else {
            errorDrift = null;
            errorNoise = null;
            errorUnseen = null;
        }
    }

    /** Whether the tableau carries an embedded error estimate ({@link #lastError}). */
    boolean hasErrorEstimate() {
        return errorDrift != null;
    }

    /**
     * Steps lanes {@code q < count} in place: lane q of {@code x[k][q]} from {@code t[q]} by {@code h[q]} with
     * increments {@code dw[j][q]} and, when the tableau needs them, space-time Lévy areas {@code area[j][q]}.
     */
    void step(double[] t, double[] h, double[][] x, double[][] dw, double[][] area, int count) {
        for (int q = 0; q < count; q++) {
            sqrtH[q] = Math.sqrt(h[q]);
        }
        for (int r = 0; r < terms.length; r++) {
            for (int j = 0; j < m; j++) {
                terms[r].fillLanes(xi[r][j], dw[j], area == null ? null : area[j], h, sqrtH, count);
            }
        }
        if (scalarPath) {
            stepScalar(t, h, x[0], count);
            return;
        }
        for (int i = 0; i < plan.s; i++) {
            double[][] hi = stage[i];
            for (int k = 0; k < d; k++) {
                System.arraycopy(x[k], 0, hi[k], 0, count);
            }
            accumulate(hi, i, h, count);
            times(t, h, i, count);
            if (plan.drift[i]) {
                evaluate(hi, f[i], true, count);
            }
            if (plan.anyDiffusion[i]) {
                evaluate(hi, g[i], false, count);
            }
        }
        accumulate(x, plan.s, h, count);
    }

    /** d = m = 1: stage values {@code X + (Σ terms)}, the sum formed first, as the per-path scalar step does. */
    private void stepScalar(double[] t, double[] h, double[] x, int count) {
        for (int i = 0; i < plan.s; i++) {
            double[] point = stage[i][0];
            increment(i, h, count);
            for (int q = 0; q < count; q++) {
                point[q] = x[q] + sum[q];
            }
            times(t, h, i, count);
            if (plan.drift[i]) {
                evaluateScalar(scalarDrift, stage[i], f[i], true, count);
            }
            if (plan.anyDiffusion[i]) {
                evaluateScalar(scalarDiffusion, stage[i], g[i], false, count);
            }
        }
        increment(plan.s, h, count);
        for (int q = 0; q < count; q++) {
            x[q] = x[q] + sum[q];
        }
    }

    private void times(double[] t, double[] h, int i, int count) {
        double c = plan.c[i];
        for (int q = 0; q < count; q++) {
            ti[q] = t[q] + c * h[q];
        }
    }

    /** {@code sum = Σ (a h) f_j + Σ (b g_j) ξ_r} over the sources of {@code index}, for d = m = 1. */
    private void increment(int index, double[] h, int count) {
        java.util.Arrays.fill(sum, 0, count, 0.0);
        int[] from = plan.driftFrom[index];
        double[] coefficient = plan.driftCoefficient[index];
        for (int n = 0; n < from.length; n++) {
            double a = coefficient[n];
            double[] fj = f[from[n]][0];
            for (int q = 0; q < count; q++) {
                sum[q] += a * h[q] * fj[q];
            }
        }
        int[] gFrom = plan.diffusionFrom[index];
        int[] gTerm = plan.diffusionTerm[index];
        double[] gCoefficient = plan.diffusionCoefficient[index];
        for (int n = 0; n < gFrom.length; n++) {
            double b = gCoefficient[n];
            double[] gj = g[gFrom[n]][0];
            double[] xr = xi[gTerm[n]][0];
            for (int q = 0; q < count; q++) {
                sum[q] += b * gj[q] * xr[q];
            }
        }
    }

    /** {@code target += (a h) f_j} per source, then {@code + (b ξ_r) g_j} (one channel) or {@code (b g_j) ξ_r}. */
    private void accumulate(double[][] target, int index, double[] h, int count) {
        int[] from = plan.driftFrom[index];
        double[] coefficient = plan.driftCoefficient[index];
        for (int n = 0; n < from.length; n++) {
            double a = coefficient[n];
            double[][] fj = f[from[n]];
            for (int k = 0; k < d; k++) {
                double[] row = target[k];
                double[] fk = fj[k];
                for (int q = 0; q < count; q++) {
                    row[q] += a * h[q] * fk[q];
                }
            }
        }
        int[] gFrom = plan.diffusionFrom[index];
        int[] gTerm = plan.diffusionTerm[index];
        double[] gCoefficient = plan.diffusionCoefficient[index];
        for (int n = 0; n < gFrom.length; n++) {
            double b = gCoefficient[n];
            double[][] gj = g[gFrom[n]];
            double[][] xr = xi[gTerm[n]];
            for (int k = 0; k < d; k++) {
                double[] row = target[k];
                double[] gk = gj[k];
                if (scalarNoise) {
                    double[] x0 = xr[0];
                    for (int q = 0; q < count; q++) {
                        row[q] += b * x0[q] * gk[q];
                    }
                } else {
                    double[] xk = xr[k];
                    for (int q = 0; q < count; q++) {
                        row[q] += b * gk[q] * xk[q];
                    }
                }
            }
        }
    }

    /** d = 1: the scalar function at each lane's stage time and point, or the per-path form when it is null. */
    private void evaluateScalar(ScalarFunction function, double[][] points, double[][] values, boolean drift,
            int count) {
        if (function == null) {
            evaluate(points, values, drift, count);
            return;
        }
        double[] point = points[0];
        double[] value = values[0];
        for (int q = 0; q < count; q++) {
            value[q] = function.value(ti[q], point[q]);
        }
    }

    /** The drift (or diffusion vector) of each lane at its stage time, through the per-path form. */
    private void evaluate(double[][] states, double[][] values, boolean drift, int count) {
        for (int q = 0; q < count; q++) {
            for (int k = 0; k < d; k++) {
                in[k] = states[k][q];
            }
            if (drift) {
                sde.drift(ti[q], in, out);
            } else {
                sde.diffusionVector(ti[q], in, out);
            }
            for (int k = 0; k < d; k++) {
                values[k][q] = out[k];
            }
        }
    }

    /**
     * The embedded estimate of the last {@link #step}, per component and lane ({@code error[k][q]}), unscaled.
     *
     * @param h the steps of that call
     */
    void lastError(double[] h, double[][] error, int count) {
        for (int k = 0; k < d; k++) {
            int w = scalarNoise ? 0 : k;
            java.util.Arrays.fill(e1, 0, count, 0.0);
            java.util.Arrays.fill(e2, 0, count, 0.0);
            java.util.Arrays.fill(e3, 0, count, 0.0);
            double[] f0 = f[0][k];
            for (int i = 0; i < plan.s; i++) {
                double a = errorDrift[i];
                double[] fi = f[i][k];
                for (int q = 0; q < count; q++) {
                    e1[q] += a * fi[q];
                }
                double u = errorUnseen[i];
                if (u != 0) {
                    for (int q = 0; q < count; q++) {
                        e3[q] += u * Math.abs(fi[q] - f0[q]);
                    }
                }
                double[] gi = g[i][k];
                for (int r = 0; r < terms.length; r++) {
                    double b = errorNoise[i][r];
                    if (b != 0) {
                        double[] xr = xi[r][w];
                        for (int q = 0; q < count; q++) {
                            e2[q] += b * (gi[q] * xr[q]);
                        }
                    }
                }
            }
            double[] row = error[k];
            for (int q = 0; q < count; q++) {
                row[q] = RungeKuttaScheme.ERROR_DELTA * Math.abs(h[q] * e1[q]) + Math.abs(e2[q]) + h[q] * e3[q];
            }
        }
    }
}
