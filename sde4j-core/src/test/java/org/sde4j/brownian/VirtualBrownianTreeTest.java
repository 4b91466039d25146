package org.sde4j.brownian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The virtual Brownian tree: additivity, query-order independence, and the law of its values.
 *
 * <p>Statistical bands: all seeds are fixed, so every assertion is deterministic. Each band is also at
 * least 6 standard deviations of the estimator wide (computed in the comment next to it), so a
 * correct implementation would fail it with probability below 1e-8 for a fresh seed too.
 */
class VirtualBrownianTreeTest {
    @Test
    void incrementsAddUpOverAnyPoints() {
        for (VirtualBrownianTree w : new VirtualBrownianTree[] {VirtualBrownianTree.of(0, 3, 1e-4, 2, 7),
                VirtualBrownianTree.withSpaceTimeLevyArea(0, 3, 1e-4, 2, 7)}) {
            Random points = new Random(1);
            double[] ab = new double[2];
            double[] bc = new double[2];
            double[] ac = new double[2];
            for (int k = 0; k < 200; k++) {
                double a = 3 * points.nextDouble() * 0.5;
                double b = a + (3 - a) * points.nextDouble() * 0.5;
                double c = b + (3 - b) * points.nextDouble();
                w.increment(a, b, ab);
                w.increment(b, c, bc);
                w.increment(a, c, ac);
                for (int j = 0; j < 2; j++) {
                    assertEquals(ac[j], ab[j] + bc[j], 1e-12, "a=" + a + " b=" + b + " c=" + c);
                }
            }
        }
    }

    @Test
    void valuesDependOnSeedAndTimeOnlyNotOnQueryOrder() {
        double[] times = new double[500];
        Random r = new Random(3);
        for (int i = 0; i < times.length; i++) {
            times[i] = r.nextDouble();
        }
        double[][] forward = valuesInOrder(times, false);
        double[][] shuffledValues = valuesInOrder(times, true);
        for (int i = 0; i < times.length; i++) {
            assertArrayEquals(forward[i], shuffledValues[i], 0.0, "t = " + times[i]);
        }
        // A different seed gives a different path.
        double[] other = new double[2];
        VirtualBrownianTree.withSpaceTimeLevyArea(0, 1, 1e-6, 2, 100).value(times[0], other);
        assertTrue(other[0] != forward[0][0]);
    }

    private static double[][] valuesInOrder(double[] times, boolean shuffle) {
        VirtualBrownianTree w = VirtualBrownianTree.withSpaceTimeLevyArea(0, 1, 1e-6, 2, 99);
        int n = times.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            java.util.Collections.shuffle(java.util.Arrays.asList(order), new Random(4));
        }
        double[][] values = new double[n][2];
        double[] dummy = new double[2];
        for (int i : order) {
            w.value(times[i], values[i]);
            w.increment(times[i] * 0.5, times[i], dummy); // interleaved queries must not matter either
        }
        return values;
    }

    @Test
    void incrementsOnAGridAreIndependentGaussiansWithVarianceH() {
        // Fixed seeds. 400 trees × 64 steps = 25 600 increments of N(0, h) each, h = 1/64:
        // the sample variance / h has standard deviation √(2/25 600) ≈ 0.0088: band 0.06 ≈ 6.8 sd.
        // The lag-1 correlation has sd 1/√25 600 ≈ 0.0063: band 0.04 ≈ 6.3 sd.
        int steps = 64;
        double h = 1.0 / steps;
        double sum = 0;
        double sumSquares = 0;
        double lag = 0;
        int n = 0;
        double[] out = new double[1];
        for (long seed = 0; seed < 400; seed++) {
            VirtualBrownianTree w = VirtualBrownianTree.of(0, 1, h / 2, 1, seed);
            double previous = Double.NaN;
            for (int k = 0; k < steps; k++) {
                w.increment(k * h, (k + 1) * h, out);
                double z = out[0] / Math.sqrt(h);
                sum += z;
                sumSquares += z * z;
                if (k > 0) {
                    lag += z * previous;
                }
                previous = z;
                n++;
            }
        }
        assertEquals(0.0, sum / n, 0.04, "mean / √h (sd 0.0063)");
        assertEquals(1.0, sumSquares / n, 0.06, "variance / h");
        assertEquals(0.0, lag / (n - 400), 0.04, "lag-1 correlation");
    }

    @Test
    void valuesAtGridPointsMatchGridPathStatistics() {
        // W(1/4), W(1/2), W(1) of a tree and of a GridBrownianPath of 4 steps have covariance
        // min(s, t). 20 000 fixed-seed trees; each entry of the sample covariance has sd at most
        // √((1 + 1)/20 000) = 0.01 (t ≤ 1): band 0.06 = 6 sd.
        double[] times = {0.25, 0.5, 1.0};
        double[][] treeCov = new double[3][3];
        double[][] gridCov = new double[3][3];
        int paths = 20_000;
        double[] out = new double[1];
        double[] x = new double[3];
        for (int p = 0; p < paths; p++) {
            VirtualBrownianTree w = VirtualBrownianTree.of(0, 1, 1e-3, 1, p);
            for (int i = 0; i < 3; i++) {
                w.value(times[i], out);
                x[i] = out[0];
            }
            accumulate(treeCov, x);
            GridBrownianPath g = GridBrownianPath.sample(0, 1, 4, 1, org.sde4j.random.RandomStreams.gaussian(5, p));
            for (int i = 0; i < 3; i++) {
                g.value(times[i], out);
                x[i] = out[0];
            }
            accumulate(gridCov, x);
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double exact = Math.min(times[i], times[j]);
                assertEquals(exact, treeCov[i][j] / paths, 0.06, "tree cov " + i + "," + j);
                assertEquals(exact, gridCov[i][j] / paths, 0.06, "grid cov " + i + "," + j);
                assertEquals(gridCov[i][j] / paths, treeCov[i][j] / paths, 0.085, "tree vs grid " + i + "," + j);
            }
        }
    }

    private static void accumulate(double[][] cov, double[] x) {
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                cov[i][j] += x[i] * x[j];
            }
        }
    }

    @Test
    void spaceTimeLevyAreaHasVarianceHOver12AndIsUncorrelatedWithW() {
        // Dyadic intervals of length h = 1/8 in [0, 1], 8 per tree, 4000 trees: 32 000 samples.
        // var(H)/(h/12): sd √(2/32 000) = 0.0079, band 0.05 ≈ 6.3 sd; corr(W, H): sd 0.0056, band 0.035.
        double h = 0.125;
        double sumH2 = 0;
        double sumWH = 0;
        double sumW2 = 0;
        int n = 0;
        double[] w = new double[1];
        double[] hh = new double[1];
        for (long seed = 0; seed < 4000; seed++) {
            VirtualBrownianTree tree = VirtualBrownianTree.withSpaceTimeLevyArea(0, 1, 1.0 / 64, 1, seed);
            for (int k = 0; k < 8; k++) {
                tree.spaceTimeLevyArea(k * h, (k + 1) * h, w, hh);
                sumH2 += hh[0] * hh[0];
                sumWH += w[0] * hh[0];
                sumW2 += w[0] * w[0];
                n++;
            }
        }
        assertEquals(1.0, sumH2 / n / (h / 12), 0.05, "var(H) / (h/12)");
        assertEquals(1.0, sumW2 / n / h, 0.05, "var(W) / h");
        assertEquals(0.0, sumWH / Math.sqrt(sumH2 * sumW2), 0.035, "corr(W, H)");
    }

    @Test
    void spaceTimeLevyAreaIsConsistentUnderRefinement() {
        // For [s, u] split at its midpoint t: H = (H₁ + H₂)/2 + (W₁ − W₂)/4 (the identity the bisection
        // samples from), for any s < u, dyadic or not, in both sources.
        VirtualBrownianTree tree = VirtualBrownianTree.withSpaceTimeLevyArea(0, 2, 1e-5, 2, 17);
        RefinableGridPath grid = RefinableGridPath.sample(0, 2, 10, 2, 12, 17, 3);
        Random r = new Random(8);
        double[] w = new double[2];
        double[] h = new double[2];
        double[] w1 = new double[2];
        double[] h1 = new double[2];
        double[] w2 = new double[2];
        double[] h2 = new double[2];
        for (SpaceTimeLevyAreaSource source : new SpaceTimeLevyAreaSource[] {tree, grid}) {
            for (int k = 0; k < 200; k++) {
                double s = 1.5 * r.nextDouble();
                double u = s + (2 - s) * r.nextDouble();
                double t = 0.5 * (s + u);
                source.spaceTimeLevyArea(s, u, w, h);
                source.spaceTimeLevyArea(s, t, w1, h1);
                source.spaceTimeLevyArea(t, u, w2, h2);
                for (int j = 0; j < 2; j++) {
                    assertEquals(w[j], w1[j] + w2[j], 1e-12);
                    assertEquals(h[j], 0.5 * (h1[j] + h2[j]) + 0.25 * (w1[j] - w2[j]), 1e-9,
                            source.getClass().getSimpleName() + " s=" + s + " u=" + u);
                }
            }
        }
    }

    @Test
    void rejectsQueriesOutsideTheSpanAndLevyAreaWithoutIt() {
        VirtualBrownianTree w = VirtualBrownianTree.of(0, 1, 1e-3, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.increment(0.5, 1.5, new double[1]));
        assertTrue(e.getMessage().contains("t = 1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.increment(0.5, 0.5, new double[1]));
        assertThrows(IllegalStateException.class, () -> w.spaceTimeLevyArea(0, 1, new double[1], new double[1]));
        IllegalArgumentException tol = assertThrows(IllegalArgumentException.class,
                () -> VirtualBrownianTree.of(0, 1, 1e-300, 1, 1));
        assertTrue(tol.getMessage().contains("tol"), tol.getMessage());
    }
}
