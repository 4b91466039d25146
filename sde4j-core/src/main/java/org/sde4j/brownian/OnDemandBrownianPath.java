package org.sde4j.brownian;

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
 * neighbours), whatever the solver's choices. The normals come, in order, from a
 * {@link org.sde4j.random.KeyedStream} keyed by
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
 *
 * <p>The arithmetic lives in {@link LaneBrownianPaths}, which keeps many such paths at once for the block-adaptive
 * engine: this path is lane 0 of a block of one, so the two engines draw the same bits.
 */
public final class OnDemandBrownianPath {
    /** The path: lane 0 of a block of one. */
    private final LaneBrownianPaths lane;
    private final int[] lane0 = {0};
    private final double[] time = new double[1];
    /** The block's output rows, W and K of channel j in {@code [j][0]}. */
    private final double[][] w;
    private final double[][] k;

    private OnDemandBrownianPath(int m, boolean levy, long seed) {
        this.lane = LaneBrownianPaths.of(1, m, levy, seed);
        this.w = new double[m][1];
        this.k = new double[m][1];
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
        return lane.dimension();
    }

    /** Whether values carry K, for Lévy areas. */
    public boolean hasLevyArea() {
        return lane.hasLevyArea();
    }

    /**
     * Starts path {@code path} at t0 (W = K = 0 there) and draws its values at the anchors, in order.
     *
     * @param anchors strictly increasing times after t0 (not modified; may be empty)
     * @throws IllegalArgumentException naming a non-finite t0 or an anchor out of order
     */
    public void reset(long path, double t0, double[] anchors) {
        lane.reset(0, path, t0, anchors);
    }

    /**
     * Writes W(t) and, with Lévy area, K(t) (kOut may be null without it), drawing it if t is not a kept point.
     *
     * @throws IllegalArgumentException when t is not finite or lies before the earliest kept point
     */
    public void value(double t, double[] wOut, double[] kOut) {
        time[0] = t;
        lane.values(1, lane0, time, w, k);
        for (int j = 0; j < w.length; j++) {
            wOut[j] = w[j][0];
            if (kOut != null && lane.hasLevyArea()) {
                kOut[j] = k[j][0];
            }
        }
    }

    /**
     * Drops the kept points at or before t, the last of them becoming the base: the caller asks for no earlier time
     * again (a solver that accepted a step to t).
     */
    public void forgetBefore(double t) {
        lane.forgetBefore(0, t);
    }

    /**
     * Drops every kept point after t, anchors included: the next query beyond t is drawn afresh. This is the naive
     * redraw of a rejected step that biases an adaptive solution's law; it exists for the test that shows so.
     */
    public void forgetAfter(double t) {
        lane.forgetAfter(0, t);
    }
}
