package org.sde4j.solver.engine;

import java.util.Arrays;
import org.sde4j.sde.BlockField;
import org.sde4j.sde.Sde;
import org.sde4j.solver.BlockStepper;
import org.sde4j.solver.scheme.RungeKuttaScheme;
import org.sde4j.solver.tableau.NoiseTerm;
import org.sde4j.solver.tableau.StochasticTableau;
import org.sde4j.solver.tableau.TableauPlan;

/**
 * Any {@link StochasticTableau} stepping a block of paths in structure-of-arrays layout: the block engine's
 * one tableau interpreter (the per-path one is {@link RungeKuttaScheme}'s stepper). It reads the tableau's
 * {@link TableauPlan}, so a scheme lands here from its coefficients alone:
 *
 * <pre>
 *   ξ_r     = NoiseTerm r of (ΔW = √h Z, H = √(h/12) Z')                       per path and noise row
 *   H_i     = X + Σ_{j&lt;i} [ a_ij h f_j + Σ_r b^r_ij g_j ξ_r ]                 sources in increasing j
 *   X_{n+1} = X + Σ_i α_i h f_i + Σ_i (Σ_r β^r_i ξ_r) g_i
 * </pre>
 *
 * <p>with {@code f_i = f(t + c_i h, H_i)}, {@code g_i = g(t + c_i h, H_i)} as vectors (one noise channel, or
 * diagonal noise: row {@code noiseRow(i)} drives component i). A constant ξ ({@code √h}) is folded into the
 * coefficient ({@code (b √h) g}); a stage with no sources is X itself (no copy); a stage whose drift no
 * formula reads is not evaluated, and a drift stage with the same time and sources as an earlier one reuses
 * its value. These are the evaluation order and rounding of the Rößler stepper it replaced, so SRIW1, SRA1,
 * SRA3 and SOSRA give the same bits on one state ({@code BlockEngineReferenceTest}).
 */
public final class BlockTableauStepper extends BlockStepper {
    private static final int DRIFT = 0;
    private static final int CONSTANT_NOISE = 1;
    private static final int PATH_NOISE = 2;

    private final TableauPlan plan;
    private final BlockField f;
    private final BlockField g;
    private final int rows;
    /** Per target (stages, then the update at s): source entries in increasing source stage, drift first. */
    private final int[][] kind;
    private final int[][] source;
    private final int[][] term;
    private final double[][] coefficient;
    /** Stage whose drift value stage i uses (i itself, or an earlier stage with the same time and sources). */
    private final int[] driftOf;
    private final boolean[] evaluateDrift;
    /** Update: per stage, the terms with a non-zero β and their β (the constant ξ materialised per path). */
    private final int[][] weightTerm;
    private final double[][] weightCoefficient;
    private final double[][] fv;
    private final double[][] gv;
    private final double[] y;
    /** ξ_r per noise row, {@code xi[r][row · stride + p]}. */
    private final double[][] xi;
    private final boolean[] pathTerm;
    private final double[] dwRow;
    private final double[] areaRow;
    private final double[] xiRow;
    private final double[] weight;

    BlockTableauStepper(Sde sde, StochasticTableau tableau, int stride) {
        super(sde, stride);
        this.plan = tableau.plan();
        this.f = sde.blockDrift();
        this.g = sde.blockDiffusionVector();
        this.rows = plan.levyArea ? 2 * m : m;
        int s = plan.s;
        int n = d * stride;
        this.kind = new int[s + 1][];
        this.source = new int[s + 1][];
        this.term = new int[s + 1][];
        this.coefficient = new double[s + 1][];
        for (int target = 0; target <= s; target++) {
            merge(target);
        }
        this.driftOf = new int[s];
        this.evaluateDrift = new boolean[s];
        for (int i = 0; i < s; i++) {
            driftOf[i] = i;
            for (int k = 0; k < i && plan.drift[i]; k++) {
                if (plan.drift[k] && plan.c[k] == plan.c[i] && sameSources(k, i)) {
                    driftOf[i] = k;
                    break;
                }
            }
            if (plan.drift[i]) {
                evaluateDrift[driftOf[i]] = true;
            }
        }
        this.weightTerm = new int[s][];
        this.weightCoefficient = new double[s][];
        int[] from = plan.diffusionFrom[s];
        for (int i = 0; i < s; i++) {
            int count = 0;
            for (int e = 0; e < from.length; e++) {
                count += from[e] == i ? 1 : 0;
            }
            weightTerm[i] = new int[count];
            weightCoefficient[i] = new double[count];
            count = 0;
            for (int e = 0; e < from.length; e++) {
                if (from[e] == i) {
                    weightTerm[i][count] = plan.diffusionTerm[s][e];
                    weightCoefficient[i][count++] = plan.diffusionCoefficient[s][e];
                }
            }
        }
        this.pathTerm = new boolean[plan.terms.length];
        for (int target = 0; target <= s; target++) {
            for (int e = 0; e < kind[target].length; e++) {
                if (kind[target][e] == PATH_NOISE) {
                    pathTerm[term[target][e]] = true;
                }
            }
        }
        for (int i = 0; i < s; i++) {
            for (int r : weightTerm[i]) {
                pathTerm[r] = true;
            }
        }
        this.xi = new double[plan.terms.length][];
        for (int r = 0; r < xi.length; r++) {
            xi[r] = pathTerm[r] ? new double[m * stride] : null;
        }
        this.fv = new double[s][];
        this.gv = new double[s][];
        for (int i = 0; i < s; i++) {
            fv[i] = evaluateDrift[i] ? new double[n] : null;
            gv[i] = plan.anyDiffusion[i] ? new double[n] : null;
        }
        this.y = new double[n];
        this.dwRow = new double[stride];
        this.areaRow = new double[stride];
        this.xiRow = new double[stride];
        this.weight = new double[m * stride];
    }

    /** The source entries of {@code target} in increasing source stage, each stage's drift before its noise. */
    private void merge(int target) {
        int[] df = plan.driftFrom[target];
        int[] gf = plan.diffusionFrom[target];
        int total = df.length + gf.length;
        kind[target] = new int[total];
        source[target] = new int[total];
        term[target] = new int[total];
        coefficient[target] = new double[total];
        int a = 0;
        int b = 0;
        for (int e = 0; e < total; e++) {
            if (b >= gf.length || (a < df.length && df[a] <= gf[b])) {
                kind[target][e] = DRIFT;
                source[target][e] = df[a];
                coefficient[target][e] = plan.driftCoefficient[target][a++];
            } else {
                int r = plan.diffusionTerm[target][b];
                kind[target][e] = plan.terms[r] == NoiseTerm.SQRT_H ? CONSTANT_NOISE : PATH_NOISE;
                source[target][e] = gf[b];
                term[target][e] = r;
                coefficient[target][e] = plan.diffusionCoefficient[target][b++];
            }
        }
    }

    private boolean sameSources(int k, int i) {
        return Arrays.equals(kind[k], kind[i]) && Arrays.equals(source[k], source[i]) && Arrays.equals(term[k], term[i])
                && Arrays.equals(coefficient[k], coefficient[i]);
    }

    @Override
    public int normalRows() {
        return rows;
    }

    @Override
    public void step(double t, double h, double[] x, double[] z, int count) {
        double sqrtH = Math.sqrt(h);
        noiseTerms(z, h, sqrtH, count);
        int s = plan.s;
        for (int i = 0; i < s; i++) {
            boolean needF = evaluateDrift[i];
            boolean needG = plan.anyDiffusion[i];
            if (!needF && !needG) {
                continue;
            }
            double[] hi = stage(i, x, h, sqrtH, count);
            double ti = t + plan.c[i] * h;
            if (needF) {
                f.evaluate(ti, hi, fv[i], count, stride);
            }
            if (needG) {
                g.evaluate(ti, hi, gv[i], count, stride);
            }
        }
        int[] from = plan.driftFrom[s];
        double[] alpha = plan.driftCoefficient[s];
        for (int e = 0; e < from.length; e++) {
            double c = alpha[e] * h;
            double[] fj = fv[driftOf[from[e]]];
            if (d == 1) {
                axpy(x, c, fj, count);
                continue;
            }
            for (int k = 0; k < d * stride; k += stride) {
                axpy(x, k, c, fj, count);
            }
        }
        for (int i = 0; i < s; i++) {
            if (weightTerm[i].length > 0) {
                addNoise(x, i, count);
            }
        }
    }

    /**
     * ξ_r for every noise row and every term a formula reads per path. With one noise row the terms are
     * written straight into their arrays (offset-free loops); with m rows through a row buffer.
     */
    private void noiseTerms(double[] z, double h, double sqrtH, int count) {
        double levyScale = Math.sqrt(h / 12);
        for (int row = 0; row < m; row++) {
            int o = row * stride;
            int oh = (m + row) * stride;
            for (int p = 0; p < count; p++) {
                dwRow[p] = sqrtH * z[o + p];
            }
            if (plan.levyArea) {
                for (int p = 0; p < count; p++) {
                    areaRow[p] = levyScale * z[oh + p];
                }
            }
            for (int r = 0; r < xi.length; r++) {
                if (pathTerm[r]) {
                    if (m == 1) {
                        plan.terms[r].fill(xi[r], dwRow, areaRow, h, sqrtH, count);
                    } else {
                        plan.terms[r].fill(xiRow, dwRow, areaRow, h, sqrtH, count);
                        System.arraycopy(xiRow, 0, xi[r], o, count);
                    }
                }
            }
        }
    }

    /** {@code H_i}: {@code x} itself when stage i has no sources, else the workspace filled with it. */
    private double[] stage(int i, double[] x, double h, double sqrtH, int count) {
        int[] k = kind[i];
        if (k.length == 0) {
            return x;
        }
        for (int e = 0; e < k.length; e++) {
            boolean first = e == 0;
            double b = coefficient[i][e];
            int j = source[i][e];
            if (d == 1) {
                switch (k[e]) {
                    case DRIFT -> combine(y, first ? x : y, b * h, fv[driftOf[j]], count);
                    case CONSTANT_NOISE -> combine(y, first ? x : y, b * sqrtH, gv[j], count);
                    default -> combineProduct(y, first ? x : y, b, gv[j], xi[term[i][e]], count);
                }
                continue;
            }
            for (int c = 0; c < d; c++) {
                int o = c * stride;
                switch (k[e]) {
                    case DRIFT -> combine(y, o, first ? x : y, b * h, fv[driftOf[j]], count);
                    case CONSTANT_NOISE -> combine(y, o, first ? x : y, b * sqrtH, gv[j], count);
                    default -> combineProduct(y, o, first ? x : y, b, gv[j], xi[term[i][e]], noiseRow(c), count);
                }
            }
        }
        return y;
    }

    /** {@code x += (Σ_r β^r_i ξ_r) g_i}, the sum in term order. */
    private void addNoise(double[] x, int i, int count) {
        int[] terms = weightTerm[i];
        double[] beta = weightCoefficient[i];
        double[] gi = gv[i];
        if (d == 1 && terms.length <= 4) {
            switch (terms.length) {
                case 1 -> accumulate1(x, gi, beta[0], xi[terms[0]], count);
                case 2 -> accumulate2(x, gi, beta[0], xi[terms[0]], beta[1], xi[terms[1]], count);
                case 3 -> accumulate3(x, gi, beta[0], xi[terms[0]], beta[1], xi[terms[1]], beta[2], xi[terms[2]],
                        count);
                default -> accumulate4(x, gi, beta[0], xi[terms[0]], beta[1], xi[terms[1]], beta[2], xi[terms[2]],
                        beta[3], xi[terms[3]], count);
            }
            return;
        }
        for (int row = 0; row < m; row++) {
            int o = row * stride;
            double[] first = xi[terms[0]];
            for (int p = 0; p < count; p++) {
                weight[o + p] = beta[0] * first[o + p];
            }
            for (int e = 1; e < terms.length; e++) {
                double b = beta[e];
                double[] xr = xi[terms[e]];
                for (int p = 0; p < count; p++) {
                    weight[o + p] += b * xr[o + p];
                }
            }
        }
        for (int c = 0; c < d; c++) {
            int o = c * stride;
            int w = noiseRow(c);
            for (int p = 0; p < count; p++) {
                x[o + p] += weight[w + p] * gi[o + p];
            }
        }
    }

    /** {@code y[o+p] = from[o+p] + c v[o+p]}. */
    private static void combine(double[] y, int o, double[] from, double c, double[] v, int count) {
        for (int p = 0; p < count; p++) {
            y[o + p] = from[o + p] + c * v[o + p];
        }
    }

    /** {@code y[o+p] = from[o+p] + b g[o+p] ξ[w+p]}. */
    private static void combineProduct(double[] y, int o, double[] from, double b, double[] g, double[] xi, int w,
            int count) {
        for (int p = 0; p < count; p++) {
            y[o + p] = from[o + p] + b * g[o + p] * xi[w + p];
        }
    }

    /** {@code y = from + c v} over {@code [0, count)}: one state, offset-free. */
    private static void combine(double[] y, double[] from, double c, double[] v, int count) {
        for (int p = 0; p < count; p++) {
            y[p] = from[p] + c * v[p];
        }
    }

    /** {@code y = from + b g ξ} over {@code [0, count)}: one state, offset-free. */
    private static void combineProduct(double[] y, double[] from, double b, double[] g, double[] xi, int count) {
        for (int p = 0; p < count; p++) {
            y[p] = from[p] + b * g[p] * xi[p];
        }
    }

    /** {@code x += c f} over {@code [0, count)}: one state, offset-free. */
    private static void axpy(double[] x, double c, double[] f, int count) {
        for (int p = 0; p < count; p++) {
            x[p] += c * f[p];
        }
    }

    /** {@code x[k+p] += c f[k+p]}. */
    private static void axpy(double[] x, int k, double c, double[] f, int count) {
        for (int p = 0; p < count; p++) {
            x[k + p] += c * f[k + p];
        }
    }

    // One state: offset-free loops over the paths, fused over the terms (the JIT vectorises them).

    private static void accumulate1(double[] x, double[] g, double b1, double[] u1, int count) {
        for (int p = 0; p < count; p++) {
            x[p] += b1 * u1[p] * g[p];
        }
    }

    private static void accumulate2(double[] x, double[] g, double b1, double[] u1, double b2, double[] u2, int count) {
        for (int p = 0; p < count; p++) {
            x[p] += (b1 * u1[p] + b2 * u2[p]) * g[p];
        }
    }

    private static void accumulate3(double[] x, double[] g, double b1, double[] u1, double b2, double[] u2, double b3,
            double[] u3, int count) {
        for (int p = 0; p < count; p++) {
            x[p] += (b1 * u1[p] + b2 * u2[p] + b3 * u3[p]) * g[p];
        }
    }

    private static void accumulate4(double[] x, double[] g, double b1, double[] u1, double b2, double[] u2, double b3,
            double[] u3, double b4, double[] u4, int count) {
        for (int p = 0; p < count; p++) {
            x[p] += (b1 * u1[p] + b2 * u2[p] + b3 * u3[p] + b4 * u4[p]) * g[p];
        }
    }
}
