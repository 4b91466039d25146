package org.sde4j.brownian;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.random.KeyedStream;

/**
 * The engine shared by {@link VirtualBrownianTree} and {@link RefinableGridPath}: W (and optionally the
 * time integral K(x) = ∫ W du, hence space-time Lévy area) at any point of a root interval
 * {@code [a, a + L]}, by dyadic bisection with Brownian-bridge midpoint sampling.
 *
 * <p>A node is an interval {@code [a, a + ℓ]} carrying its increment W and, with Lévy area, its
 * space-time Lévy area {@code H = (1/ℓ) ∫ (W_{a,u} − (u − a)/ℓ W) du}. Its two halves are drawn from
 * the exact conditional law (Foster 2020, "Numerical approximations for stochastic differential
 * equations", thesis §3; the same formulas drive diffrax's tree): with {@code Z₁, Z₂ ~ N(0, 1)} keyed by
 * {@code (seed, root, level, index)},
 *
 * <pre>
 *   without H:  W_left = W/2 + (√ℓ/2) Z₁
 *   with H:     A = 3H + (√ℓ/2) Z₁,   B = 2H − A/2,   C = √(ℓ/12) Z₂
 *               W_left = (W + A)/2,  W_right = (W − A)/2,  H_left = (B + C)/2,  H_right = (B − C)/2
 * </pre>
 *
 * <p>(derivation: the halves satisfy {@code W = W₁ + W₂}, {@code H = (H₁ + H₂)/2 + (W₁ − W₂)/4}; condition
 * the Gaussian vector on these two values). At the deepest level a point inside a leaf gets the
 * conditional mean {@code W(a) + r W + 6 r(1 − r) H}, {@code r = (x − a)/ℓ} (the bridge mean given W
 * and H; {@code W(a) + r W} without H), so values are continuous in x and exactly distributed at the
 * dyadic points of the deepest level.
 *
 * <p>Every value is a pure function of the key and x. Two caches, O(depth · m) doubles fixed at
 * construction, only avoid recomputation: the children of one expanded node per level, and the nodes
 * of earlier descents, from which a query resumes instead of starting at the root (their bounds are
 * the exact floating-point midpoints a root descent compares x with, so the route and the arithmetic
 * are the same). Consecutive queries on a grid therefore cost about one node expansion each.
 */
final class DyadicBridge {
    /** Deepest supported level: 2^-50 of the root interval. */
    static final int MAX_DEPTH = 50;
    private static final double SQRT_TWELFTH = Math.sqrt(1.0 / 12);

    private final int m;
    private final boolean levy;
    private final int depth;
    private final long seed;
    private final KeyedStream stream = new KeyedStream();
    private final ContinuousSampler normal = stream.gaussian();
    /** Index of the node at each level whose children are stored in the child arrays (−1: none). */
    private final long[] expanded;
    /** Children of that node, at level·m + j: left and right increments and Lévy areas. */
    private final double[] leftW;
    private final double[] leftH;
    private final double[] rightW;
    private final double[] rightH;
    /** The node at each level of the current (or an earlier) descent: start, exclusive end, index. */
    private final double[] nodeA;
    private final double[] nodeEnd;
    private final double[] nodeLength;
    private final double[] nodeSqrtLength;
    private final long[] nodeIndex;
    /** W(a), K(a), the increment W and the Lévy area H of that node, at level·m + j (copies). */
    private final double[] nodeWa;
    private final double[] nodeKa;
    private final double[] nodeW;
    private final double[] nodeH;
    /** The level where the previous query ended; the node entries of levels 0..lastLevel are valid. */
    private int lastLevel;
    private long rootKey = Long.MIN_VALUE;

    DyadicBridge(int m, boolean levy, int depth, long seed) {
        this.m = m;
        this.levy = levy;
        this.depth = depth;
        this.seed = seed;
        this.expanded = new long[depth];
        this.leftW = new double[depth * m];
        this.leftH = new double[depth * m];
        this.rightW = new double[depth * m];
        this.rightH = new double[depth * m];
        this.nodeA = new double[depth + 1];
        this.nodeEnd = new double[depth + 1];
        this.nodeLength = new double[depth + 1];
        this.nodeSqrtLength = new double[depth + 1];
        this.nodeIndex = new long[depth + 1];
        this.nodeWa = new double[(depth + 1) * m];
        this.nodeKa = new double[(depth + 1) * m];
        this.nodeW = new double[(depth + 1) * m];
        this.nodeH = new double[(depth + 1) * m];
    }

    /** The number of levels below the root (leaves have length {@code L / 2^depth}). */
    static int depthFor(double length, double tolerance) {
        double levels = Math.ceil(Math.log(length / tolerance) / Math.log(2) - 1e-12);
        if (levels > MAX_DEPTH) {
            throw new IllegalArgumentException("tol = " + tolerance + ": needs " + (long) levels + " levels of bisection"
                    + " over an interval of length " + length + ", more than " + MAX_DEPTH
                    + "; choose tol ≥ length · 2^-" + MAX_DEPTH);
        }
        return (int) Math.max(0, levels);
    }

    /**
     * Sets the root interval; a different key clears the caches. The same key must always come with
     * the same values (callers derive both from the key).
     */
    void setRoot(long key, double start, double length, double[] w0a, double[] k0a, double[] w0, double[] h0) {
        if (key == rootKey) {
            return;
        }
        rootKey = key;
        nodeA[0] = start;
        nodeEnd[0] = Double.POSITIVE_INFINITY;
        nodeIndex[0] = 0;
        for (int level = 0; level <= depth; level++) {
            nodeLength[level] = Math.scalb(length, -level);
            nodeSqrtLength[level] = Math.sqrt(nodeLength[level]);
        }
        System.arraycopy(w0a, 0, nodeWa, 0, m);
        System.arraycopy(w0, 0, nodeW, 0, m);
        if (levy) {
            System.arraycopy(k0a, 0, nodeKa, 0, m);
            System.arraycopy(h0, 0, nodeH, 0, m);
        }
        java.util.Arrays.fill(expanded, -1L);
        lastLevel = 0;
    }

    /**
     * Writes W(x) and, with Lévy area, K(x) = ∫_{t0}^{x} W du (kOut may be null otherwise).
     *
     * @param x a point of the root interval
     */
    void evaluate(double x, double[] wOut, double[] kOut) {
        // Resume from the deepest node of the previous descent that contains x: the same node, with the
        // same values, that a descent from the root would reach (its bounds are the exact midpoints that
        // descent compares with).
        int level = lastLevel;
        while (level > 0 && !(nodeA[level] <= x && x < nodeEnd[level])) {
            level--;
        }
        for (; level < depth && x != nodeA[level]; level++) {
            child(level, x < nodeA[level] + nodeLength[level + 1]);
        }
        lastLevel = level;
        double a = nodeA[level];
        write(level, x == a ? 0.0 : (x - a) / nodeLength[level], wOut, kOut);
    }

    /**
     * {@link #evaluate} at the dyadic point {@code n L / 2^depth} ({@code 0 ≤ n < 2^depth}), descending by the bits
     * of n instead of comparing times: the same nodes, the same additions, hence the same values and the same time,
     * without computing the time first. Returns the point's time, the sum of the half lengths of the right turns.
     */
    double evaluateDyadic(long n, double[] wOut, double[] kOut) {
        int level = lastLevel;
        while (level > 0 && (n >>> (depth - level)) != nodeIndex[level]) {
            level--;
        }
        for (; level < depth && n != nodeIndex[level] << (depth - level); level++) {
            child(level, ((n >>> (depth - level - 1)) & 1) == 0);
        }
        lastLevel = level;
        write(level, 0.0, wOut, kOut);
        return nodeA[level];
    }

    /**
     * Enters the left or right child of the node at {@code level} (expanding it first if its children are not stored):
     * the child's start, end, index, W(a), K(a), increment and Lévy area become the entries of {@code level + 1}.
     */
    private void child(int level, boolean left) {
        long index = nodeIndex[level];
        if (expanded[level] != index) {
            expand(level, index);
            expanded[level] = index;
        }
        final int m = this.m;
        int next = level + 1;
        double a = nodeA[level];
        double half = nodeLength[next];
        double mid = a + half;
        int here = level * m;
        int there = next * m;
        if (left) {
            nodeEnd[next] = mid;
            index = 2 * index;
            for (int j = 0; j < m; j++) {
                nodeWa[there + j] = nodeWa[here + j];
                nodeW[there + j] = leftW[here + j];
            }
            if (levy) {
                for (int j = 0; j < m; j++) {
                    nodeKa[there + j] = nodeKa[here + j];
                    nodeH[there + j] = leftH[here + j];
                }
            }
        } else {
            if (levy) {
                for (int j = 0; j < m; j++) {
                    nodeKa[there + j] = nodeKa[here + j]
                            + half * (nodeWa[here + j] + leftH[here + j] + 0.5 * leftW[here + j]);
                    nodeH[there + j] = rightH[here + j];
                }
            }
            for (int j = 0; j < m; j++) {
                nodeWa[there + j] = nodeWa[here + j] + leftW[here + j];
                nodeW[there + j] = rightW[here + j];
            }
            nodeEnd[next] = nodeEnd[level];
            a = mid;
            index = 2 * index + 1;
        }
        nodeA[next] = a;
        nodeIndex[next] = index;
    }

    /** W (and K) at the point {@code a + r ℓ} of the node at {@code level}: the bridge mean given its W and H. */
    private void write(int level, double r, double[] wOut, double[] kOut) {
        int here = level * m;
        double len = nodeLength[level];
        for (int j = 0; j < m; j++) {
            double wa = nodeWa[here + j];
            double w = nodeW[here + j];
            if (levy) {
                double hh = nodeH[here + j];
                wOut[j] = wa + r * w + 6 * r * (1 - r) * hh;
                if (kOut != null) {
                    kOut[j] = nodeKa[here + j] + len * (r * wa + 0.5 * r * r * w + (3 - 2 * r) * r * r * hh);
                }
            } else {
                wOut[j] = wa + r * w;
            }
        }
    }

    /** Draws the children of node (level, index), whose values are the node entries of that level. */
    private void expand(int level, long index) {
        stream.reset(seed, rootKey * 64 + level, index);
        double sqrtLen = nodeSqrtLength[level];
        int here = level * m;
        for (int j = 0; j < m; j++) {
            double w = nodeW[here + j];
            if (levy) {
                double hh = nodeH[here + j];
                double a = 3 * hh + 0.5 * sqrtLen * normal.sample();
                double b = 2 * hh - 0.5 * a;
                double c = sqrtLen * SQRT_TWELFTH * normal.sample();
                leftW[here + j] = 0.5 * (w + a);
                rightW[here + j] = 0.5 * (w - a);
                leftH[here + j] = 0.5 * (b + c);
                rightH[here + j] = 0.5 * (b - c);
            } else {
                double left = 0.5 * w + 0.5 * sqrtLen * normal.sample();
                leftW[here + j] = left;
                rightW[here + j] = w - left;
            }
        }
    }
}
