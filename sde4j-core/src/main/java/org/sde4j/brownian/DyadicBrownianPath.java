package org.sde4j.brownian;

import org.sde4j.random.KeyedStream;
import org.sde4j.sde.Require;

/**
 * A Brownian motion on one interval {@code [a, a + L]}, queried only at the dyadic points
 * {@code a + n L / 2^D} (position {@code n} in {@code [0, 2^D]}), where every value is exactly distributed: the
 * path an adaptive ensemble steps on. A virtual Brownian tree ({@link VirtualBrownianTree}, the same dyadic
 * engine) restricted to its exact points, re-keyable in O(1) so one instance serves every path of a thread.
 *
 * <p>{@link #reset(long, int, double, double)} keys the path by {@code (seed, path, segment)}: the root increment
 * {@code W(a + L) − W(a) ~ N(0, L)} (and with Lévy area its space-time Lévy area {@code H ~ N(0, L/12)}) is drawn
 * from a {@link KeyedStream} keyed by those three numbers, and every midpoint below from the exact conditional
 * law given its interval ({@link DyadicBridge}; Gaines &amp; Lyons 1997, Foster 2020). A value is a pure function
 * of {@code (seed, path, segment, position)}, never of the order of queries — which is what lets an adaptive
 * solver reject a step and ask for the halves of the same interval without redrawing anything. Independent
 * segments with distinct keys placed end to end form one Brownian path, since increments over disjoint
 * intervals are independent.
 *
 * <p>Time of position n is computed with the very additions the bridge compares with ({@link #time}), so the
 * query of a dyadic point descends exactly to its level: a value at level ℓ costs at most ℓ node expansions,
 * and consecutive queries about one each.
 *
 * <p>Thread-confined (caches); allocation-free after construction.
 */
public final class DyadicBrownianPath {
    private final int m;
    private final boolean levy;
    private final int depth;
    private final long seed;
    private final DyadicBridge bridge;
    private final KeyedStream root = new KeyedStream();
    private final double[] zeros;
    private final double[] rootW;
    private final double[] rootH;
    private final double[] halves;
    private double start = Double.NaN;
    private double length;
    /** The last position {@link #time} computed, and its time (a solver asks for a step end's time, then its value). */
    private long timedPosition = -1;
    private double timed;

    private DyadicBrownianPath(int m, boolean levy, int depth, long seed) {
        this.m = m;
        this.levy = levy;
        this.depth = depth;
        this.seed = seed;
        this.bridge = new DyadicBridge(m, levy, depth, seed);
        this.zeros = new double[m];
        this.rootW = new double[m];
        this.rootH = new double[m];
        this.halves = new double[depth + 1];
    }

    /**
     * @param dimension m, the number of independent Brownian motions
     * @param levyArea  whether values carry K(t) = ∫ W du, hence the space-time Lévy area of any dyadic interval
     * @param depth     D, the finest level: positions run over {@code [0, 2^D]}, 1 ≤ D ≤ 50
     * @param seed      the root seed
     * @throws IllegalArgumentException naming an invalid dimension or depth
     */
    public static DyadicBrownianPath of(int dimension, boolean levyArea, int depth, long seed) {
        Require.positive("dimension", dimension);
        if (depth < 1 || depth > DyadicBridge.MAX_DEPTH) {
            throw new IllegalArgumentException("depth = " + depth + ": must be in [1, " + DyadicBridge.MAX_DEPTH + "]");
        }
        return new DyadicBrownianPath(dimension, levyArea, depth, seed);
    }

    /** The finest level D. */
    public int depth() {
        return depth;
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
     * Keys this path by {@code (seed, path, segment)} on {@code [start, start + length]}.
     *
     * @throws IllegalArgumentException when the interval is not finite and positive, or too short for D levels at
     *                                  the precision of its times (the finest spacing must exceed 16 ulps)
     */
    public void reset(long path, int segment, double start, double length) {
        Require.finite("start", start);
        Require.positive("length", length);
        double finest = Math.scalb(length, -depth);
        if (!(finest > 16 * Math.ulp(Math.abs(start) + length))) {
            throw new IllegalArgumentException("length = " + length + ": its 2^-" + depth + " part " + finest
                    + " is below the precision of times near " + start + "; use fewer levels (a larger dtMin)");
        }
        this.start = start;
        this.length = length;
        this.timedPosition = -1;
        for (int level = 0; level <= depth; level++) {
            halves[level] = Math.scalb(length, -level);
        }
        // The stream keyed by (seed, path, −1 − segment) gives the bridge's root key, then the root's normals.
        root.reset(seed, path, -1L - segment);
        long key = root.nextLong() >>> 7;
        double sqrtLength = Math.sqrt(length);
        double sqrtTwelfth = Math.sqrt(length / 12);
        for (int j = 0; j < m; j++) {
            rootW[j] = sqrtLength * root.gaussian().sample();
            rootH[j] = levy ? sqrtTwelfth * root.gaussian().sample() : 0.0;
        }
        bridge.setRoot(key, start, length, zeros, zeros, rootW, rootH);
    }

    /** The end position {@code 2^D}. */
    public long end() {
        return 1L << depth;
    }

    /**
     * The time of position n: {@code a + n L / 2^D} summed level by level, {@code a + Σ_{bits} L/2^ℓ}, as the
     * bridge computes its midpoints (position {@code 2^D} is exactly {@code a + L}).
     */
    public double time(long position) {
        if (position == end()) {
            return start + length;
        }
        if (position == timedPosition) {
            return timed;
        }
        // Add the halves of the set bits from the coarsest level down: the bridge's order of additions.
        double x = start;
        long rest = position;
        while (rest != 0) {
            int bit = 63 - Long.numberOfLeadingZeros(rest);
            x += halves[depth - bit];
            rest &= ~(1L << bit);
        }
        timedPosition = position;
        timed = x;
        return x;
    }

    /**
     * {@link #value} and {@link #time} of position n at once: writes the values and returns the time, both the same
     * bits as the two calls give, but found by the bits of n alone (no time comparisons), which makes it the cheaper
     * query for a solver that needs both.
     *
     * @param kOut length m, or null without Lévy area
     * @throws IllegalArgumentException when n is outside {@code [0, 2^D]}
     */
    public double valueAndTime(long position, double[] wOut, double[] kOut) {
        if (position < 0 || position >= end()) {
            value(position, wOut, kOut);
            return time(position);
        }
        return bridge.evaluateDyadic(position, wOut, levy ? kOut : null);
    }

    /**
     * Writes {@code W(t) − W(a)} and, with Lévy area, {@code K(t) = ∫_a^t (W(u) − W(a)) du} at {@code t = time(n)}.
     *
     * @param kOut length m, or null without Lévy area
     * @throws IllegalArgumentException when n is outside {@code [0, 2^D]}
     */
    public void value(long position, double[] wOut, double[] kOut) {
        if (position < 0 || position > end()) {
            throw new IllegalArgumentException("position = " + position + ": must be in [0, 2^" + depth + "]");
        }
        if (position == end()) {
            for (int j = 0; j < m; j++) {
                wOut[j] = rootW[j];
                if (kOut != null) {
                    kOut[j] = length * (0.5 * rootW[j] + rootH[j]);
                }
            }
            return;
        }
        bridge.evaluate(time(position), wOut, levy ? kOut : null);
    }
}
