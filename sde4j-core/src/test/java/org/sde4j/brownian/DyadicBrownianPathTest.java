package org.sde4j.brownian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link DyadicBrownianPath#valueAndTime}, the bit-driven query the adaptive engines use, against {@link
 * DyadicBrownianPath#time} and {@link DyadicBrownianPath#value} (the time-driven descent): the same bits for random
 * positions in random order, with and without Lévy area, one noise and two; and the law of W at a dyadic point.
 */
class DyadicBrownianPathTest {
    @Test
    void theBitDrivenQueryGivesTheBitsOfTheTimeDrivenOne() {
        for (boolean levy : new boolean[] {false, true}) {
            for (int m = 1; m <= 2; m++) {
                DyadicBrownianPath a = DyadicBrownianPath.of(m, levy, 40, 7);
                DyadicBrownianPath b = DyadicBrownianPath.of(m, levy, 40, 7);
                SplittableRandom random = new SplittableRandom(m + (levy ? 10 : 0));
                double[] wa = new double[m];
                double[] ka = new double[m];
                double[] wb = new double[m];
                double[] kb = new double[m];
                for (int path = 0; path < 20; path++) {
                    a.reset(path, 1, 0.25, 1.5);
                    b.reset(path, 1, 0.25, 1.5);
                    for (int q = 0; q < 200; q++) {
                        // Coarse points mostly (as a solver asks), some fine ones, both ends.
                        int level = random.nextInt(q % 7 == 0 ? 41 : 12);
                        long position = random.nextLong((1L << level) + 1) << (40 - level);
                        if (q % 50 == 0) {
                            position = q % 100 == 0 ? 0 : a.end();
                        }
                        double time = a.valueAndTime(position, wa, ka);
                        assertEquals(b.time(position), time, 0.0);
                        b.value(position, wb, kb);
                        for (int j = 0; j < m; j++) {
                            assertEquals(Double.doubleToRawLongBits(wb[j]), Double.doubleToRawLongBits(wa[j]));
                            if (levy) {
                                assertEquals(Double.doubleToRawLongBits(kb[j]), Double.doubleToRawLongBits(ka[j]));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void wAtADyadicPointHasTheBrownianVariance() {
        // W(3/8) over 40 000 keys: variance 3/8, standard error 3/8 · √(2/n) = 0.00265; 4.5 SE bound.
        DyadicBrownianPath tree = DyadicBrownianPath.of(1, true, 20, 3);
        double[] w = new double[1];
        double[] k = new double[1];
        int n = 40_000;
        double sum = 0;
        double sumSquares = 0;
        for (int p = 0; p < n; p++) {
            tree.reset(p, 0, 0, 1);
            tree.valueAndTime(3L << 17, w, k);
            sum += w[0];
            sumSquares += w[0] * w[0];
        }
        double mean = sum / n;
        double variance = sumSquares / n - mean * mean;
        assertEquals(0.375, variance, 4.5 * 0.375 * Math.sqrt(2.0 / n));
    }
}
