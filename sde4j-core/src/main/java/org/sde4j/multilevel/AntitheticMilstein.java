package org.sde4j.multilevel;

import java.util.function.ToDoubleFunction;
import org.sde4j.random.BoxMullerStream;
import org.sde4j.sde.Require;

/**
 * The antithetic multilevel estimator of Giles &amp; Szpruch (2014, "Antithetic multilevel Monte Carlo estimation for
 * multi-dimensional SDEs without Lévy area simulation", Ann. Appl. Probab. 24(4)) for Itô SDEs
 * {@code dX = a(X) dt + Σ_j b_j(X) dW_j} whose noise does not commute.
 *
 * <p><b>The scheme.</b> The truncated Milstein step, which drops the Lévy areas:
 * {@code X' = X + a h + Σ_j b_j ΔW_j + ½ Σ_{j,k} (∂b_k/∂x · b_j)(ΔW_j ΔW_k − δ_jk h)}. Without the Lévy areas its
 * strong order is only ½, so the plain coupling {@code Y = P(X^f) − P(X^c)} has {@code V_ℓ = O(h)}: β = 1.
 *
 * <p><b>The antithetic coupling.</b> Each level-ℓ sample runs three paths on one Brownian path: the fine path
 * X^f on 2^ℓ steps with increments (δW₁, δW₂) in each pair of fine steps; its antithetic twin X^a with the two
 * increments of every pair swapped (δW₂, δW₁), which has the same law; and the coarse path X^c on 2^{ℓ−1} steps
 * with ΔW = δW₁ + δW₂. Then {@code Y = ½ (P(X^f) + P(X^a)) − P(X^c)} has mean {@code E P_ℓ − E P_{ℓ−1}}, and, for
 * a smooth payoff, the Lévy-area errors of X^f and X^a cancel to first order in their average: {@code V_ℓ = O(h²)},
 * β = 2 (Giles &amp; Szpruch, Theorem 4.10).
 *
 * <p><b>Samples.</b> Chunk c of level ℓ ({@value LevelJob#CHUNK} paths) draws its normals from
 * {@code BoxMullerStream.of(levelSeed(seed, ℓ), c)}, so a chunk depends on (seed, ℓ, c) only and chunks run in
 * any split give the same sums ({@link #level}). The sampler runs on the calling thread, one path at a time (not on
 * the block engine).
 */
public final class AntitheticMilstein {
    /**
     * An Itô SDE with general noise, given by its drift, its noise columns and the Milstein terms.
     */
    public interface GeneralSde {
        /** d. */
        int dimension();

        /** m. */
        int noises();

        /** {@code out = a(x)}. */
        void drift(double[] x, double[] out);

        /** {@code out = b_j(x)}, noise column j. */
        void diffusion(double[] x, int j, double[] out);

        /** {@code out = (∂b_k/∂x)(x) · b_j(x)}, the derivative of column k along column j. */
        void diffusionAlong(double[] x, int j, int k, double[] out);
    }

    /**
     * The linear system {@code dX = A X dt + Σ_j B_j X dW_j}, for which {@code (∂b_k/∂x) b_j = B_k B_j X}; its noise
     * commutes only when the B_j do.
     *
     * @param a the d×d drift matrix
     * @param b the m noise matrices, each d×d
     * @return the system
     */
    public static GeneralSde linear(double[][] a, double[][]... b) {
        int d = a.length;
        double[][] drift = copy(a, d);
        double[][][] noise = new double[b.length][][];
        for (int j = 0; j < b.length; j++) {
            noise[j] = copy(b[j], d);
        }
        return new GeneralSde() {
            @Override
            public int dimension() {
                return d;
            }

            @Override
            public int noises() {
                return noise.length;
            }

            @Override
            public void drift(double[] x, double[] out) {
                times(drift, x, out);
            }

            @Override
            public void diffusion(double[] x, int j, double[] out) {
                times(noise[j], x, out);
            }

            @Override
            public void diffusionAlong(double[] x, int j, int k, double[] out) {
                double[] bj = new double[d];
                times(noise[j], x, bj);
                times(noise[k], bj, out);
            }
        };
    }

    private static double[][] copy(double[][] m, int d) {
        double[][] c = new double[d][];
        for (int i = 0; i < d; i++) {
            if (m[i].length != d) {
                throw new IllegalArgumentException("matrix row " + i + " has " + m[i].length + " entries, not d = " + d);
            }
            c[i] = m[i].clone();
        }
        return c;
    }

    private static void times(double[][] m, double[] x, double[] out) {
        for (int i = 0; i < m.length; i++) {
            double s = 0;
            for (int k = 0; k < x.length; k++) {
                s += m[i][k] * x[k];
            }
            out[i] = s;
        }
    }

    private final GeneralSde sde;
    private final double[] x0;
    private final double t;
    private final ToDoubleFunction<double[]> payoff;
    private long seed = 1;
    private boolean antithetic = true;

    private AntitheticMilstein(GeneralSde sde, double[] x0, double t, ToDoubleFunction<double[]> payoff) {
        this.sde = Require.nonNull("sde", sde);
        this.x0 = Require.nonNull("x0", x0).clone();
        if (x0.length != sde.dimension()) {
            throw new IllegalArgumentException("x0 has " + x0.length + " components, the SDE " + sde.dimension());
        }
        this.t = Require.positive("t", t);
        this.payoff = Require.nonNull("payoff", payoff);
    }

    /**
     * The estimator of {@code E payoff(X_T)} for {@code sde} from {@code x0} on [0, T].
     *
     * @param sde    the SDE
     * @param x0     X(0)
     * @param t      T &gt; 0
     * @param payoff P = payoff(X_T), smooth for β = 2
     * @return the estimator (antithetic, seed 1)
     */
    public static AntitheticMilstein of(GeneralSde sde, double[] x0, double t, ToDoubleFunction<double[]> payoff) {
        return new AntitheticMilstein(sde, x0, t, payoff);
    }

    /** The root seed (default 1). */
    public AntitheticMilstein seed(long value) {
        this.seed = value;
        return this;
    }

    /** False: the plain coupling {@code Y = P(X^f) − P(X^c)} of the same scheme (β = 1), for comparison. */
    public AntitheticMilstein antithetic(boolean value) {
        this.antithetic = value;
        return this;
    }

    /**
     * Chunks {@code [firstChunk, firstChunk + chunks)} of level ℓ (2^ℓ fine steps): the sums of Y and of the fine
     * payoff, added in chunk order.
     *
     * @param level      ℓ ≥ 0
     * @param firstChunk the first chunk
     * @param chunks     how many, &gt; 0
     * @return the sums
     */
    public LevelSums level(int level, long firstChunk, long chunks) {
        return level(level, firstChunk, chunks, LevelSums.EMPTY);
    }

    /** {@link #level(int, long, long)} added chunk by chunk to {@code earlier}, the sums of the chunks before. */
    LevelSums level(int level, long firstChunk, long chunks, LevelSums earlier) {
        if (level < 0 || level > 30) {
            throw new IllegalArgumentException("level = " + level + ": must be 0 to 30");
        }
        Require.positive("chunks", chunks);
        long start = System.nanoTime();
        int d = sde.dimension();
        int m = sde.noises();
        int pairs = level == 0 ? 1 : 1 << (level - 1);
        double h = level == 0 ? t : t / (1 << level);
        double sqrtH = Math.sqrt(h);
        BoxMullerStream stream = BoxMullerStream.of(0, 0);
        long levelSeed = LevelJob.levelSeed(seed, level);
        double[] z = new double[2 * m * pairs];
        double[] dw1 = new double[m];
        double[] dw2 = new double[m];
        double[] dw = new double[m];
        double[] xf = new double[d];
        double[] xa = new double[d];
        double[] xc = new double[d];
        Work work = new Work(d, m);
        LevelSums total = earlier;
        for (long c = firstChunk; c < firstChunk + chunks; c++) {
            stream.reset(levelSeed, c);
            double sy = 0;
            double sy2 = 0;
            double sp = 0;
            double sp2 = 0;
            for (int p = 0; p < LevelJob.CHUNK; p++) {
                stream.nextGaussians(z, 0, level == 0 ? m : z.length);
                System.arraycopy(x0, 0, xf, 0, d);
                double y;
                double fine;
                if (level == 0) {
                    for (int j = 0; j < m; j++) {
                        dw[j] = sqrtH * z[j];
                    }
                    step(xf, dw, h, work);
                    fine = payoff.applyAsDouble(xf);
                    y = fine;
                } else {
                    System.arraycopy(x0, 0, xa, 0, d);
                    System.arraycopy(x0, 0, xc, 0, d);
                    for (int k = 0; k < pairs; k++) {
                        for (int j = 0; j < m; j++) {
                            dw1[j] = sqrtH * z[2 * m * k + j];
                            dw2[j] = sqrtH * z[2 * m * k + m + j];
                            dw[j] = dw1[j] + dw2[j];
                        }
                        step(xf, dw1, h, work);
                        step(xf, dw2, h, work);
                        if (antithetic) {
                            step(xa, dw2, h, work);
                            step(xa, dw1, h, work);
                        }
                        step(xc, dw, 2 * h, work);
                    }
                    fine = payoff.applyAsDouble(xf);
                    double coarse = payoff.applyAsDouble(xc);
                    y = antithetic ? 0.5 * (fine + payoff.applyAsDouble(xa)) - coarse : fine - coarse;
                }
                if (!Double.isFinite(y)) {
                    throw new IllegalStateException("antithetic Milstein: level " + level + ", path "
                            + (c * LevelJob.CHUNK + p) + " is not finite (step " + h + ")");
                }
                sy += y;
                sy2 += y * y;
                sp += fine;
                sp2 += fine * fine;
            }
            total = total.plus(new LevelSums(LevelJob.CHUNK, sy, sy2, sp, sp2, 0));
        }
        return total.withSeconds(earlier.seconds() + (System.nanoTime() - start) * 1e-9);
    }

    /** Scratch of one step. */
    private static final class Work {
        final double[] a;
        final double[][] b;
        final double[] l;
        final double[] next;

        Work(int d, int m) {
            a = new double[d];
            b = new double[m][d];
            l = new double[d];
            next = new double[d];
        }
    }

    /** One truncated Milstein step of size h with increments dw, in place. */
    private void step(double[] x, double[] dw, double h, Work w) {
        int d = x.length;
        int m = dw.length;
        sde.drift(x, w.a);
        for (int i = 0; i < d; i++) {
            w.next[i] = x[i] + w.a[i] * h;
        }
        for (int j = 0; j < m; j++) {
            sde.diffusion(x, j, w.b[j]);
            for (int i = 0; i < d; i++) {
                w.next[i] += w.b[j][i] * dw[j];
            }
        }
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < m; k++) {
                sde.diffusionAlong(x, j, k, w.l);
                double f = 0.5 * (dw[j] * dw[k] - (j == k ? h : 0));
                for (int i = 0; i < d; i++) {
                    w.next[i] += w.l[i] * f;
                }
            }
        }
        System.arraycopy(w.next, 0, x, 0, d);
    }
}
