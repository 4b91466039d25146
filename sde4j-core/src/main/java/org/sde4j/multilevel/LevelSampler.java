package org.sde4j.multilevel;

import java.util.Arrays;
import org.sde4j.qmc.Gaussian;
import org.sde4j.sde.BlockField;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;

/**
 * Solves a block of paths of one level, fine and coarse together, in structure-of-arrays layout
 * ({@code x[i · stride + p]}), and writes each path's fine and coarse payoff. The fine solve takes n_ℓ steps of
 * h = T/n_ℓ; the coarse one n_ℓ/M steps of M h, each driven by the sum of the M fine increments it spans. The
 * drift, diffusion and its derivative are the SDE's batched forms ({@link Sde#blockDrift()} …), called once per
 * block and step, as the block engine ({@code org.sde4j.solver.engine.BlockSolver}) does; the Euler–Maruyama and
 * Milstein
 * updates are the block engine's formulas, written here again because its steppers take their draws from its own
 * stream, not from a caller's increments.
 *
 * <p>Per fine step the sampler reads {@code rows · stride} unit normals from {@link Normals}: rows 0 … m−1 the
 * Brownian increments ({@code ΔW = √h Z}), then the payoff's extra rows (two for the lookback's bridge minimum).
 * Thread-confined; allocation-free after construction.
 */
final class LevelSampler {
    /** The unit normals of the next fine step, {@code count} of them (a multiple of the stride). */
    @FunctionalInterface
    interface Normals {
        void next(double[] z, int count);
    }

    private final int level;
    private final Coupling coupling;
    private final Payoff payoff;
    private final Payoff.Kind kind;
    private final int d;
    private final int m;
    private final int rows;
    private final int stride;
    private final int fineSteps;
    /** M, or 0 at level 0 (no coarse path). */
    private final int factor;
    private final double t0;
    private final double hf;
    private final double[] x0;
    private final boolean diagonal;
    private final BlockField f;
    private final BlockField g;
    private final BlockField dg;
    private final double[] xf;
    private final double[] xc;
    private final double[] fv;
    private final double[] gv;
    private final double[] dgv;
    private final double[] z;
    private final double[] dwc;
    private final double[] accF;
    private final double[] accC;
    private final double[] minF;
    private final double[] minC;
    /** Per sub-step s of a coarse step: W(t_n + (s+1) h) − W(t_n) and the bridge-minimum exponential draw. */
    private final double[] wSub;
    private final double[] eSub;
    private final double[] old;
    private final double[] state;

    LevelSampler(SdeProblem problem, Coupling coupling, Payoff payoff, int level, int fineSteps, int factor, int stride) {
        Sde sde = problem.sde();
        this.level = level;
        this.coupling = coupling;
        this.payoff = payoff;
        this.kind = payoff.kind();
        this.d = sde.stateDimension();
        this.m = sde.noiseDimension();
        this.rows = m + payoff.extraRows();
        this.stride = stride;
        this.fineSteps = fineSteps;
        this.factor = factor;
        this.t0 = problem.t0();
        this.hf = (problem.t1() - problem.t0()) / fineSteps;
        this.x0 = problem.x0();
        this.diagonal = m > 1;
        this.f = sde.blockDrift();
        this.g = sde.blockDiffusionVector();
        this.dg = coupling == Coupling.MILSTEIN && sde.noise() != NoiseStructure.ADDITIVE
                ? sde.blockDiffusionDerivative() : null;
        this.xf = new double[d * stride];
        this.xc = new double[d * stride];
        this.fv = new double[d * stride];
        this.gv = new double[d * stride];
        this.dgv = new double[d * stride];
        this.z = new double[rows * stride];
        this.dwc = new double[m * stride];
        this.accF = new double[stride];
        this.accC = new double[stride];
        this.minF = new double[stride];
        this.minC = new double[stride];
        int sub = Math.max(factor, 1);
        this.wSub = new double[sub * stride];
        this.eSub = new double[sub * stride];
        this.old = new double[stride];
        this.state = new double[d];
    }

    /** Unit normals per path and fine step. */
    int rows() {
        return rows;
    }

    /**
     * Samples paths {@code 0 … count−1}: their fine payoffs into {@code pf}, coarse ones into {@code pc} (untouched at
     * level 0).
     *
     * @param firstPath the level's index of path 0, for messages
     * @param check     whether to check every step for a non-finite state (a replay after a failure)
     * @throws LevelDivergedException when {@code check} finds a non-finite state
     */
    void sample(Normals normals, int count, double[] pf, double[] pc, long firstPath, boolean check) {
        for (int i = 0; i < d; i++) {
            Arrays.fill(xf, i * stride, i * stride + count, x0[i]);
            Arrays.fill(xc, i * stride, i * stride + count, x0[i]);
        }
        Arrays.fill(accF, 0, count, 0);
        Arrays.fill(accC, 0, count, 0);
        Arrays.fill(minF, 0, count, x0[0]);
        Arrays.fill(minC, 0, count, x0[0]);
        int sub = factor == 0 ? 1 : factor;
        int coarseSteps = fineSteps / sub;
        double hc = hf * sub;
        boolean digital = kind == Payoff.Kind.DIGITAL;
        for (int n = 0; n < coarseSteps; n++) {
            boolean last = n == coarseSteps - 1;
            Arrays.fill(dwc, 0, m * stride, 0);
            for (int s = 0; s < sub; s++) {
                int k = n * sub + s;
                double t = t0 + k * hf;
                normals.next(z, rows * stride);
                if (digital && last && s == sub - 1) {
                    finishDigital(t, count, pf);
                    break;
                }
                fineStep(t, s, count);
                if (check) {
                    checkFinite(xf, count, false, t + hf, k, firstPath);
                }
            }
            if (factor == 0) {
                continue;
            }
            double t = t0 + n * hc;
            if (digital && last) {
                finishDigitalCoarse(t, hc, count, pc);
            } else {
                coarseStep(t, hc, count);
                if (check) {
                    checkFinite(xc, count, true, t + hc, (long) (n + 1) * sub - 1, firstPath);
                }
            }
        }
        if (!digital) {
            payoffs(xf, accF, minF, count, pf);
            if (factor != 0) {
                payoffs(xc, accC, minC, count, pc);
            }
        }
    }

    /** One fine step from t: sub-step s of the current coarse step. */
    private void fineStep(double t, int s, int count) {
        double sq = Math.sqrt(hf);
        for (int j = 0; j < m; j++) {
            int o = j * stride;
            for (int p = 0; p < count; p++) {
                double w = sq * z[o + p];
                z[o + p] = w;
                dwc[o + p] += w;
            }
        }
        if (kind != Payoff.Kind.FINAL) {
            System.arraycopy(xf, 0, old, 0, count);
        }
        step(t, hf, xf, z, count);
        switch (kind) {
            case ASIAN_ARITHMETIC, ASIAN_GEOMETRIC -> trapezoid(accF, old, xf, hf, count);
            case LOOKBACK -> {
                int so = s * stride;
                for (int p = 0; p < count; p++) {
                    double za = z[stride + p];
                    double zb = z[2 * stride + p];
                    double e = za * za + zb * zb; // −2 log U, U uniform
                    double gi = gv[p];
                    minF[p] = Math.min(minF[p], bridgeMinimum(old[p], xf[p], gi * gi * hf * e));
                    wSub[so + p] = dwc[p];
                    eSub[so + p] = e;
                }
            }
            default -> {
            }
        }
    }

    /** One coarse step from t with the summed increments. */
    private void coarseStep(double t, double hc, int count) {
        if (kind != Payoff.Kind.FINAL) {
            System.arraycopy(xc, 0, old, 0, count);
        }
        step(t, hc, xc, dwc, count);
        switch (kind) {
            case ASIAN_ARITHMETIC, ASIAN_GEOMETRIC -> trapezoid(accC, old, xc, hc, count);
            case LOOKBACK -> {
                int sub = factor;
                for (int p = 0; p < count; p++) {
                    double a = old[p];
                    double b = xc[p];
                    double gi = gv[p];
                    double dw = dwc[p];
                    double left = a;
                    for (int s = 0; s < sub; s++) {
                        double frac = (s + 1) / (double) sub;
                        double w = wSub[s * stride + p];
                        double right = s == sub - 1 ? b : a + frac * (b - a) + gi * (w - frac * dw);
                        minC[p] = Math.min(minC[p], bridgeMinimum(left, right, gi * gi * hf * eSub[s * stride + p]));
                        left = right;
                    }
                }
            }
            default -> {
            }
        }
    }

    /** {@code x += f h + g ΔW (+ ½ g g' (ΔW² − h))}, the increments in {@code dw}. */
    private void step(double t, double h, double[] x, double[] dw, int count) {
        f.evaluate(t, x, fv, count, stride);
        g.evaluate(t, x, gv, count, stride);
        boolean milstein = dg != null;
        if (milstein) {
            dg.evaluate(t, x, dgv, count, stride);
        }
        for (int i = 0; i < d; i++) {
            int o = i * stride;
            int r = diagonal ? i * stride : 0;
            if (milstein) {
                for (int p = 0; p < count; p++) {
                    double w = dw[r + p];
                    double gi = gv[o + p];
                    x[o + p] += fv[o + p] * h + gi * w + 0.5 * gi * dgv[o + p] * (w * w - h);
                }
            } else {
                for (int p = 0; p < count; p++) {
                    x[o + p] += fv[o + p] * h + gv[o + p] * dw[r + p];
                }
            }
        }
    }

    /** The digital's fine value: the conditional expectation over the last fine step from t. */
    private void finishDigital(double t, int count, double[] pf) {
        f.evaluate(t, xf, fv, count, stride);
        g.evaluate(t, xf, gv, count, stride);
        for (int p = 0; p < count; p++) {
            pf[p] = conditionalDigital(xf[p] + fv[p] * hf, Math.abs(gv[p]) * Math.sqrt(hf));
        }
    }

    /**
     * The digital's coarse value: the last coarse step from t taken only to T − h_f, with the first M − 1 fine
     * increments (their sum is in dwc), then the conditional expectation over the last h_f, the coefficients frozen
     * at t. The partial step is Euler's, even for Milstein: then, given the state at t, the coarse value has exactly
     * the law of the previous level's fine value, {@code D Φ((X + f M h_f − K)/(|g| √(M h_f)))} averaged over the
     * Gaussian partial increment, so the levels telescope.
     */
    private void finishDigitalCoarse(double t, double hc, int count, double[] pc) {
        f.evaluate(t, xc, fv, count, stride);
        g.evaluate(t, xc, gv, count, stride);
        double part = hc - hf;
        for (int p = 0; p < count; p++) {
            double gi = gv[p];
            double x = xc[p] + fv[p] * part + gi * dwc[p];
            pc[p] = conditionalDigital(x + fv[p] * hf, Math.abs(gi) * Math.sqrt(hf));
        }
    }

    private double conditionalDigital(double mean, double sd) {
        double k = payoff.strike();
        double probability = sd > 0 ? Gaussian.cdf((mean - k) / sd) : (mean > k ? 1 : 0);
        return payoff.factor() * probability;
    }

    /** {@code acc += ½ h (τ(a) + τ(b))}, τ = identity or log. */
    private void trapezoid(double[] acc, double[] a, double[] b, double h, int count) {
        if (kind == Payoff.Kind.ASIAN_GEOMETRIC) {
            for (int p = 0; p < count; p++) {
                acc[p] += 0.5 * h * (Math.log(a[p]) + Math.log(b[p]));
            }
        } else {
            for (int p = 0; p < count; p++) {
                acc[p] += 0.5 * h * (a[p] + b[p]);
            }
        }
    }

    /** The minimum of a Brownian bridge from a to b whose variance over the step is v, given −2 log U in it. */
    static double bridgeMinimum(double a, double b, double spread) {
        double diff = b - a;
        return 0.5 * (a + b - Math.sqrt(diff * diff + spread));
    }

    private void payoffs(double[] x, double[] acc, double[] min, int count, double[] out) {
        double span = fineSteps * hf;
        double k = payoff.strike();
        double c = payoff.factor();
        switch (kind) {
            case FINAL -> {
                for (int p = 0; p < count; p++) {
                    for (int i = 0; i < d; i++) {
                        state[i] = x[i * stride + p];
                    }
                    out[p] = payoff.ofFinal(state);
                }
            }
            case ASIAN_ARITHMETIC -> {
                for (int p = 0; p < count; p++) {
                    out[p] = c * Math.max(acc[p] / span - k, 0);
                }
            }
            case ASIAN_GEOMETRIC -> {
                for (int p = 0; p < count; p++) {
                    out[p] = c * Math.max(Math.exp(acc[p] / span) - k, 0);
                }
            }
            case LOOKBACK -> {
                for (int p = 0; p < count; p++) {
                    out[p] = c * (x[p] - min[p]);
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private void checkFinite(double[] x, int count, boolean coarse, double time, long step, long firstPath) {
        for (int p = 0; p < count; p++) {
            for (int i = 0; i < d; i++) {
                if (!Double.isFinite(x[i * stride + p])) {
                    throw new LevelDivergedException(level, coarse, time, step, firstPath + p, coarse ? hf * factor : hf);
                }
            }
        }
    }
}
