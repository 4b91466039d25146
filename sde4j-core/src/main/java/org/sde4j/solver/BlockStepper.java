package org.sde4j.solver;

import org.sde4j.sde.BlockField;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.ScalarFunction;
import org.sde4j.sde.Sde;

/**
 * One scheme stepping a block of paths in structure-of-arrays layout ({@code x[i · stride + p]}), from
 * standard normal draws: the batched twin of {@link Stepper}, used by {@link org.sde4j.solver.engine.BlockSolver
 * BlockSolver}. Each step
 * reads {@link #normalRows()} rows of {@code stride} unit normals: rows {@code 0..m−1} give
 * {@code ΔW_j = √h Z_j}, and, for schemes that need the space-time Lévy area, rows {@code m..2m−1} give
 * {@code H_j = √(h/12) Z'_j} (so {@code I_(1,0)/h = ΔW/2 + H}, as in {@link org.sde4j.solver.engine.PathSolver
 * PathSolver}'s sources).
 * The formulas are those of the per-path schemes, evaluated component by component for scalar noise
 * (m = 1) or diagonal noise (noise j drives component j only). Every tableau scheme steps through the one
 * interpreter {@link org.sde4j.solver.engine.BlockTableauStepper BlockTableauStepper}, unless the scheme offers a fused
 * kernel of its own ({@link
 * org.sde4j.solver.scheme.DeclaredScheme#fusedBlockKernel DeclaredScheme.fusedBlockKernel}): Euler–Maruyama's {@link
 * Euler} (its javadoc gives the measured reason) and Itô
 * Milstein's {@link ItoMilstein} (which has no tableau: it reads {@code ∂g/∂x}). Thread-confined; allocates nothing
 * per step.
 */
public abstract class BlockStepper {
    /** Makes a scheme's fused block kernel for an SDE and a stride: what {@link
     * org.sde4j.solver.scheme.DeclaredScheme#fusedBlockKernel DeclaredScheme.fusedBlockKernel} offers. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param sde    the SDE (its noise fits: {@link #fitsNoise})
         * @param stride paths per block
         * @return the kernel, with its workspace
         */
        BlockStepper create(Sde sde, int stride);
    }

    protected final int d;
    protected final int m;
    protected final int stride;
    /** Whether noise j drives component j (diagonal), rather than noise 0 driving every component. */
    final boolean diagonal;

    public BlockStepper(Sde sde, int stride) {
        this.d = sde.stateDimension();
        this.m = sde.noiseDimension();
        this.stride = stride;
        this.diagonal = m > 1;
    }

    /** Rows of unit normals per step: m, or 2m with the Lévy area. */
    public abstract int normalRows();

    /**
     * Advances paths {@code 0..count−1} of {@code x} from t to t + h.
     *
     * @param z the step's unit normals, {@code normalRows() · stride} entries (not modified)
     */
    public abstract void step(double t, double h, double[] x, double[] z, int count);

    /** Row of the noise that drives component i. */
    protected final int noiseRow(int i) {
        return diagonal ? i * stride : 0;
    }

    /** Whether block steppers handle this noise: one channel, or diagonal noise (with its diffusion vector). */
    public static boolean fitsNoise(Sde sde) {
        return sde.hasDiffusionVector() && (sde.noiseDimension() == 1 || sde.noise() == NoiseStructure.DIAGONAL);
    }

    /**
     * Euler–Maruyama: {@code X + f h + g ΔW}, the fused kernel {@link org.sde4j.solver.scheme.EulerMaruyama#INSTANCE
     * EulerMaruyama.INSTANCE} offers. For an SDE made
     * by {@link Sde#scalar} without batched forms, one pass per step calls f and g path by path ({@link
     * #scalarUpdate}); otherwise the batched forms fill arrays that {@link #update} then reads. Both give the same
     * numbers for functions without side effects.
     *
     * <p>Why it exists beside {@link org.sde4j.solver.engine.BlockTableauStepper BlockTableauStepper}, which runs the
     * same tableau: it is the hottest loop of the
     * library, and measured 1.45× faster on a whole block solve of gbm, 4·10^5 paths × 256 steps on one thread (0.124 s
     * against 0.180 s, median thread CPU of 5 alternating runs, {@code bench/SchemeLoopsVsTableau.java}; the table is
     * in {@link org.sde4j.solver.scheme.EulerMaruyama EulerMaruyama}). On a 2-d problem whose functions have no batched
     * forms the evaluations dominate and
     * the two tie; the kernel serves d &gt; 1 too because those bits are recorded ({@code BlockEngineReferenceTest}).
     */
    public static final class Euler extends BlockStepper {
        private final BlockField f;
        private final BlockField g;
        private final double[] fv;
        private final double[] gv;
        /** The scalar functions of a 1-d SDE without batched forms, for the one-pass update; else null. */
        private final ScalarFunction f1;
        private final ScalarFunction g1;

        public Euler(Sde sde, int stride) {
            super(sde, stride);
            this.f = sde.blockDrift();
            this.g = sde.blockDiffusionVector();
            this.fv = new double[d * stride];
            this.gv = new double[d * stride];
            ScalarFunction drift = sde.pathwiseScalarDrift();
            ScalarFunction diffusion = sde.pathwiseScalarDiffusion();
            boolean onePass = d == 1 && drift != null && diffusion != null;
            this.f1 = onePass ? drift : null;
            this.g1 = onePass ? diffusion : null;
        }

        @Override
        public int normalRows() {
            return m;
        }

        @Override
        public void step(double t, double h, double[] x, double[] z, int count) {
            double sqrtH = Math.sqrt(h);
            if (f1 != null) {
                scalarUpdate(f1, g1, t, x, z, h, sqrtH, count);
                return;
            }
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

    /**
     * {@code x += f(t, x) h + g(t, x) (√h z)} over {@code [0, count)}, in one pass: two loads and a store per
     * path against six and three for the batched forms and {@link #update}, with the same operations in the same
     * order, so the same bits (the memory traffic, not the arithmetic, bounds these loops).
     */
    static void scalarUpdate(ScalarFunction f, ScalarFunction g, double t, double[] x, double[] z, double h,
            double sqrtH, int count) {
        for (int p = 0; p < count; p++) {
            double xp = x[p];
            x[p] = xp + (f.value(t, xp) * h + g.value(t, xp) * (sqrtH * z[p]));
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

    /**
     * Itô Milstein with the supplied derivative: {@code X + f h + g ΔW + ½ g g' (ΔW² − h)}, the block kernel {@link
     * org.sde4j.solver.scheme.Milstein#ITO Milstein.ITO} offers. It exists because Milstein has no tableau: the
     * correction reads the user's {@code ∂g/∂x},
     * which no stage of a tableau evaluates.
     */
    public static final class ItoMilstein extends BlockStepper {
        private final BlockField f;
        private final BlockField g;
        private final BlockField dg;
        private final double[] fv;
        private final double[] gv;
        private final double[] dgv;

        public ItoMilstein(Sde sde, int stride) {
            super(sde, stride);
            this.f = sde.blockDrift();
            this.g = sde.blockDiffusionVector();
            this.dg = sde.blockDiffusionDerivative();
            this.fv = new double[d * stride];
            this.gv = new double[d * stride];
            this.dgv = new double[d * stride];
        }

        @Override
        public int normalRows() {
            return m;
        }

        @Override
        public void step(double t, double h, double[] x, double[] z, int count) {
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
}
