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
 * <p>Every value is a pure function of the key and x: the cache of one expanded node per level
 * (O(depth) doubles, fixed at construction) only avoids redrawing the same normals.
 */
final class DyadicBridge {
    /** Deepest supported level: 2^-50 of the root interval. */
    static final int MAX_DEPTH = 50;

    private final int m;
    private final boolean levy;
    private final int depth;
    private final long seed;
    private final KeyedStream stream = new KeyedStream();
    private final ContinuousSampler normal = stream.gaussian();
    private final long[] expanded;
    private final double[][] leftW;
    private final double[][] leftH;
    private final double[][] rightW;
    private final double[][] rightH;
    private final double[] wa;
    private final double[] ka;
    private final double[] w;
    private final double[] hh;
    private long rootKey = Long.MIN_VALUE;
    private double rootStart;
    private double rootLength;
    private final double[] rootWa;
    private final double[] rootKa;
    private final double[] rootW;
    private final double[] rootH;

    DyadicBridge(int m, boolean levy, int depth, long seed) {
        this.m = m;
        this.levy = levy;
        this.depth = depth;
        this.seed = seed;
        this.expanded = new long[depth];
        this.leftW = new double[depth][m];
        this.leftH = new double[depth][m];
        this.rightW = new double[depth][m];
        this.rightH = new double[depth][m];
        this.wa = new double[m];
        this.ka = new double[m];
        this.w = new double[m];
        this.hh = new double[m];
        this.rootWa = new double[m];
        this.rootKa = new double[m];
        this.rootW = new double[m];
        this.rootH = new double[m];
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
     * Sets the root interval; a different key clears the cache. The same key must always come with the
     * same values (callers derive both from the key).
     */
    void setRoot(long key, double start, double length, double[] w0a, double[] k0a, double[] w0, double[] h0) {
        if (key == rootKey) {
            return;
        }
        rootKey = key;
        rootStart = start;
        rootLength = length;
        System.arraycopy(w0a, 0, rootWa, 0, m);
        System.arraycopy(w0, 0, rootW, 0, m);
        if (levy) {
            System.arraycopy(k0a, 0, rootKa, 0, m);
            System.arraycopy(h0, 0, rootH, 0, m);
        }
        java.util.Arrays.fill(expanded, -1L);
    }

    /**
     * Writes W(x) and, with Lévy area, K(x) = ∫_{t0}^{x} W du (kOut may be null otherwise).
     *
     * @param x a point of the root interval
     */
    void evaluate(double x, double[] wOut, double[] kOut) {
        double a = rootStart;
        double len = rootLength;
        System.arraycopy(rootWa, 0, wa, 0, m);
        System.arraycopy(rootW, 0, w, 0, m);
        if (levy) {
            System.arraycopy(rootKa, 0, ka, 0, m);
            System.arraycopy(rootH, 0, hh, 0, m);
        }
        long index = 0;
        for (int level = 0; level < depth && x != a; level++) {
            if (expanded[level] != index) {
                expand(level, index, len);
                expanded[level] = index;
            }
            double half = 0.5 * len;
            double mid = a + half;
            if (x < mid) {
                System.arraycopy(leftW[level], 0, w, 0, m);
                if (levy) {
                    System.arraycopy(leftH[level], 0, hh, 0, m);
                }
                index = 2 * index;
            } else {
                double[] lw = leftW[level];
                for (int j = 0; j < m; j++) {
                    if (levy) {
                        ka[j] += half * (wa[j] + leftH[level][j] + 0.5 * lw[j]);
                    }
                    wa[j] += lw[j];
                }
                System.arraycopy(rightW[level], 0, w, 0, m);
                if (levy) {
                    System.arraycopy(rightH[level], 0, hh, 0, m);
                }
                a = mid;
                index = 2 * index + 1;
            }
            len = half;
        }
        double r = x == a ? 0.0 : (x - a) / len;
        for (int j = 0; j < m; j++) {
            if (levy) {
                wOut[j] = wa[j] + r * w[j] + 6 * r * (1 - r) * hh[j];
                if (kOut != null) {
                    kOut[j] = ka[j] + len * (r * wa[j] + 0.5 * r * r * w[j] + (3 - 2 * r) * r * r * hh[j]);
                }
            } else {
                wOut[j] = wa[j] + r * w[j];
            }
        }
    }

    /** Draws the children of node (level, index), whose values are in w, hh, of length len. */
    private void expand(int level, long index, double len) {
        stream.reset(seed, rootKey * 64 + level, index);
        double sqrtLen = Math.sqrt(len);
        double[] lw = leftW[level];
        double[] rw = rightW[level];
        for (int j = 0; j < m; j++) {
            if (levy) {
                double a = 3 * hh[j] + 0.5 * sqrtLen * normal.sample();
                double b = 2 * hh[j] - 0.5 * a;
                double c = sqrtLen * Math.sqrt(1.0 / 12) * normal.sample();
                lw[j] = 0.5 * (w[j] + a);
                rw[j] = 0.5 * (w[j] - a);
                leftH[level][j] = 0.5 * (b + c);
                rightH[level][j] = 0.5 * (b - c);
            } else {
                lw[j] = 0.5 * w[j] + 0.5 * sqrtLen * normal.sample();
                rw[j] = w[j] - lw[j];
            }
        }
    }
}
