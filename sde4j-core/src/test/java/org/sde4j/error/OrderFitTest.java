package org.sde4j.error;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OrderFitTest {
    /** A fake study whose every path has the same errors: no Monte Carlo noise. */
    private static ErrorEstimator constant(double... errors) {
        double[] samples = new double[10 * errors.length];
        for (int p = 0; p < 10; p++) {
            System.arraycopy(errors, 0, samples, p * errors.length, errors.length);
        }
        return new MeanEstimator(samples, errors.length, 0, errors.length);
    }

    @Test
    void exactPowerLawGivesItsExponentWithADegenerateInterval() {
        double[] dts = {0.1, 0.05, 0.025, 0.0125};
        double[] errors = new double[4];
        for (int i = 0; i < 4; i++) {
            errors[i] = 3 * Math.pow(dts[i], 1.5);
        }
        OrderEstimate q = OrderFit.estimate(dts, constant(errors), 200, 1, 2);
        assertEquals(1.5, q.order(), 1e-12);
        assertEquals(1.5, q.pairwise(), 1e-12);
        assertEquals(1.5, q.low(), 1e-12);
        assertEquals(1.5, q.high(), 1e-12);
        assertEquals(1.5, OrderFit.leastSquaresSlope(dts, errors), 1e-12);
    }

    /** A level where the scheme is exact is reported, and the fit uses the other levels only. */
    @Test
    void aZeroErrorIsReportedNotFitted() {
        double[] dts = {0.1, 0.05, 0.025};
        OrderEstimate q = OrderFit.estimate(dts, constant(0.2, 0.1, 0.0), 100, 1, 1);
        assertEquals(1.0, q.order(), 1e-12);
        assertArrayEquals(new int[] {2}, q.zeroLevels());
        assertTrue(q.toString().contains("error exactly 0 at levels [2]"), q.toString());
        OrderEstimate none = OrderFit.estimate(dts, constant(0, 0, 0.1), 100, 1, 1);
        assertTrue(Double.isNaN(none.order()));
        ConvergenceResult r = new ConvergenceResult("strong", "test", "s", 1, new int[] {10, 20, 40}, dts,
                new double[] {0.2, 0.1, 0}, new double[3], new long[3], new double[3], 10, 1, 0, q);
        assertTrue(r.report().contains("0 (exact)"), r.report());
    }

    @Test
    void quantileInterpolatesBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertEquals(1, OrderFit.quantile(sorted, 0));
        assertEquals(3, OrderFit.quantile(sorted, 0.5));
        assertEquals(4.5, OrderFit.quantile(sorted, 0.875));
        assertEquals(5, OrderFit.quantile(sorted, 1));
    }

    /** Resampling noisy paths: the interval is reproducible, contains the fit, and shrinks like 1/√P. */
    @Test
    void bootstrapIntervalIsReproducibleAndShrinksWithMorePaths() {
        double[] dts = {0.1, 0.05, 0.025, 0.0125};
        double[] widths = new double[2];
        int[] sizes = {400, 6400};
        for (int k = 0; k < 2; k++) {
            int paths = sizes[k];
            double[] samples = new double[paths * 4];
            org.apache.commons.rng.UniformRandomProvider rng = org.sde4j.random.RandomStreams.stream(11, k);
            for (int p = 0; p < paths; p++) {
                double z = rng.nextDouble() * 2;   // a path-level factor shared by all levels
                for (int l = 0; l < 4; l++) {
                    samples[p * 4 + l] = z * Math.sqrt(dts[l]) * (1 + 0.3 * (rng.nextDouble() - 0.5));
                }
            }
            ErrorEstimator e = new MeanEstimator(samples, 4, 0, 4);
            OrderEstimate q = OrderFit.estimate(dts, e, 500, 3, 2);
            OrderEstimate again = OrderFit.estimate(dts, e, 500, 3, 1);
            assertEquals(q.low(), again.low());
            assertEquals(q.high(), again.high());
            assertTrue(q.low() < q.order() && q.order() < q.high(), q.toString());
            assertEquals(0.5, q.order(), 0.05, q.toString());
            widths[k] = q.width();
        }
        double ratio = widths[0] / widths[1];
        assertTrue(ratio > 2.5 && ratio < 6.5, "16× the paths: about 4× narrower, got " + ratio);
    }
}
