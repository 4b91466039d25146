package org.sde4j.solver;

import org.sde4j.sde.BlockField;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;

/**
 * One scheme stepping a block of paths in structure-of-arrays layout ({@code x[i · stride + p]}), from
 * standard normal draws: the batched twin of {@link Stepper}, used by {@link BlockSolver}. Each step
 * reads {@link #normalRows()} rows of {@code stride} unit normals: rows {@code 0..m−1} give
 * {@code ΔW_j = √h Z_j}, and, for schemes that need the space-time Lévy area, rows {@code m..2m−1} give
 * {@code H_j = √(h/12) Z'_j} (so {@code I_(1,0)/h = ΔW/2 + H}, as in {@link PathSolver}'s sources).
 * The formulas are those of the per-path schemes, evaluated component by component for scalar noise
 * (m = 1) or diagonal noise (noise j drives component j only). Thread-confined; allocates nothing per step.
 */
abstract class BlockStepper {
    final int d;
    final int m;
    final int stride;
    /** Whether noise j drives component j (diagonal), rather than noise 0 driving every component. */
    final boolean diagonal;

    BlockStepper(Sde sde, int stride) {
        this.d = sde.stateDimension();
        this.m = sde.noiseDimension();
        this.stride = stride;
        this.diagonal = m > 1;
    }

    /** Rows of unit normals per step: m, or 2m with the Lévy area. */
    abstract int normalRows();

    /**
     * Advances paths {@code 0..count−1} of {@code x} from t to t + h.
     *
     * @param z the step's unit normals, {@code normalRows() · stride} entries (not modified)
     */
    abstract void step(double t, double h, double[] x, double[] z, int count);

    /** Row of the noise that drives component i. */
    final int noiseRow(int i) {
        return diagonal ? i * stride : 0;
    }

    /** Whether block steppers handle this noise: one channel, or diagonal noise (with its diffusion vector). */
    static boolean fitsNoise(Sde sde) {
        return sde.hasDiffusionVector() && (sde.noiseDimension() == 1 || sde.noise() == NoiseStructure.DIAGONAL);
    }

    /** Euler–Maruyama: {@code X + f h + g ΔW}. */
    static final class Euler extends BlockStepper {
        private final BlockField f;
        private final BlockField g;
        private final double[] fv;
        private final double[] gv;

        Euler(Sde sde, int stride) {
            super(sde, stride);
            this.f = sde.blockDrift();
            this.g = sde.blockDiffusionVector();
            this.fv = new double[d * stride];
            this.gv = new double[d * stride];
        }

        @Override
        int normalRows() {
            return m;
        }

        @Override
        void step(double t, double h, double[] x, double[] z, int count) {
            double sqrtH = Math.sqrt(h);
            f.evaluate(t, x, fv, count, stride);
            g.evaluate(t, x, gv, count, stride);
            if (d == 1) {
                update(x, fv, gv, z, h, sqrtH, count); // no offsets: a loop the JIT vectorises
                return;
            }
            for (int i = 0; i < d; i++) {
                int o = i * stride;
                int w = noiseRow(i);
                for (int p = 0; p < count; p++) {
                    x[o + p] += fv[o + p] * h + gv[o + p] * (sqrtH * z[w + p]);
                }
            }
        }
    }

    /** {@code x += f h + g (√h z)} over {@code [0, count)}. */
    static void update(double[] x, double[] f, double[] g, double[] z, double h, double sqrtH, int count) {
        for (int p = 0; p < count; p++) {
            x[p] += f[p] * h + g[p] * (sqrtH * z[p]);
        }
    }

    /** {@code x += f h + g w + ½ g g' (w² − h)}, {@code w = √h z}, over {@code [0, count)}. */
    static void milstein(double[] x, double[] f, double[] g, double[] dg, double[] z, double h, double sqrtH, int count) {
        for (int p = 0; p < count; p++) {
            double w = sqrtH * z[p];
            double gi = g[p];
            x[p] += f[p] * h + gi * w + 0.5 * gi * dg[p] * (w * w - h);
        }
    }

    // Offset-free loops for one state and one noise: the JIT vectorises loops whose arrays share one index.

    /** {@code y += c x}. */
    static void axpy(double[] y, double c, double[] x, int count) {
        for (int p = 0; p < count; p++) {
            y[p] += c * x[p];
        }
    }

    /** {@code y = x + c f}. */
    static void axpyTo(double[] y, double[] x, double c, double[] f, int count) {
        for (int p = 0; p < count; p++) {
            y[p] = x[p] + c * f[p];
        }
    }

    /** {@code y = x + c g w}. */
    static void axpyProductTo(double[] y, double[] x, double c, double[] g, double[] w, int count) {
        for (int p = 0; p < count; p++) {
            y[p] = x[p] + c * g[p] * w[p];
        }
    }

    /** {@code y += c g w}. */
    static void axpyProduct(double[] y, double c, double[] g, double[] w, int count) {
        for (int p = 0; p < count; p++) {
            y[p] += c * g[p] * w[p];
        }
    }

    /** {@code ΔW = √h z}, {@code I_(1,0)/h = ΔW/2 + √(h/12) z'}. */
    static void increments(double[] dw, double[] i10, double[] z, double[] zh, double sqrtH, double levyScale, int count) {
        for (int p = 0; p < count; p++) {
            double w = sqrtH * z[p];
            dw[p] = w;
            i10[p] = 0.5 * w + levyScale * zh[p];
        }
    }

    /** SRI's step terms {@code I_(1,1)/√h} and {@code I_(1,1,1)/h} from ΔW. */
    static void sriTerms(double[] i11, double[] i111, double[] dw, double h, double invSqrtH, double invH, int count) {
        for (int p = 0; p < count; p++) {
            double w = dw[p];
            i11[p] = 0.5 * (w * w - h) * invSqrtH;
            i111[p] = (w * w * w - 3 * h * w) / 6 * invH;
        }
    }

    /** {@code x += (β¹ ΔW + β² I11/√h + β³ I10/h + β⁴ I111/h) g}. */
    static void sriAccumulate(double[] x, double[] g, double[] dw, double[] i11, double[] i10, double[] i111, double b1,
            double b2, double b3, double b4, int count) {
        for (int p = 0; p < count; p++) {
            x[p] += (b1 * dw[p] + b2 * i11[p] + b3 * i10[p] + b4 * i111[p]) * g[p];
        }
    }

    /** {@code x += (β¹ ΔW + β² I10/h) g}. */
    static void sraAccumulate(double[] x, double[] g, double[] dw, double[] i10, double b1, double b2, int count) {
        for (int p = 0; p < count; p++) {
            x[p] += (b1 * dw[p] + b2 * i10[p]) * g[p];
        }
    }

    /** Itô Milstein with the supplied derivative: {@code X + f h + g ΔW + ½ g g' (ΔW² − h)}. */
    static final class ItoMilstein extends BlockStepper {
        private final BlockField f;
        private final BlockField g;
        private final BlockField dg;
        private final double[] fv;
        private final double[] gv;
        private final double[] dgv;

        ItoMilstein(Sde sde, int stride) {
            super(sde, stride);
            this.f = sde.blockDrift();
            this.g = sde.blockDiffusionVector();
            this.dg = sde.blockDiffusionDerivative();
            this.fv = new double[d * stride];
            this.gv = new double[d * stride];
            this.dgv = new double[d * stride];
        }

        @Override
        int normalRows() {
            return m;
        }

        @Override
        void step(double t, double h, double[] x, double[] z, int count) {
            double sqrtH = Math.sqrt(h);
            f.evaluate(t, x, fv, count, stride);
            g.evaluate(t, x, gv, count, stride);
            dg.evaluate(t, x, dgv, count, stride);
            if (d == 1) {
                milstein(x, fv, gv, dgv, z, h, sqrtH, count);
                return;
            }
            for (int i = 0; i < d; i++) {
                int o = i * stride;
                int r = noiseRow(i);
                for (int p = 0; p < count; p++) {
                    double w = sqrtH * z[r + p];
                    double gi = gv[o + p];
                    x[o + p] += fv[o + p] * h + gi * w + 0.5 * gi * dgv[o + p] * (w * w - h);
                }
            }
        }
    }

    /**
     * Rößler's SRI (Itô, scalar/diagonal noise) and SRA (additive noise) stages from a
     * {@link RosslerTableau}, with the formulas of its javadoc. A stage whose value no formula reads is not
     * evaluated, and a drift stage equal to an earlier one (same row of A⁰ and B⁰, same c⁰) reuses its value.
     */
    static final class Rossler extends BlockStepper {
        private final RosslerTableau tableau;
        private final boolean additive;
        private final int s;
        private final BlockField f;
        private final BlockField g;
        private final double[][] h0;
        private final double[][] h1;
        private final double[][] fv;
        private final double[][] gv;
        private final boolean[] needF;
        private final boolean[] needG;
        private final int[] sameF;
        private final double[] dw;
        private final double[] i10;
        private final double[] weight;
        private final double[] zh;
        private final double[] i11;
        private final double[] i111;

        Rossler(Sde sde, RosslerTableau tableau, int stride) {
            super(sde, stride);
            this.tableau = tableau;
            this.additive = tableau.isAdditive();
            this.s = tableau.stages();
            this.f = sde.blockDrift();
            this.g = sde.blockDiffusionVector();
            int n = d * stride;
            this.h0 = new double[s][n];
            this.h1 = additive ? null : new double[s][n];
            this.fv = new double[s][n];
            this.gv = new double[s][n];
            this.dw = new double[m * stride];
            this.i10 = new double[m * stride];
            this.weight = new double[m * stride];
            this.zh = new double[stride];
            this.i11 = new double[stride];
            this.i111 = new double[stride];
            this.needF = new boolean[s];
            this.needG = new boolean[s];
            this.sameF = new int[s];
            double[][] a0 = tableau.a0();
            double[][] a1 = tableau.a1();
            double[][] b0 = tableau.b0();
            double[][] b1 = tableau.b1();
            for (int j = 0; j < s; j++) {
                needF[j] = tableau.alpha()[j] != 0;
                needG[j] = tableau.beta(1)[j] != 0 || tableau.beta(2)[j] != 0
                        || (!additive && (tableau.beta(3)[j] != 0 || tableau.beta(4)[j] != 0));
                for (int i = j + 1; i < s; i++) {
                    needF[j] |= a0[i][j] != 0 || (!additive && a1[i][j] != 0);
                    needG[j] |= b0[i][j] != 0 || (!additive && b1[i][j] != 0);
                }
                sameF[j] = j;
                for (int k = 0; k < j; k++) {
                    if (tableau.c0()[k] == tableau.c0()[j] && java.util.Arrays.equals(a0[k], a0[j])
                            && java.util.Arrays.equals(b0[k], b0[j])) {
                        sameF[j] = k;
                        break;
                    }
                }
            }
            for (int j = 0; j < s; j++) {
                if (needF[j] && sameF[j] != j) {
                    needF[sameF[j]] = true;
                }
            }
        }

        @Override
        int normalRows() {
            return 2 * m;
        }

        @Override
        void step(double t, double h, double[] x, double[] z, int count) {
            double sqrtH = Math.sqrt(h);
            double levyScale = Math.sqrt(h / 12);
            double[][] a0 = tableau.a0();
            double[][] b0 = tableau.b0();
            boolean one = d == 1;
            if (one) {
                System.arraycopy(z, stride, zh, 0, count);
                increments(dw, i10, z, zh, sqrtH, levyScale, count);
            } else {
                for (int r = 0; r < m; r++) {
                    int o = r * stride;
                    int oh = (m + r) * stride;
                    for (int p = 0; p < count; p++) {
                        double w = sqrtH * z[o + p];
                        dw[o + p] = w;
                        i10[o + p] = 0.5 * w + levyScale * z[oh + p];
                    }
                }
            }
            for (int st = 0; st < s; st++) {
                if (needF[st]) {
                    if (sameF[st] != st) {
                        System.arraycopy(fv[sameF[st]], 0, fv[st], 0, d * stride);
                    } else {
                        double[] y = h0[st];
                        if (one) {
                            y = stageOne(y, x, count, a0[st], h, b0[st], i10, 0);
                        } else {
                            stage(y, x, count, a0[st], h, b0[st], i10, true);
                        }
                        f.evaluate(t + tableau.c0()[st] * h, y, fv[st], count, stride);
                    }
                }
                if (needG[st]) {
                    if (additive) {
                        g.evaluate(t + tableau.c1()[st] * h, x, gv[st], count, stride);
                    } else {
                        double[] y = h1[st];
                        if (one) {
                            y = stageOne(y, x, count, tableau.a1()[st], h, tableau.b1()[st], null, sqrtH);
                            g.evaluate(t + tableau.c1()[st] * h, y, gv[st], count, stride);
                            continue;
                        }
                        stage(y, x, count, tableau.a1()[st], h, tableau.b1()[st], null, false);
                        // B¹ multiplies √h: add those terms now
                        double[] b1 = tableau.b1()[st];
                        for (int j = 0; j < st; j++) {
                            if (b1[j] != 0) {
                                double c = b1[j] * sqrtH;
                                double[] gj = gv[j];
                                if (one) {
                                    axpy(y, c, gj, count);
                                    continue;
                                }
                                for (int k = 0; k < d * stride; k += stride) {
                                    for (int p = 0; p < count; p++) {
                                        y[k + p] += c * gj[k + p];
                                    }
                                }
                            }
                        }
                        g.evaluate(t + tableau.c1()[st] * h, y, gv[st], count, stride);
                    }
                }
            }
            double[] alpha = tableau.alpha();
            for (int st = 0; st < s; st++) {
                if (alpha[st] != 0) {
                    double c = alpha[st] * h;
                    double[] fs = fv[st];
                    if (one) {
                        axpy(x, c, fs, count);
                        continue;
                    }
                    for (int k = 0; k < d * stride; k += stride) {
                        for (int p = 0; p < count; p++) {
                            x[k + p] += c * fs[k + p];
                        }
                    }
                }
            }
            double invSqrtH = 1 / sqrtH;
            double invH = 1 / h;
            boolean termsReady = false;
            for (int st = 0; st < s; st++) {
                if (!needG[st]) {
                    continue;
                }
                double b1 = tableau.beta(1)[st];
                double b2 = tableau.beta(2)[st];
                if (one) {
                    if (additive) {
                        sraAccumulate(x, gv[st], dw, i10, b1, b2, count);
                    } else {
                        if (!termsReady) {
                            sriTerms(i11, i111, dw, h, invSqrtH, invH, count);
                            termsReady = true;
                        }
                        sriAccumulate(x, gv[st], dw, i11, i10, i111, b1, b2, tableau.beta(3)[st], tableau.beta(4)[st],
                                count);
                    }
                    continue;
                }
                for (int r = 0; r < m; r++) {
                    int o = r * stride;
                    if (additive) {
                        for (int p = 0; p < count; p++) {
                            weight[o + p] = b1 * dw[o + p] + b2 * i10[o + p];
                        }
                    } else {
                        double b3 = tableau.beta(3)[st];
                        double b4 = tableau.beta(4)[st];
                        for (int p = 0; p < count; p++) {
                            double w = dw[o + p];
                            double square = 0.5 * (w * w - h);
                            double cube = (w * w * w - 3 * h * w) / 6;
                            weight[o + p] = b1 * w + b2 * square * invSqrtH + b3 * i10[o + p] + b4 * cube * invH;
                        }
                    }
                }
                double[] gs = gv[st];
                for (int i = 0; i < d; i++) {
                    int o = i * stride;
                    int r = noiseRow(i);
                    for (int p = 0; p < count; p++) {
                        x[o + p] += weight[r + p] * gs[o + p];
                    }
                }
            }
        }

        /**
         * {@code y = x + Σ_j a_j h F_j + Σ_j b_j G_j I10/h} (the B-sum only when {@code withB}; SRI's B¹ √h
         * terms are added by the caller).
         */
        /**
         * One state: {@code y = x + Σ_j a_j h F_j + Σ_j b_j G_j w_j}, with {@code w = I10/h} per path when
         * {@code i10h} is given and the constant {@code scale} otherwise; returns {@code x} itself (no copy) when
         * every coefficient is zero.
         */
        private double[] stageOne(double[] y, double[] x, int count, double[] a, double h, double[] b, double[] i10h,
                double scale) {
            boolean first = true;
            for (int j = 0; j < a.length; j++) {
                if (a[j] != 0 && needF[j]) {
                    if (first) {
                        axpyTo(y, x, a[j] * h, fv[j], count);
                        first = false;
                    } else {
                        axpy(y, a[j] * h, fv[j], count);
                    }
                }
                if (b[j] != 0) {
                    if (i10h != null) {
                        if (first) {
                            axpyProductTo(y, x, b[j], gv[j], i10h, count);
                            first = false;
                        } else {
                            axpyProduct(y, b[j], gv[j], i10h, count);
                        }
                    } else if (first) {
                        axpyTo(y, x, b[j] * scale, gv[j], count);
                        first = false;
                    } else {
                        axpy(y, b[j] * scale, gv[j], count);
                    }
                }
            }
            return first ? x : y;
        }

        private void stage(double[] y, double[] x, int count, double[] a, double h, double[] b, double[] i10h,
                boolean withB) {
            int n = d * stride;
            System.arraycopy(x, 0, y, 0, n);
            if (d == 1) {
                for (int j = 0; j < a.length; j++) {
                    if (a[j] != 0 && needF[j]) {
                        axpy(y, a[j] * h, fv[j], count);
                    }
                    if (withB && b[j] != 0) {
                        axpyProduct(y, b[j], gv[j], i10h, count);
                    }
                }
                return;
            }
            for (int j = 0; j < a.length; j++) {
                if (a[j] != 0 && needF[j]) {
                    double c = a[j] * h;
                    double[] fj = fv[j];
                    for (int k = 0; k < n; k += stride) {
                        for (int p = 0; p < count; p++) {
                            y[k + p] += c * fj[k + p];
                        }
                    }
                }
                if (withB && b[j] != 0) {
                    double c = b[j];
                    double[] gj = gv[j];
                    for (int i = 0; i < d; i++) {
                        int o = i * stride;
                        int r = noiseRow(i);
                        for (int p = 0; p < count; p++) {
                            y[o + p] += c * gj[o + p] * i10h[r + p];
                        }
                    }
                }
            }
        }
    }
}
