package org.sde4j.models.barrier;

import java.util.Locale;

/**
 * Discretely monitored barrier values at several step counts, with and without the bridge correction: per level the
 * mean discounted payoff of surviving paths (naive: killed when a grid point is past a barrier; bridged: weighted by
 * the probability that the Brownian bridge between grid points stayed inside) and the survival fractions, each with
 * its standard error; and the bridged survival curve P(τ &gt; jT/K) of the finest level at K equally spaced times.
 */
public record BarrierStudyResult(int[] steps, double[] stepSizes, double[] naive, double[] naiveError,
        double[] bridged, double[] bridgedError, double[] naiveSurvival, double[] bridgedSurvival,
        double[] naiveDifference, double[] naiveDifferenceError, double[] bridgedDifference,
        double[] bridgedDifferenceError, double[] survivalCurve, double[] survivalCurveError, long paths,
        double seconds) {

    /**
     * The least-squares slope of log |P_N − P_{N'}| (successive levels, one path's coupled values) against log h_N:
     * if the bias is c h^α and the levels' steps grow by a constant factor, these differences are c' h^α too, measured
     * with far smaller standard errors than the bias itself.
     */
    public double differenceOrder(boolean withBridge) {
        double[] d = withBridge ? bridgedDifference : naiveDifference;
        double[] abs = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            abs[i] = Math.abs(d[i]);
        }
        return org.sde4j.error.OrderFit.leastSquaresSlope(java.util.Arrays.copyOf(stepSizes, d.length), abs);
    }

    /** The least-squares slope of log |value − reference| against log h, for the naive or the bridged values. */
    public double biasOrder(double reference, boolean withBridge) {
        double[] values = withBridge ? bridged : naive;
        double[] bias = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            bias[i] = Math.abs(values[i] - reference);
        }
        return org.sde4j.error.OrderFit.leastSquaresSlope(stepSizes, bias);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "BarrierStudyResult[%d paths, %.1f s]%n",
                paths, seconds));
        for (int i = 0; i < steps.length; i++) {
            b.append(String.format(Locale.ROOT, "  N = %5d  naive %.5f ± %.5f (survival %.4f)  bridged %.5f ± %.5f"
                    + " (survival %.4f)%n", steps[i], naive[i], naiveError[i], naiveSurvival[i], bridged[i],
                    bridgedError[i], bridgedSurvival[i]));
            if (i + 1 < steps.length) {
                b.append(String.format(Locale.ROOT, "      P_N − P_2N: naive %+.5f ± %.5f   bridged %+.5f ± %.5f%n",
                        naiveDifference[i], naiveDifferenceError[i], bridgedDifference[i], bridgedDifferenceError[i]));
            }
        }
        return b.toString();
    }
}
