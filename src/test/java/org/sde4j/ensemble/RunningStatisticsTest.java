package org.sde4j.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunningStatisticsTest {
    @Test
    void mergedChunksMatchTwoPassFormulas() {
        SplittableRandom random = new SplittableRandom(3);
        double[] xs = new double[1001];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = 1e6 + random.nextGaussian();
        }
        RunningStatistics whole = new RunningStatistics(1);
        RunningStatistics merged = new RunningStatistics(1);
        RunningStatistics part = new RunningStatistics(1);
        for (int i = 0; i < xs.length; i++) {
            whole.add(new double[] {xs[i]});
            part.add(new double[] {xs[i]});
            if (i % 97 == 96) {
                merged.merge(part);
                part = new RunningStatistics(1);
            }
        }
        merged.merge(part);
        double mean = 0;
        for (double x : xs) {
            mean += x;
        }
        mean /= xs.length;
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        double variance = ss / (xs.length - 1);
        assertEquals(xs.length, merged.count());
        assertEquals(mean, whole.mean()[0], 1e-12 * mean);
        assertEquals(mean, merged.mean()[0], 1e-12 * mean);
        assertEquals(variance, whole.variance()[0], 1e-9 * variance);
        assertEquals(variance, merged.variance()[0], 1e-9 * variance);
        assertEquals(Math.sqrt(variance / xs.length), merged.standardError()[0], 1e-9);
    }

    @Test
    void varianceOfFewerThanTwoObservationsIsNaN() {
        RunningStatistics s = new RunningStatistics(2);
        s.add(new double[] {1, 2});
        assertEquals(Double.NaN, s.variance()[0]);
        s.merge(new RunningStatistics(2));
        assertEquals(1, s.count());
    }
}
