package org.sde4j.brownian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The on-demand path's law against the exact covariances of W and K(t) = ∫₀ᵗ W du, whatever the order of the
 * queries (forward draws, bridges at arbitrary fractions, bridges inside bridges):
 * {@code Cov(W_s, W_t) = min(s, t)}; {@code Cov(W_s, K_t) = st − s²/2} for s ≤ t and {@code t²/2} for s &gt; t;
 * {@code Cov(K_s, K_t) = s²t/2 − s³/6} for s ≤ t. Fixed seeds; each covariance of 100 000 paths within 5 standard
 * errors (the standard error of a product moment estimated as √(Var(XY)/N) from the same samples).
 */
class OnDemandBrownianPathTest {
    private static final int PATHS = 100_000;
    private static final double[] TIMES = {0.1, 0.3, 0.45, 0.7, 1.0};

    /** Query orders: the anchor first then bridges, forward only, and a solver's pattern of rejected steps. */
    private static final double[][] ORDERS = {
        {0.7, 0.3, 0.1, 0.45},
        {0.1, 0.3, 0.45, 0.7, 1.0},
        {1.0, 0.45, 0.1, 0.3, 0.7},
    };

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void valuesHaveTheExactCovariancesInAnyQueryOrder(int order) {
        boolean anchored = order != 1;
        OnDemandBrownianPath path = OnDemandBrownianPath.of(2, true, 31 + order);
        int n = TIMES.length;
        // Channel 1 only: channel 0 shares the stream, and both must be right; check one, the other is tested below.
        double[][] samples = new double[PATHS][2 * n];
        double[] w = new double[2];
        double[] k = new double[2];
        for (int p = 0; p < PATHS; p++) {
            path.reset(p, 0.0, anchored ? new double[] {1.0} : new double[0]);
            for (double t : ORDERS[order]) {
                path.value(t, w, k);
            }
            for (int i = 0; i < n; i++) {
                path.value(TIMES[i], w, k);
                samples[p][i] = w[1];
                samples[p][n + i] = k[1];
            }
        }
        for (int a = 0; a < 2 * n; a++) {
            for (int b = a; b < 2 * n; b++) {
                checkCovariance(samples, a, b, exactCovariance(a, b, n), "order " + order);
            }
        }
    }

    @Test
    void channelsAreIndependentAndWithoutLevyAreaTheBridgeIsExactToo() {
        OnDemandBrownianPath path = OnDemandBrownianPath.of(2, false, 5);
        double[][] samples = new double[PATHS][4];
        double[] w = new double[2];
        for (int p = 0; p < PATHS; p++) {
            path.reset(p, 0.0, new double[] {1.0});
            path.value(0.8, w, null);
            path.value(0.35, w, null);
            samples[p][0] = w[0];
            samples[p][1] = w[1];
            path.value(0.8, w, null);
            samples[p][2] = w[0];
            samples[p][3] = w[1];
        }
        checkCovariance(samples, 0, 0, 0.35, "Var W0(0.35)");
        checkCovariance(samples, 1, 1, 0.35, "Var W1(0.35)");
        checkCovariance(samples, 0, 2, 0.35, "Cov W0(0.35), W0(0.8)");
        checkCovariance(samples, 2, 2, 0.8, "Var W0(0.8)");
        checkCovariance(samples, 0, 1, 0.0, "Cov W0, W1");
        checkCovariance(samples, 0, 3, 0.0, "Cov W0(0.35), W1(0.8)");
    }

    @Test
    void anchorsArePureFunctionsOfTheKey() {
        double[] anchors = {0.25, 1.0};
        OnDemandBrownianPath a = OnDemandBrownianPath.of(3, true, 9);
        OnDemandBrownianPath b = OnDemandBrownianPath.of(3, false, 9);
        double[] wa = new double[3];
        double[] wb = new double[3];
        double[] k = new double[3];
        a.reset(4, 0.0, anchors);
        a.value(0.6, wa, k);
        a.value(0.1, wa, k);
        a.value(1.0, wa, k);
        b.reset(4, 0.0, anchors);
        b.value(1.0, wb, null);
        assertArrayEquals(wb, wa, 0.0, "W(1) the same after other queries, with or without Lévy area");
        b.reset(5, 0.0, anchors);
        b.value(1.0, wb, null);
        assertTrue(wb[0] != wa[0], "another path, another value");
    }

    @Test
    void forgottenTimesAreRefusedAndRedrawingForgetsTheFuture() {
        OnDemandBrownianPath path = OnDemandBrownianPath.of(1, true, 2);
        double[] w = new double[1];
        double[] k = new double[1];
        path.reset(0, 0.0, new double[] {1.0});
        path.value(0.5, w, k);
        double half = w[0];
        path.forgetBefore(0.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> path.value(0.25, w, k));
        assertEquals("t = 0.25: must be finite and at least 0.5, the earliest time this path still keeps", e.getMessage());
        path.value(0.5, w, k);
        assertEquals(half, w[0]);
        path.value(1.0, w, k);
        double end = w[0];
        path.forgetAfter(0.5);
        path.value(1.0, w, k);
        assertTrue(w[0] != end, "W(1) redrawn");
        assertThrows(IllegalArgumentException.class, () -> path.reset(0, 0.0, new double[] {0.5, 0.5}));
        assertThrows(IllegalArgumentException.class, () -> path.value(Double.NaN, w, k));
    }

    @Test
    void manyKeptPointsGrowTheStoreAndStayInOrder() {
        OnDemandBrownianPath path = OnDemandBrownianPath.of(1, true, 3);
        double[] w = new double[1];
        double[] k = new double[1];
        path.reset(0, 0.0, new double[] {1.0});
        // A cascade of rejections: 40 kept points ahead of t = 0, each half the last.
        double[] values = new double[40];
        for (int i = 0; i < 40; i++) {
            path.value(Math.scalb(1.0, -i - 1), w, k);
            values[i] = w[0];
        }
        for (int i = 39; i >= 0; i--) {
            path.value(Math.scalb(1.0, -i - 1), w, k);
            assertEquals(values[i], w[0]);
            path.forgetBefore(Math.scalb(1.0, -i - 1));
        }
    }

    /** Exact covariance of sample columns a ≤ b: W at TIMES[0..n−1], then K at the same times. */
    private static double exactCovariance(int a, int b, int n) {
        boolean ka = a >= n;
        boolean kb = b >= n;
        double s = TIMES[a % n];
        double t = TIMES[b % n];
        if (!ka && !kb) {
            return Math.min(s, t);
        }
        if (ka && kb) {
            double lo = Math.min(s, t);
            double hi = Math.max(s, t);
            return lo * lo * hi / 2 - lo * lo * lo / 6;
        }
        double ws = ka ? t : s;
        double kt = ka ? s : t;
        return ws <= kt ? ws * kt - ws * ws / 2 : kt * kt / 2;
    }

    private static void checkCovariance(double[][] samples, int a, int b, double exact, String what) {
        int n = samples.length;
        double sum = 0;
        double squares = 0;
        for (double[] row : samples) {
            double product = row[a] * row[b];
            sum += product;
            squares += product * product;
        }
        double mean = sum / n;
        double se = Math.sqrt((squares / n - mean * mean) / n);
        assertEquals(exact, mean, 5 * se, () -> what + ": columns " + a + ", " + b);
    }
}
