package org.sde4j.brownian;

import java.util.Arrays;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.random.KeyedStream;
import org.sde4j.sde.Require;

/**
 * A Brownian motion drawn on demand and remembered: the path an adaptive ensemble steps on. It keeps the points
 * it has drawn ahead of the solver, and a query at a time between two kept points is drawn from the exact
 * conditional law given them (a Brownian bridge); a query beyond the last kept point is drawn forward. This is
 * rejection sampling with memory (RSwM; Rackauckas &amp; Nie 2017) in its plainest form: a rejected step's end stays
 * a kept point, so the shorter step tried next is a bridge inside it, and no noise is ever redrawn.
 *
 * <p><b>Values.</b> {@code W(t) − W(t0)} and, with Lévy area, {@code K(t) = ∫_{t0}^t (W(u) − W(t0)) du}, from which
 * the space-time Lévy area of any step follows. Between kept points {@code a < b} ({@code Δ = b − a}, increment
 * {@code W}, Lévy area {@code H = (K_b − K_a − Δ W_a)/Δ − W/2}) the left part of a split at {@code x = a + rΔ},
 * {@code q = 1 − r}, is drawn from the conditional Gaussian law of its increment W₁ and Lévy area H₁ given (W, H)
 * (derived from {@code W = W₁ + W₂}, {@code H = r H₁ + q H₂ + (q W₁ − r W₂)/2}, the four parts independent with
 * variances {@code rΔ, rΔ/12, qΔ, qΔ/12}):
 *
 * <pre>
 *   E W₁ = r W + 6 r q H,        Var W₁ = Δ r q (1 − 3 r q),
 *   E H₁ = r² H,                 Var H₁ = Δ r (1 − r³) / 12,      Cov(W₁, H₁) = −Δ q r³ / 2,
 *   without Lévy area:  W₁ = r W + √(Δ r q) Z
 * </pre>
 *
 * <p>(at r = ½ these are the midpoint formulas of {@link DyadicBridge}, Foster 2020); then
 * {@code W(x) = W_a + W₁}, {@code K(x) = K_a + rΔ (W_a + W₁/2 + H₁)}. Forward from the last kept point,
 * {@code W₁ ~ N(0, Δ)} and {@code H₁ ~ N(0, Δ/12)} independently.
 *
 * <p><b>Why it is exactly distributed and reproducible.</b> Each new value is drawn from its exact law given every
 * value drawn before (the pair (W, K) is a Gaussian Markov process, so that law depends only on the two kept
 * neighbours), whatever the solver's choices. The normals come, in order, from a {@link KeyedStream} keyed by
 * {@code (seed, path)}, so the path is a function of the key and of the solver's (deterministic) queries, never of a
 * thread. {@link #reset} draws the values at the anchor times first (the saved times of an ensemble), in time
 * order, W at every anchor before any Lévy area: the values at the anchors are a pure function of
 * {@code (seed, path)}, the same for any tolerance, scheme or query order, which is what lets a study compare
 * each path with its exact solution.
 *
 * <p>Cost: a query that lands between kept points, or beyond them, costs one normal per channel (two with Lévy
 * area) and a few flops. The points ahead of the solver are a stack, nearest on top: the bridge inside the nearest
 * gap (every step, once W at the next saved time is drawn) is a push, an accepted step ({@link #forgetBefore}) a
 * pop. Thread-confined; allocation-free once its store has grown to the most points a path keeps at once.
 */
public final class OnDemandBrownianPath {
    /** The stream's second key word, after (seed, path): keeps these normals apart from other streams of the seed. */
    private static final long STREAM = 0x4f6e44656d616e64L;

    private final int m;
    private final boolean levy;
    private final long seed;
    private final KeyedStream stream = new KeyedStream();
    private final ContinuousSampler normal = stream.gaussian();
    /** The base: the earliest point kept, where the solver stands (W at {@code [j]}, K likewise). */
    private double baseTime;
    private final double[] baseW;
    private final double[] baseK;
    /**
     * The points ahead of the base, a stack in decreasing time: index 0 the farthest, {@code count − 1} the nearest
     * (W at {@code [i · m + j]}, K likewise). A bridge inside the nearest gap is a push, an accepted step a pop.
     */
    private double[] times;
    private double[] ws;
    private double[] ks;
    private int count;

    private OnDemandBrownianPath(int m, boolean levy, long seed) {
        this.m = m;
        this.levy = levy;
        this.seed = seed;
        this.baseW = new double[m];
        this.baseK = new double[m];
        int capacity = 16;
        this.times = new double[capacity];
        this.ws = new double[capacity * m];
        this.ks = levy ? new double[capacity * m] : null;
    }

    /**
     * @param dimension m, the number of independent Brownian motions
     * @param levyArea  whether values carry K(t) = ∫ W du, hence the space-time Lévy area of any step
     * @param seed      the root seed
     */
    public static OnDemandBrownianPath of(int dimension, boolean levyArea, long seed) {
        return new OnDemandBrownianPath(Require.positive("dimension", dimension), levyArea, seed);
    }

    /** m. */
    public int dimension() {
        return m;
    }

    /** Whether values carry K, for Lévy areas. */
    public boolean hasLevyArea() {
        return levy;
    }

    /**
     * Starts path {@code path} at t0 (W = K = 0 there) and draws its values at the anchors, in order.
     *
     * @param anchors strictly increasing times after t0 (not modified; may be empty)
     * @throws IllegalArgumentException naming a non-finite t0 or an anchor out of order
     */
    public void reset(long path, double t0, double[] anchors) {
        Require.finite("t0", t0);
        stream.reset(seed, path, STREAM);
        baseTime = t0;
        java.util.Arrays.fill(baseW, 0.0);
        java.util.Arrays.fill(baseK, 0.0);
        count = 0;
        double previous = t0;
        for (double anchor : anchors) {
            if (!(anchor > previous) || !Double.isFinite(anchor)) {
                throw new IllegalArgumentException("anchors = " + Arrays.toString(anchors) + ": must increase"
                        + " strictly after t0 = " + t0);
            }
            previous = anchor;
        }
        // The stack holds the farthest point at index 0: fill it from the last anchor down. W first (forward, in time
        // order), then the Lévy areas, so the anchors' W are the same with or without them.
        int n = anchors.length;
        ensureCapacity(n);
        for (int a = 0; a < n; a++) {
            int i = n - 1 - a;
            times[i] = anchors[a];
            double delta = anchors[a] - (a == 0 ? t0 : anchors[a - 1]);
            double root = Math.sqrt(delta);
            for (int j = 0; j < m; j++) {
                double before = a == 0 ? 0.0 : ws[(i + 1) * m + j];
                ws[i * m + j] = before + root * normal.sample();
            }
        }
        for (int a = 0; levy && a < n; a++) {
            int i = n - 1 - a;
            double start = a == 0 ? t0 : anchors[a - 1];
            double delta = anchors[a] - start;
            double rootTwelfth = Math.sqrt(delta / 12);
            for (int j = 0; j < m; j++) {
                double wa = a == 0 ? 0.0 : ws[(i + 1) * m + j];
                double ka = a == 0 ? 0.0 : ks[(i + 1) * m + j];
                ks[i * m + j] = ka + delta * (wa + 0.5 * (ws[i * m + j] - wa) + rootTwelfth * normal.sample());
            }
        }
        count = n;
    }

    /**
     * Writes W(t) and, with Lévy area, K(t) (kOut may be null without it), drawing it if t is not a kept point.
     *
     * @throws IllegalArgumentException when t is not finite or lies before the earliest kept point
     */
    public void value(double t, double[] wOut, double[] kOut) {
        if (!(t >= baseTime) || t == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("t = " + t + ": must be finite and at least " + baseTime
                    + ", the earliest time this path still keeps");
        }
        if (t == baseTime) {
            copy(baseW, baseK, 0, wOut, kOut);
            return;
        }
        // The nearest kept point at or after t: scan the stack from its top (the nearest).
        int i = count - 1;
        while (i >= 0 && times[i] < t) {
            i--;
        }
        if (i >= 0 && times[i] == t) {
            copy(ws, ks, i * m, wOut, kOut);
            return;
        }
        int at = i < 0 ? forward(t) : bridge(i, t);
        copy(ws, ks, at * m, wOut, kOut);
    }

    private void copy(double[] w, double[] k, int offset, double[] wOut, double[] kOut) {
        for (int j = 0; j < m; j++) {
            wOut[j] = w[offset + j];
        }
        if (levy && kOut != null) {
            for (int j = 0; j < m; j++) {
                kOut[j] = k[offset + j];
            }
        }
    }

    /**
     * Drops the kept points at or before t, the last of them becoming the base: the caller asks for no earlier time
     * again (a solver that accepted a step to t).
     */
    public void forgetBefore(double t) {
        while (count > 0 && times[count - 1] <= t) {
            count--;
            baseTime = times[count];
            int o = count * m;
            for (int j = 0; j < m; j++) {
                baseW[j] = ws[o + j];
            }
            if (levy) {
                for (int j = 0; j < m; j++) {
                    baseK[j] = ks[o + j];
                }
            }
        }
    }

    /**
     * Drops every kept point after t, anchors included: the next query beyond t is drawn afresh. This is the naive
     * redraw of a rejected step that biases an adaptive solution's law; it exists for the test that shows so.
     */
    public void forgetAfter(double t) {
        int kept = 0;
        while (kept < count && times[count - 1 - kept] <= t) {
            kept++;
        }
        // The points at or before t are the top `kept` entries: move them down to the bottom of the stack.
        int from = count - kept;
        System.arraycopy(times, from, times, 0, kept);
        System.arraycopy(ws, from * m, ws, 0, kept * m);
        if (levy) {
            System.arraycopy(ks, from * m, ks, 0, kept * m);
        }
        count = kept;
    }

    /**
     * Draws the point t beyond every kept point (forward from the farthest, or from the base when none is kept), puts
     * it at the bottom of the stack and returns its index, 0.
     */
    private int forward(double t) {
        insertAt(0, t);
        double ta;
        double[] wa;
        double[] ka;
        int o;
        if (count > 1) {
            ta = times[1];
            wa = ws;
            ka = ks;
            o = m;
        } else {
            ta = baseTime;
            wa = baseW;
            ka = baseK;
            o = 0;
        }
        double delta = t - ta;
        double root = Math.sqrt(delta);
        for (int j = 0; j < m; j++) {
            ws[j] = wa[o + j] + root * normal.sample();
        }
        if (levy) {
            double rootTwelfth = Math.sqrt(delta / 12);
            for (int j = 0; j < m; j++) {
                double w0 = wa[o + j];
                ks[j] = ka[o + j] + delta * (w0 + 0.5 * (ws[j] - w0) + rootTwelfth * normal.sample());
            }
        }
        return 0;
    }

    /**
     * Draws the point t strictly between kept point b (after t) and the point before it (the next one up the stack,
     * or the base), inserts it above b and returns its index.
     */
    private int bridge(int b, double t) {
        int at = b + 1;
        insertAt(at, t);
        double ta;
        double[] wa;
        double[] ka;
        int o;
        if (at + 1 < count) {
            ta = times[at + 1];
            wa = ws;
            ka = ks;
            o = (at + 1) * m;
        } else {
            ta = baseTime;
            wa = baseW;
            ka = baseK;
            o = 0;
        }
        double tb = times[b];
        double delta = tb - ta;
        double inverse = 1.0 / delta;
        double r = (t - ta) * inverse;
        double q = (tb - t) * inverse;
        double s = t - ta;
        int ob = b * m;
        int ot = at * m;
        if (!levy) {
            double sd = Math.sqrt(delta * r * q);
            for (int j = 0; j < m; j++) {
                double w0 = wa[o + j];
                ws[ot + j] = w0 + r * (ws[ob + j] - w0) + sd * normal.sample();
            }
            return at;
        }
        // Z₁ drives W₁ (sdW) and part of H₁ (loading = Cov/sdW = −½ r² sdW / c), Z₂ the rest of H₁ (sdH, its
        // variance Var H₁ − loading² = Δ (r (1 − r³)/12 − q r⁵ / (4c)), formed without sdW so both roots run at once).
        double rq = r * q;
        double c = 1 - 3 * rq;
        double inverseC = 1.0 / c;
        double r2 = r * r;
        double sdW = Math.sqrt(delta * rq * c);
        double loading = -0.5 * r2 * sdW * inverseC;
        double sdH = Math.sqrt(Math.max(0.0, delta * (r * (1 - r2 * r) / 12 - 0.25 * q * r2 * r2 * r * inverseC)));
        for (int j = 0; j < m; j++) {
            double w0 = wa[o + j];
            double k0 = ka[o + j];
            double w = ws[ob + j] - w0;
            double h = (ks[ob + j] - k0 - delta * w0) * inverse - 0.5 * w;
            double z1 = normal.sample();
            double z2 = normal.sample();
            double w1 = r * w + 6 * rq * h + sdW * z1;
            double h1 = r2 * h + loading * z1 + sdH * z2;
            ws[ot + j] = w0 + w1;
            ks[ot + j] = k0 + s * (w0 + 0.5 * w1 + h1);
        }
        return at;
    }

    /** Opens slot `at` of the stack for time t (values to be written), moving the entries from `at` up by one. */
    private void insertAt(int at, double t) {
        ensureCapacity(count + 1);
        for (int i = count; i > at; i--) {
            times[i] = times[i - 1];
            for (int j = 0; j < m; j++) {
                ws[i * m + j] = ws[(i - 1) * m + j];
            }
            if (levy) {
                for (int j = 0; j < m; j++) {
                    ks[i * m + j] = ks[(i - 1) * m + j];
                }
            }
        }
        times[at] = t;
        count++;
    }

    private void ensureCapacity(int points) {
        if (points > times.length) {
            int capacity = Math.max(points, 2 * times.length);
            times = Arrays.copyOf(times, capacity);
            ws = Arrays.copyOf(ws, capacity * m);
            if (levy) {
                ks = Arrays.copyOf(ks, capacity * m);
            }
        }
    }
}
