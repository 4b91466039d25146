package org.sde4j.brownian;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.sde.Require;

/**
 * A Brownian path with its iterated integrals stored on a fine uniform grid, queried on any coarser
 * grid of the same points: the same path, with the same Lévy areas, at several step sizes. This is
 * what a strong-convergence study of a scheme for non-commutative noise needs.
 *
 * <p>Each fine step of size δ gets ΔW and its Lévy area from a {@link LevyAreaSampler} (method and
 * terms fixed at construction); a coarse step {@code [t_a, t_b]} combines fine steps by Chen's
 * relation
 *
 * <pre>    I_jk(t_a, t_c) = I_jk(t_a, t_b) + I_jk(t_b, t_c) + ΔW_j(t_a, t_b) ΔW_k(t_b, t_c),</pre>
 *
 * <p>which holds exactly for iterated Itô integrals, so coarse integrals are those of the same path.
 * Memory: n (m + m²) doubles. Immutable after construction (queries use a caller-free scratch that is
 * per instance: thread-confined).
 */
public final class GridIteratedIntegrals implements IteratedIntegralSource {
    private static final double GRID_TOLERANCE = 1e-9;

    private final double t0;
    private final int steps;
    private final int m;
    private final double delta;
    private final double[] dws;
    private final double[] fine;
    private final double[] dwOne;
    private final double[] iOne;

    private GridIteratedIntegrals(double t0, double t1, int steps, int m, LevyAreaSampler sampler,
            ContinuousSampler normal) {
        this.t0 = t0;
        this.steps = steps;
        this.m = m;
        this.delta = (t1 - t0) / steps;
        this.dws = new double[steps * m];
        this.fine = new double[steps * m * m];
        double[] dw = new double[m];
        double[] ii = new double[m * m];
        double sqrtDelta = Math.sqrt(delta);
        for (int k = 0; k < steps; k++) {
            for (int j = 0; j < m; j++) {
                dw[j] = sqrtDelta * normal.sample();
            }
            sampler.sample(delta, dw, normal, ii);
            System.arraycopy(dw, 0, dws, k * m, m);
            System.arraycopy(ii, 0, fine, k * m * m, m * m);
        }
        this.dwOne = new double[m];
        this.iOne = new double[m * m];
    }

    /**
     * Samples a path on {@code steps} fine steps.
     *
     * @param normal N(0, 1) draws (consumed in time order: ΔW, then the Lévy-area normals, per step)
     * @param method Lévy-area method of the fine steps
     * @param terms  its Fourier terms
     */
    public static GridIteratedIntegrals sample(double t0, double t1, int steps, int dimension, LevyAreaMethod method,
            int terms, ContinuousSampler normal) {
        Require.timeSpan(t0, t1);
        Require.positive("steps", steps);
        Require.nonNull("normal", normal);
        return new GridIteratedIntegrals(t0, t1, steps, dimension, new LevyAreaSampler(dimension, method, terms), normal);
    }

    @Override
    public int dimension() {
        return m;
    }

    @Override
    public void increment(double s, double t, double[] out) {
        int a = gridIndex("s", s);
        int b = gridIndex("t", t);
        order(a, b, s, t);
        java.util.Arrays.fill(out, 0, m, 0.0);
        for (int k = a; k < b; k++) {
            for (int j = 0; j < m; j++) {
                out[j] += dws[k * m + j];
            }
        }
    }

    @Override
    public void iteratedIntegrals(double s, double t, double[] dw, double[] integrals) {
        int a = gridIndex("s", s);
        int b = gridIndex("t", t);
        order(a, b, s, t);
        java.util.Arrays.fill(dw, 0, m, 0.0);
        java.util.Arrays.fill(integrals, 0, m * m, 0.0);
        for (int k = a; k < b; k++) {
            int base = k * m;
            int ib = k * m * m;
            for (int j = 0; j < m; j++) {
                double wj = dw[j];
                for (int l = 0; l < m; l++) {
                    integrals[j * m + l] += fine[ib + j * m + l] + wj * dws[base + l];
                }
            }
            for (int j = 0; j < m; j++) {
                dw[j] += dws[base + j];
            }
        }
    }

    @Override
    public void increments(double[] times, int from, int count, double[] out) {
        for (int k = 0; k < count; k++) {
            increment(times[from + k], times[from + k + 1], dwOne);
            System.arraycopy(dwOne, 0, out, k * m, m);
        }
    }

    @Override
    public void iteratedIntegrals(double[] times, int from, int count, double[] dw, double[] integrals) {
        for (int k = 0; k < count; k++) {
            iteratedIntegrals(times[from + k], times[from + k + 1], dwOne, iOne);
            System.arraycopy(dwOne, 0, dw, k * m, m);
            System.arraycopy(iOne, 0, integrals, k * m * m, m * m);
        }
    }

    private void order(int a, int b, double s, double t) {
        if (b <= a) {
            throw new IllegalArgumentException("t = " + t + ": must be greater than s = " + s);
        }
    }

    private int gridIndex(String name, double time) {
        double position = (time - t0) / delta;
        long k = Math.round(position);
        if (k < 0 || k > steps || Math.abs(position - k) > GRID_TOLERANCE * Math.max(1.0, Math.abs(position))) {
            throw new IllegalArgumentException(name + " = " + time + ": must be a point of the grid t0 + k·δ with t0 = "
                    + t0 + ", δ = " + delta + ", 0 ≤ k ≤ " + steps);
        }
        return (int) k;
    }
}
