package org.sde4j.sde;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Checks an SDE's declared {@link NoiseStructure} against its diffusion, on a sample of states near a
 * problem's initial state, so that a structure is derived from the functions rather than trusted. A
 * scheme's order (and the block engine's componentwise formulas) rely on the structure; a wrong
 * declaration would otherwise give silently wrong paths.
 *
 * <p>States: {@code x0} and {@value #PERTURBED} states {@code x0 + δ} with {@code δ_j = 0.05 (|x0_j| + 0.1) u_j},
 * {@code u_j} uniform on [−1, 1] from a fixed seed (the check is deterministic). A state at which g is not
 * finite or throws is skipped (a diffusion may be defined on part of the space only). Checks, with
 * {@code g^k = g · e_k} the k-th column:
 *
 * <ul>
 *   <li>{@link NoiseStructure#NONE}: {@code g · u = 0} for random u.</li>
 *   <li>{@link NoiseStructure#ADDITIVE}: {@code g(t0, y) = g(t0, x0)} at the perturbed states y (to a relative
 *       1e-12), column by column when it fails.</li>
 *   <li>{@link NoiseStructure#DIAGONAL}: {@code g · u = (g_i u_i)_i} for random u, and {@code g_i} unchanged
 *       when coordinates other than i move: {@value #SUBSETS} random subsets S of coordinates are perturbed and
 *       every {@code g_i} with {@code i ∉ S} must stay the same (to a relative 1e-12); a failure is narrowed to
 *       one coordinate j.</li>
 *   <li>{@link NoiseStructure#COMMUTATIVE}: {@code L^j g^k = L^k g^j} (Kloeden &amp; Platen 1992, (10.3.13)),
 *       {@code L^j g^k = Σ_l g_lj ∂_l g^k} the derivative of {@code g^k} along {@code g^j}, by central differences
 *       {@code (g^k(x + ε g^j) − g^k(x − ε g^j)) / 2ε} with {@code ε = 1e-4 (|x|_∞ + 1) / |g^j|_∞}, for at most
 *       {@value #MAX_PAIRS} column pairs (all when there are that few, else a seeded sample). It fails when
 *       {@code |L^j g^k − L^k g^j|_∞ > 1e-5 (|L^j g^k|_∞ + |L^k g^j|_∞ + |g^j|_∞ |g^k|_∞ / (|x|_∞ + 1))}: far
 *       above the differences' truncation and round-off (about 1e-8 relative), far below a genuine
 *       non-commutativity (relative size 1).</li>
 *   <li>{@link NoiseStructure#SCALAR} (m = 1, checked by the builder) and {@link NoiseStructure#GENERAL}:
 *       nothing to check.</li>
 * </ul>
 *
 * <p>The error names the structure, the columns (or coordinates), the state and the residual.
 */
public final class NoiseStructureCheck {
    /** Perturbed states besides x0. */
    static final int PERTURBED = 2;
    /** Random coordinate subsets per state for the diagonal check. */
    static final int SUBSETS = 12;
    /** Column pairs checked for commutativity at most. */
    static final int MAX_PAIRS = 28;
    private static final long SEED = 0x5de4a11c0ffeeL;
    private static final double EXACT = 1e-12;
    private static final double COMMUTATOR = 1e-5;

    private final Sde sde;
    private final double t;
    private final int d;
    private final int m;
    private final SplittableRandom random = new SplittableRandom(SEED);

    private NoiseStructureCheck(Sde sde, double t) {
        this.sde = sde;
        this.t = t;
        this.d = sde.stateDimension();
        this.m = sde.noiseDimension();
    }

    /**
     * Checks {@code sde}'s declared noise structure at time t on states near {@code x0}.
     *
     * @param x0 the centre of the sampled states, length d (not modified)
     * @throws IllegalArgumentException naming the structure, the columns or coordinates, the state and the
     *                                  residual when the diffusion contradicts the declaration
     */
    public static void check(Sde sde, double t, double[] x0) {
        Require.nonNull("sde", sde);
        NoiseStructure declared = sde.noise();
        if (declared == NoiseStructure.GENERAL || declared == NoiseStructure.SCALAR) {
            return;
        }
        new NoiseStructureCheck(sde, t).run(declared, x0.clone());
    }

    private void run(NoiseStructure declared, double[] x0) {
        double[][] states = new double[PERTURBED + 1][];
        states[0] = x0;
        for (int s = 1; s <= PERTURBED; s++) {
            states[s] = perturbed(x0, null);
        }
        switch (declared) {
            case NONE -> {
                for (double[] x : states) {
                    checkNone(x);
                }
            }
            case ADDITIVE -> {
                for (int s = 1; s <= PERTURBED; s++) {
                    checkAdditive(x0, states[s]);
                }
            }
            case DIAGONAL -> {
                for (double[] x : states) {
                    checkDiagonal(x);
                }
            }
            case COMMUTATIVE -> {
                for (double[] x : states) {
                    checkCommutative(x);
                }
            }
            default -> throw new IllegalStateException("structure " + declared);
        }
    }

    /** {@code x + δ} on the coordinates in {@code subset} (all when null). */
    private double[] perturbed(double[] x, boolean[] subset) {
        double[] y = x.clone();
        for (int j = 0; j < d; j++) {
            double u = 2 * random.nextDouble() - 1;
            if (subset == null || subset[j]) {
                y[j] += 0.05 * (Math.abs(x[j]) + 0.1) * u;
            }
        }
        return y;
    }

    /** {@code g(t, x) · u}, or null when it throws or is not finite. */
    private double[] product(double[] x, double[] u) {
        double[] out = new double[d];
        try {
            sde.diffusion(t, x.clone(), u.clone(), out);
        } catch (RuntimeException e) {
            return null;
        }
        for (double v : out) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        return out;
    }

    private double[] randomNoise() {
        double[] u = new double[m];
        for (int k = 0; k < m; k++) {
            u[k] = 2 * random.nextDouble() - 1;
        }
        return u;
    }

    private double[] column(double[] x, int k) {
        double[] e = new double[m];
        e[k] = 1;
        return product(x, e);
    }

    private void checkNone(double[] x) {
        double[] gu = product(x, randomNoise());
        if (gu != null && max(gu) != 0) {
            throw new IllegalArgumentException("declared noise structure none (ODE), but g(t, x) · u ≠ 0 at x = "
                    + Arrays.toString(x) + ": max |g · u| = " + max(gu) + "; declare the structure the diffusion has");
        }
    }

    private void checkAdditive(double[] x0, double[] y) {
        double[] u = randomNoise();
        double[] a = product(x0, u);
        double[] b = product(y, u);
        if (a == null || b == null || distance(a, b) <= EXACT * Math.max(max(a), max(b))) {
            return;
        }
        for (int k = 0; k < m; k++) {
            double[] ak = column(x0, k);
            double[] bk = column(y, k);
            if (ak != null && bk != null && distance(ak, bk) > EXACT * Math.max(max(ak), max(bk))) {
                throw new IllegalArgumentException("declared additive noise, but column " + k + " of g depends on the"
                        + " state: between x = " + Arrays.toString(x0) + " and x = " + Arrays.toString(y)
                        + " it moves by " + distance(ak, bk) + " (max norm); declare commutative or general noise");
            }
        }
        throw new IllegalArgumentException("declared additive noise, but g depends on the state: between x = "
                + Arrays.toString(x0) + " and x = " + Arrays.toString(y) + ", g · u moves by " + distance(a, b));
    }

    private void checkDiagonal(double[] x) {
        double[] ones = new double[m];
        Arrays.fill(ones, 1.0);
        double[] v = product(x, ones);
        double[] u = randomNoise();
        double[] gu = product(x, u);
        if (v == null || gu == null) {
            return;
        }
        for (int i = 0; i < d; i++) {
            double expected = v[i] * u[i];
            if (Math.abs(gu[i] - expected) > EXACT * (Math.abs(expected) + max(v) * max(u))) {
                throw new IllegalArgumentException("declared diagonal noise, but entry " + i + " of g(t, x) · u is "
                        + gu[i] + ", not g_" + i + " u_" + i + " = " + expected + " at x = " + Arrays.toString(x)
                        + ": off-diagonal columns are non-zero; declare commutative or general noise");
            }
        }
        for (int trial = 0; trial < SUBSETS; trial++) {
            boolean[] subset = new boolean[d];
            for (int j = 0; j < d; j++) {
                subset[j] = random.nextBoolean();
            }
            double[] y = perturbed(x, subset);
            double[] w = product(y, ones);
            if (w == null) {
                continue;
            }
            for (int i = 0; i < d; i++) {
                if (!subset[i] && changed(v[i], w[i])) {
                    throw new IllegalArgumentException("declared diagonal noise, but g_" + i + " depends on x_"
                            + culprit(x, y, subset, i, v[i]) + " (not only on x_" + i + "): at x = " + Arrays.toString(x)
                            + " it moves from " + v[i] + " to " + w[i] + " when other coordinates move; declare"
                            + " commutative or general noise");
                }
            }
        }
    }

    /** The first coordinate j in {@code subset} whose move alone changes {@code g_i} (−1 if none alone does). */
    private int culprit(double[] x, double[] y, boolean[] subset, int i, double gi) {
        double[] ones = new double[m];
        Arrays.fill(ones, 1.0);
        for (int j = 0; j < d; j++) {
            if (subset[j]) {
                double[] z = x.clone();
                z[j] = y[j];
                double[] w = product(z, ones);
                if (w != null && changed(gi, w[i])) {
                    return j;
                }
            }
        }
        return -1;
    }

    private static boolean changed(double a, double b) {
        return Math.abs(a - b) > EXACT * (Math.abs(a) + Math.abs(b)) && a != b;
    }

    private void checkCommutative(double[] x) {
        double[][] g = new double[m][];
        for (int k = 0; k < m; k++) {
            g[k] = column(x, k);
            if (g[k] == null) {
                return;
            }
        }
        int pairs = m * (m - 1) / 2;
        double scale = max(x) + 1;
        for (int p = 0; p < Math.min(pairs, MAX_PAIRS); p++) {
            int index = pairs <= MAX_PAIRS ? p : random.nextInt(pairs);
            int j = 0;
            while (index >= m - 1 - j) {
                index -= m - 1 - j;
                j++;
            }
            int k = j + 1 + index;
            double[] ljgk = along(x, g[j], k, scale);
            double[] lkgj = along(x, g[k], j, scale);
            if (ljgk == null || lkgj == null) {
                continue;
            }
            double residual = distance(ljgk, lkgj);
            double bound = COMMUTATOR * (max(ljgk) + max(lkgj) + max(g[j]) * max(g[k]) / scale);
            if (residual > bound) {
                throw new IllegalArgumentException("declared commutative noise, but columns " + j + " and " + k
                        + " do not commute at x = " + Arrays.toString(x) + ": |L^" + j + " g^" + k + " − L^" + k + " g^"
                        + j + "| = " + residual + " (L^" + j + " g^" + k + " = " + Arrays.toString(ljgk) + ", L^" + k
                        + " g^" + j + " = " + Arrays.toString(lkgj) + ", tolerance " + bound
                        + "); declare general noise");
            }
        }
    }

    /** {@code L^j g^k(x)}: the derivative of column k along {@code direction = g^j(x)}, by central differences. */
    private double[] along(double[] x, double[] direction, int k, double scale) {
        double size = max(direction);
        if (size == 0) {
            return new double[d];
        }
        double eps = 1e-4 * scale / size;
        double[] plus = x.clone();
        double[] minus = x.clone();
        for (int l = 0; l < d; l++) {
            plus[l] += eps * direction[l];
            minus[l] -= eps * direction[l];
        }
        double[] a = column(plus, k);
        double[] b = column(minus, k);
        if (a == null || b == null) {
            return null;
        }
        double[] result = new double[d];
        for (int i = 0; i < d; i++) {
            result[i] = (a[i] - b[i]) / (2 * eps);
        }
        return result;
    }

    private static double max(double[] v) {
        double r = 0;
        for (double e : v) {
            r = Math.max(r, Math.abs(e));
        }
        return r;
    }

    private static double distance(double[] a, double[] b) {
        double r = 0;
        for (int i = 0; i < a.length; i++) {
            r = Math.max(r, Math.abs(a[i] - b[i]));
        }
        return r;
    }
}
