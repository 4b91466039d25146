package org.sde4j.brownian;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.random.KeyedStream;
import org.sde4j.random.RandomStreams;
import org.sde4j.sde.Require;

/**
 * A Brownian path stored on the uniform grid {@code t_k = t0 + k δ} and refined between grid points by
 * Brownian bridge: any {@code t0 ≤ s < t ≤ t1} can be queried, any number of times, in any order.
 *
 * <p>The grid stores {@code W(t_k)} and, per grid interval, its space-time Lévy area {@code H_k}
 * (N(0, δ/12)), drawn from stream {@code (seed, path)} of {@link RandomStreams}. Inside interval k,
 * values come from a dyadic bridge pinned at both grid values ({@link DyadicBridge}: the exact
 * conditional law of the halves given (W, H)), with its normals keyed by {@code (seed, path, k, level,
 * node)}. So a refined value never depends on the query order, the refinement is exact in distribution
 * at the points {@code t_k + j δ/2^levels}, and between those the bridge mean is used. Coarse increments
 * are exact sums of fine ones, and {@link #spaceTimeLevyArea} is consistent under refinement.
 *
 * <p>Memory: (n + 1)·3m doubles. Thread-confined (a bridge cache is mutable).
 */
public final class RefinableGridPath implements SpaceTimeLevyAreaSource {
    private static final double GRID_TOLERANCE = 1e-9;

    private final double t0;
    private final double t1;
    private final int steps;
    private final int m;
    private final double delta;
    /** W(t_k) at k*m + j. */
    private final double[] values;
    /** K(t_k) = ∫_{t0}^{t_k} W du at k*m + j. */
    private final double[] integrals;
    /** H of interval k at k*m + j. */
    private final double[] areas;
    private final DyadicBridge bridge;
    private final double[] wa;
    private final double[] ka;
    private final double[] wk;
    private final double[] hk;
    private final double[] ws;
    private final double[] kS;
    private final double[] wt;
    private final double[] kT;
    private final double[] bulkW;
    private final double[] bulkH;

    private RefinableGridPath(double t0, double t1, int steps, int m, int levels, long bridgeSeed,
            ContinuousSampler normal) {
        this.t0 = t0;
        this.t1 = t1;
        this.steps = steps;
        this.m = m;
        this.delta = (t1 - t0) / steps;
        this.values = new double[(steps + 1) * m];
        this.integrals = new double[(steps + 1) * m];
        this.areas = new double[steps * m];
        double sqrtDelta = Math.sqrt(delta);
        double sqrtArea = Math.sqrt(delta / 12);
        for (int k = 0; k < steps; k++) {
            for (int j = 0; j < m; j++) {
                int i = k * m + j;
                double dw = sqrtDelta * normal.sample();
                double h = sqrtArea * normal.sample();
                values[i + m] = values[i] + dw;
                areas[i] = h;
                integrals[i + m] = integrals[i] + delta * (values[i] + 0.5 * dw + h);
            }
        }
        this.bridge = new DyadicBridge(m, true, levels, bridgeSeed);
        this.wa = new double[m];
        this.ka = new double[m];
        this.wk = new double[m];
        this.hk = new double[m];
        this.ws = new double[m];
        this.kS = new double[m];
        this.wt = new double[m];
        this.kT = new double[m];
        this.bulkW = new double[m];
        this.bulkH = new double[m];
    }

    /**
     * Samples path {@code path} of {@code seed}.
     *
     * @param steps  grid intervals n
     * @param levels bisection levels inside a grid interval (0 to 50): exact at spacing δ/2^levels
     * @throws IllegalArgumentException naming an invalid argument
     */
    public static RefinableGridPath sample(double t0, double t1, int steps, int dimension, int levels, long seed,
            long path) {
        Require.timeSpan(t0, t1);
        Require.positive("steps", steps);
        Require.positive("dimension", dimension);
        if (levels < 0 || levels > DyadicBridge.MAX_DEPTH) {
            throw new IllegalArgumentException("levels = " + levels + ": must be in [0, " + DyadicBridge.MAX_DEPTH + "]");
        }
        KeyedStream key = new KeyedStream();
        key.reset(seed, path, -7);
        return new RefinableGridPath(t0, t1, steps, dimension, levels, key.nextLong(), RandomStreams.gaussian(seed, path));
    }

    @Override
    public int dimension() {
        return m;
    }

    /** The grid spacing δ. */
    public double gridStep() {
        return delta;
    }

    /** Writes {@code out = W(t) − W(t0)} for any t in [t0, t1]. */
    public void value(double t, double[] out) {
        evaluate("t", t, out, null);
    }

    @Override
    public void increment(double s, double t, double[] out) {
        check(s, t);
        evaluate("s", s, ws, null);
        evaluate("t", t, out, null);
        for (int j = 0; j < m; j++) {
            out[j] -= ws[j];
        }
    }

    /** The increments over consecutive intervals; identical to successive {@link #increment} calls. */
    @Override
    public void increments(double[] times, int from, int count, double[] out) {
        check(times[from], times[from + 1]);
        evaluate("s", times[from], ws, null);
        for (int k = 0; k < count; k++) {
            check(times[from + k], times[from + k + 1]);
            evaluate("t", times[from + k + 1], wt, null);
            for (int j = 0; j < m; j++) {
                out[k * m + j] = wt[j] - ws[j];
            }
            System.arraycopy(wt, 0, ws, 0, m);
        }
    }

    @Override
    public void spaceTimeLevyArea(double s, double t, double[] w, double[] h) {
        check(s, t);
        evaluate("s", s, ws, kS);
        evaluate("t", t, wt, kT);
        double span = t - s;
        for (int j = 0; j < m; j++) {
            double inc = wt[j] - ws[j];
            w[j] = inc;
            h[j] = (kT[j] - kS[j] - span * ws[j]) / span - 0.5 * inc;
        }
    }

    private void evaluate(String name, double x, double[] wOut, double[] kOut) {
        if (!(x >= t0 && x <= t1)) {
            throw new IllegalArgumentException(name + " = " + x + ": must lie in [t0, t1] = [" + t0 + ", " + t1 + "]");
        }
        double position = (x - t0) / delta;
        long k = Math.round(position);
        if (Math.abs(position - k) <= GRID_TOLERANCE * Math.max(1.0, position)) {
            System.arraycopy(values, (int) k * m, wOut, 0, m);
            if (kOut != null) {
                System.arraycopy(integrals, (int) k * m, kOut, 0, m);
            }
            return;
        }
        int interval = (int) Math.min(steps - 1, Math.floor(position));
        int i = interval * m;
        for (int j = 0; j < m; j++) {
            wa[j] = values[i + j];
            ka[j] = integrals[i + j];
            wk[j] = values[i + m + j] - values[i + j];
            hk[j] = areas[i + j];
        }
        bridge.setRoot(interval, t0 + interval * delta, delta, wa, ka, wk, hk);
        bridge.evaluate(x, wOut, kOut == null ? kT : kOut);
    }

    private static void check(double s, double t) {
        if (!(t > s)) {
            throw new IllegalArgumentException("t = " + t + ": must be greater than s = " + s);
        }
    }

    @Override
    public void spaceTimeLevyAreas(double[] times, int from, int count, double[] w, double[] h) {
        for (int k = 0; k < count; k++) {
            spaceTimeLevyArea(times[from + k], times[from + k + 1], bulkW, bulkH);
            System.arraycopy(bulkW, 0, w, k * bulkW.length, bulkW.length);
            System.arraycopy(bulkH, 0, h, k * bulkH.length, bulkH.length);
        }
    }
}
