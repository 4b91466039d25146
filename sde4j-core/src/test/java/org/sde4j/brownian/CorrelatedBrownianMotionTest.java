package org.sde4j.brownian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.random.NoiseModels;
import org.sde4j.random.RandomStreams;

class CorrelatedBrownianMotionTest {
    private static final double[][] COVARIANCE = {{2.0, 0.6, -0.3}, {0.6, 1.0, 0.2}, {-0.3, 0.2, 0.5}};

    @Test
    void sampleCovarianceMatchesTheRequestedOne() {
        // Fixed seed, 200 000 increments over h = 0.1. Entry (i, j) of the sample covariance / h has sd
        // √((C_ii C_jj + C_ij²)/n) ≤ √(2·2/200 000) = 0.0045 (largest for (0, 0)): band 0.03 ≈ 6.7 sd.
        CorrelatedBrownianMotion w = CorrelatedBrownianMotion.ofCovariance(COVARIANCE,
                new StreamingBrownianIncrements(RandomStreams.gaussian(8, 0), 3));
        int n = 200_000;
        double h = 0.1;
        double[] x = new double[3];
        double[][] sum = new double[3][3];
        for (int k = 0; k < n; k++) {
            w.increment(k * h, (k + 1) * h, x);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    sum[i][j] += x[i] * x[j];
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(COVARIANCE[i][j], sum[i][j] / n / h, 0.03, "(" + i + "," + j + ")");
            }
        }
    }

    @Test
    void factorReproducesTheMatrixAndBulkEqualsSingleQueries() {
        for (double[][] c : new double[][][] {COVARIANCE, {{1, 1}, {1, 1}}}) {
            int m = c.length;
            CorrelatedBrownianMotion w = CorrelatedBrownianMotion.ofCovariance(c,
                    new StreamingBrownianIncrements(RandomStreams.gaussian(1, 0), m));
            double[][] l = w.factor();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    double s = 0;
                    for (int k = 0; k < m; k++) {
                        s += l[i][k] * l[j][k];
                    }
                    assertEquals(c[i][j], s, 1e-12);
                }
            }
        }
        VirtualBrownianTree tree = VirtualBrownianTree.of(0, 1, 1e-4, 3, 5);
        CorrelatedBrownianMotion w = CorrelatedBrownianMotion.ofCorrelation(
                new double[][] {{1, 0.5, 0}, {0.5, 1, -0.4}, {0, -0.4, 1}}, tree);
        double[] times = {0, 0.1, 0.35, 0.7, 1.0};
        double[] bulk = new double[12];
        w.increments(times, 0, 4, bulk);
        double[] one = new double[3];
        double[] whole = new double[3];
        double[] sum = new double[3];
        for (int k = 0; k < 4; k++) {
            w.increment(times[k], times[k + 1], one);
            for (int j = 0; j < 3; j++) {
                assertEquals(one[j], bulk[k * 3 + j], 0.0);
                sum[j] += one[j];
            }
        }
        w.increment(0, 1, whole);
        for (int j = 0; j < 3; j++) {
            assertEquals(whole[j], sum[j], 1e-12, "additivity through the factor");
        }
    }

    @Test
    void rejectsMatricesThatAreNotSymmetricPositiveSemiDefinite() {
        StreamingBrownianIncrements b = new StreamingBrownianIncrements(RandomStreams.gaussian(1, 0), 2);
        IllegalArgumentException asym = assertThrows(IllegalArgumentException.class,
                () -> CorrelatedBrownianMotion.ofCovariance(new double[][] {{1, 0.5}, {0.4, 1}}, b));
        assertTrue(asym.getMessage().contains("not symmetric"), asym.getMessage());
        IllegalArgumentException indefinite = assertThrows(IllegalArgumentException.class,
                () -> CorrelatedBrownianMotion.ofCovariance(new double[][] {{1, 2}, {2, 1}}, b));
        assertTrue(indefinite.getMessage().contains("not positive semi-definite")
                && indefinite.getMessage().contains("-1."), indefinite.getMessage());
        IllegalArgumentException diagonal = assertThrows(IllegalArgumentException.class,
                () -> CorrelatedBrownianMotion.ofCorrelation(new double[][] {{1, 0}, {0, 2}}, b));
        assertTrue(diagonal.getMessage().contains("unit diagonal"), diagonal.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> CorrelatedBrownianMotion.ofCovariance(new double[][] {{1}}, b));
        assertTrue(size.getMessage().contains("2 × 2"), size.getMessage());
    }

    @Test
    void noiseDrivenIncrementsAreStreamingOnly() {
        NoiseDrivenIncrements w = new NoiseDrivenIncrements(NoiseModels.twoPoint().sampler(RandomStreams.stream(1, 0)), 2);
        double[] out = new double[2];
        w.increment(0, 0.25, out);
        assertEquals(0.5, Math.abs(out[0]), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.increment(0, 0.25, out));
        assertTrue(e.getMessage().contains("consecutive"), e.getMessage());
    }
}
