package org.sde4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.sde4j.ensemble.EnsembleResult;
import org.sde4j.ensemble.RunningStatistics;
import org.sde4j.error.ConvergenceResult;
import org.sde4j.error.OrderEstimate;

/** Spark contexts for tests (on 127.0.0.1, no web UI) and the bit-for-bit comparison of results. */
final class SparkTesting {
    private SparkTesting() {
    }

    static SparkConf conf(String master) {
        return new SparkConf().setMaster(master).setAppName("sde4j-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
    }

    static JavaSparkContext context(String master) {
        return new JavaSparkContext(conf(master));
    }

    /** Asserts equal bits: counts, means, variances, minima, maxima, covariances, histograms at every saved time. */
    static void assertSameBits(EnsembleResult expected, EnsembleResult actual, String where) {
        assertArrayEquals(expected.times(), actual.times(), 0.0, where);
        assertEquals(expected.paths(), actual.paths(), where);
        for (int s = 0; s < expected.times().length; s++) {
            RunningStatistics e = expected.statisticsAt(s);
            RunningStatistics a = actual.statisticsAt(s);
            assertEquals(e.count(), a.count(), where);
            assertArrayEquals(e.mean(), a.mean(), 0.0, where);
            assertArrayEquals(e.variance(), a.variance(), 0.0, where);
            assertArrayEquals(e.min(), a.min(), 0.0, where);
            assertArrayEquals(e.max(), a.max(), 0.0, where);
            assertEquals(e.hasCovariance(), a.hasCovariance(), where);
            if (e.hasCovariance()) {
                assertArrayEquals(e.covariance(), a.covariance(), 0.0, where);
            }
        }
    }

    /**
     * Asserts equal bits of two convergence results: errors, standard errors, fitted order, interval, pairwise
     * order, and the settings they report.
     */
    static void assertSameBits(ConvergenceResult expected, ConvergenceResult actual, String where) {
        assertEquals(expected.kind(), actual.kind(), where);
        assertEquals(expected.measure(), actual.measure(), where);
        assertEquals(expected.paths(), actual.paths(), where);
        assertEquals(expected.seed(), actual.seed(), where);
        assertArrayEquals(expected.steps(), actual.steps(), where);
        assertArrayEquals(bits(expected.errors()), bits(actual.errors()), where + ": errors");
        assertArrayEquals(bits(expected.standardErrors()), bits(actual.standardErrors()), where + ": standard errors");
        OrderEstimate e = expected.order();
        OrderEstimate a = actual.order();
        assertArrayEquals(bits(e.order(), e.low(), e.high(), e.pairwise()),
                bits(a.order(), a.low(), a.high(), a.pairwise()), where + ": order " + e + " vs " + a);
        assertEquals(e.resamples(), a.resamples(), where);
    }

    static long[] bits(double... values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
