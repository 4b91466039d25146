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

    @Test
    void covarianceMinAndMaxMatchTwoPassFormulasAfterMerging() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 999;
        double[][] xs = new double[n][3];
        for (int k = 0; k < n; k++) {
            double z = random.nextGaussian();
            xs[k][0] = 10 + z;
            xs[k][1] = -3 + 0.5 * z + random.nextGaussian();
            xs[k][2] = random.nextDouble();
        }
        RunningStatistics merged = new RunningStatistics(3, true);
        RunningStatistics part = new RunningStatistics(3, true);
        for (int k = 0; k < n; k++) {
            part.add(xs[k]);
            if (k % 100 == 99) {
                merged.merge(part);
                part = new RunningStatistics(3, true);
            }
        }
        merged.merge(part);
        double[] mean = new double[3];
        double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] x : xs) {
            for (int i = 0; i < 3; i++) {
                mean[i] += x[i] / n;
                min[i] = Math.min(min[i], x[i]);
                max[i] = Math.max(max[i], x[i]);
            }
        }
        double[] covariance = merged.covariance();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double c = 0;
                for (double[] x : xs) {
                    c += (x[i] - mean[i]) * (x[j] - mean[j]);
                }
                c /= n - 1;
                assertEquals(c, covariance[i * 3 + j], 1e-12 * (1 + Math.abs(c)), "cov " + i + "," + j);
            }
            assertEquals(merged.variance()[i], covariance[i * 4], 1e-12 * covariance[i * 4]);
            assertEquals(min[i], merged.min()[i], 0.0);
            assertEquals(max[i], merged.max()[i], 0.0);
        }
        // The second component is built to correlate with the first: cov ≈ 0.5.
        assertEquals(0.5, covariance[1], 0.1);
    }

    @Test
    void covarianceMustBeAskedFor() {
        RunningStatistics plain = new RunningStatistics(2);
        plain.add(new double[] {1, 2});
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, plain::covariance);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new RunningStatistics(2, true).merge(plain));
    }
}
