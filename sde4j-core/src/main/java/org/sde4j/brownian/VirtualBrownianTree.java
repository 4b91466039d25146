package org.sde4j.brownian;

import org.sde4j.random.KeyedStream;
import org.sde4j.sde.Require;

/**
 * A virtual Brownian tree (Gaines &amp; Lyons 1997; Li et al. 2020, "Scalable gradients for SDEs"):
 * W(s, t) for any {@code t0 ≤ s < t ≤ t1}, to a tolerance, without storing the path.
 *
 * <p>W(x) is found by bisecting {@code [t0, t1]} dyadically down to leaves of length at most
 * {@code tol}, drawing each midpoint from the Brownian bridge given its interval (see
 * {@link DyadicBridge} for the formulas). The normals of node {@code (level, index)} come from a
 * counter-based stream keyed by {@code (seed, level, index)} ({@link KeyedStream}), so <b>every value
 * depends only on (seed, s, t), never on which queries came before</b>. Values at the dyadic points
 * {@code t0 + k (t1 − t0)/2^depth} are exactly distributed; between them the bridge mean is used
 * (an error of order √tol). Time per query O(depth) = O(log((t1 − t0)/tol)); memory a fixed cache of
 * one expanded node per level, which makes consecutive queries cost about one node expansion each.
 *
 * <p>{@link #withSpaceTimeLevyArea} builds a tree whose nodes carry (W, H) pairs and that answers
 * {@link #spaceTimeLevyArea}; its W values differ from those of the plain tree of the same seed (the
 * midpoint law uses H), at twice the draws per node.
 *
 * <p>Thread-confined (the cache is mutable); create one tree per thread with the same seed to share a
 * path between threads.
 */
public final class VirtualBrownianTree implements SpaceTimeLevyAreaSource {
    private final double t0;
    private final double t1;
    private final int dimension;
    private final boolean levy;
    private final DyadicBridge bridge;
    private final double[] scratchW;
    private final double[] scratchK;
    private final double[] lastW;
    private final double[] lastK;
    private double lastX = Double.NaN;
    private final double[] bulkW;
    private final double[] bulkH;
    private final double leafLength;

    private VirtualBrownianTree(double t0, double t1, double tol, int dimension, long seed, boolean levy) {
        Require.timeSpan(t0, t1);
        Require.positive("tol", tol);
        this.t0 = t0;
        this.t1 = t1;
        this.dimension = Require.positive("dimension", dimension);
        this.levy = levy;
        int depth = DyadicBridge.depthFor(t1 - t0, tol);
        this.leafLength = (t1 - t0) / Math.pow(2, depth);
        this.bridge = new DyadicBridge(dimension, levy, depth, seed);
        double[] w0 = new double[dimension];
        double[] h0 = new double[dimension];
        KeyedStream root = new KeyedStream();
        root.reset(seed, -1, 0);
        double span = t1 - t0;
        for (int j = 0; j < dimension; j++) {
            w0[j] = Math.sqrt(span) * root.gaussian().sample();
            h0[j] = levy ? Math.sqrt(span / 12) * root.gaussian().sample() : 0.0;
        }
        bridge.setRoot(0, t0, span, new double[dimension], new double[dimension], w0, h0);
        this.scratchW = new double[dimension];
        this.scratchK = new double[dimension];
        this.lastW = new double[dimension];
        this.lastK = new double[dimension];
        this.bulkW = new double[dimension];
        this.bulkH = new double[dimension];
    }

    /**
     * A tree of W alone.
     *
     * @param tol leaf length: W is exact in distribution at spacing ≤ tol
     * @throws IllegalArgumentException naming an invalid span, tolerance or dimension
     */
    public static VirtualBrownianTree of(double t0, double t1, double tol, int dimension, long seed) {
        return new VirtualBrownianTree(t0, t1, tol, dimension, seed, false);
    }

    /**
     * The length of the tree's leaves, (t1 − t0)/2^depth ≤ tol: increments over intervals at least this long and
     * on its dyadic points are exact in distribution; finer queries are interpolated.
     */
    public double leafLength() {
        return leafLength;
    }

    /** A tree of (W, H) pairs, answering {@link #spaceTimeLevyArea} too. */
    public static VirtualBrownianTree withSpaceTimeLevyArea(double t0, double t1, double tol, int dimension, long seed) {
        return new VirtualBrownianTree(t0, t1, tol, dimension, seed, true);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /**
     * Writes {@code out = W(t) − W(t0)}.
     *
     * @throws IllegalArgumentException when t is outside [t0, t1]
     */
    public void value(double t, double[] out) {
        point("t", t);
        System.arraycopy(lastW, 0, out, 0, dimension);
    }

    @Override
    public void increment(double s, double t, double[] out) {
        checkOrder(s, t);
        point("s", s);
        System.arraycopy(lastW, 0, scratchW, 0, dimension);
        point("t", t);
        for (int j = 0; j < dimension; j++) {
            out[j] = lastW[j] - scratchW[j];
        }
    }

    @Override
    public void increments(double[] times, int from, int count, double[] out) {
        int m = dimension;
        point("s", times[from]);
        double[] previous = scratchW;
        double[] current = lastW;
        for (int k = 0; k < count; k++) {
            double t = times[from + k + 1];
            checkOrder(times[from + k], t);
            for (int j = 0; j < m; j++) {
                previous[j] = current[j];
            }
            point("t", t);
            for (int j = 0; j < m; j++) {
                out[k * m + j] = current[j] - previous[j];
            }
        }
    }

    /**
     * @throws IllegalStateException when the tree was built without Lévy area
     */
    @Override
    public void spaceTimeLevyArea(double s, double t, double[] w, double[] h) {
        if (!levy) {
            throw new IllegalStateException("this virtual Brownian tree carries no Lévy area: build it with"
                    + " VirtualBrownianTree.withSpaceTimeLevyArea(...)");
        }
        checkOrder(s, t);
        point("s", s);
        System.arraycopy(lastW, 0, scratchW, 0, dimension);
        System.arraycopy(lastK, 0, scratchK, 0, dimension);
        point("t", t);
        double span = t - s;
        for (int j = 0; j < dimension; j++) {
            double ws = lastW[j] - scratchW[j];
            w[j] = ws;
            h[j] = (lastK[j] - scratchK[j] - span * scratchW[j]) / span - 0.5 * ws;
        }
    }

    /** Evaluates W (and K) at x into lastW, lastK, reusing the previous point's value. */
    private void point(String name, double x) {
        if (x == lastX) {
            return;
        }
        if (!(x >= t0 && x <= t1)) {
            throw new IllegalArgumentException(name + " = " + x + ": must lie in [t0, t1] = [" + t0 + ", " + t1 + "]");
        }
        bridge.evaluate(x, lastW, levy ? lastK : null);
        lastX = x;
    }

    private static void checkOrder(double s, double t) {
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
