package org.sde4j.brownian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bridge refinement of a stored grid path. Fixed seeds; each statistical band is at least 6 standard
 * deviations of its estimator (derivation next to it).
 */
class RefinableGridPathTest {
    @Test
    void incrementsAddUpAndRepeatInAnyOrder() {
        RefinableGridPath w = RefinableGridPath.sample(0, 2, 16, 2, 20, 3, 0);
        RefinableGridPath same = RefinableGridPath.sample(0, 2, 16, 2, 20, 3, 0);
        Random r = new Random(2);
        double[] ab = new double[2];
        double[] bc = new double[2];
        double[] ac = new double[2];
        double[] again = new double[2];
        for (int k = 0; k < 300; k++) {
            double a = r.nextDouble();
            double b = a + r.nextDouble() * 0.5;
            double c = b + r.nextDouble() * 0.5;
            w.increment(a, b, ab);
            w.increment(b, c, bc);
            w.increment(a, c, ac);
            same.increment(a, c, again); // a fresh path asked only this: the same value
            for (int j = 0; j < 2; j++) {
                assertEquals(ac[j], ab[j] + bc[j], 1e-12);
                assertEquals(ac[j], again[j], 0.0);
            }
        }
    }

    @Test
    void bridgeValuesGivenTheEndpointsHaveTheBridgeLaw() {
        // Between grid points t_k and t_{k+1} (δ = 1/4), at r = 1/2 and r = 1/4 the refined value minus
        // the linear interpolation is N(0, δ r (1 − r)), independent of the endpoint values.
        // 2000 paths × 4 intervals = 8000 samples: var ratio sd √(2/8000) = 0.016, band 0.1 ≈ 6.3 sd;
        // correlation with the interval's increment: sd 0.011, band 0.07.
        double delta = 0.25;
        for (double r : new double[] {0.5, 0.25}) {
            double sumD2 = 0;
            double sumDW = 0;
            double sumW2 = 0;
            int n = 0;
            double[] a = new double[1];
            double[] b = new double[1];
            double[] x = new double[1];
            for (long p = 0; p < 2000; p++) {
                RefinableGridPath w = RefinableGridPath.sample(0, 1, 4, 1, 10, 11, p);
                for (int k = 0; k < 4; k++) {
                    w.value(k * delta, a);
                    w.value((k + 1) * delta, b);
                    w.value((k + r) * delta, x);
                    double dev = x[0] - (a[0] + r * (b[0] - a[0]));
                    double inc = b[0] - a[0];
                    sumD2 += dev * dev;
                    sumDW += dev * inc;
                    sumW2 += inc * inc;
                    n++;
                }
            }
            assertEquals(1.0, sumD2 / n / (delta * r * (1 - r)), 0.1, "bridge variance at r = " + r);
            assertEquals(0.0, sumDW / Math.sqrt(sumD2 * sumW2), 0.07, "correlation with the endpoints at r = " + r);
            assertEquals(1.0, sumW2 / n / delta, 0.1, "grid increments N(0, δ)");
        }
    }

    @Test
    void spaceTimeLevyAreaOfRefinedIntervalsHasVarianceHOver12() {
        // Sub-intervals of length h = δ/4 inside grid intervals, 2000 paths × 8: 16 000 samples,
        // sd of the variance ratio √(2/16 000) = 0.011, band 0.07 ≈ 6.3 sd.
        double h = 1.0 / 32;
        double sum = 0;
        int n = 0;
        double[] w = new double[1];
        double[] hh = new double[1];
        for (long p = 0; p < 2000; p++) {
            RefinableGridPath path = RefinableGridPath.sample(0, 1, 8, 1, 8, 5, p);
            for (int k = 0; k < 8; k++) {
                double s = k * 0.125 + (k % 4) * h;
                path.spaceTimeLevyArea(s, s + h, w, hh);
                sum += hh[0] * hh[0];
                n++;
            }
        }
        assertEquals(1.0, sum / n / (h / 12), 0.07);
    }
}
