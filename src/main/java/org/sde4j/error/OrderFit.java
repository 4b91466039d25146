package org.sde4j.error;

import org.sde4j.sde.Require;

/**
 * Orders of convergence from errors at several step sizes.
 *
 * <ul>
 * <li>{@link #leastSquaresSlope}: the slope of the least-squares line through {@code (log Δt, log error)}
 *     (Higham 2001).</li>
 * <li>{@link #pairwiseOrder}: the mean of {@code log(e_k / e_{k+1}) / log(Δt_k / Δt_{k+1})} over successive
 *     levels (DiffEqDevTools' estimate when Δt halves).</li>
 * </ul>
 */
public final class OrderFit {
    private OrderFit() {
    }

    /**
     * @param dts    step sizes, at least 2, positive
     * @param errors errors, same length, positive
     * @return the least-squares slope of log error against log Δt
     */
    public static double leastSquaresSlope(double[] dts, double[] errors) {
        check(dts, errors);
        int n = dts.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(dts[i]);
            my += Math.log(errors[i]);
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(dts[i]) - mx;
            sxy += dx * (Math.log(errors[i]) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }

    /** The mean of the orders between successive levels. */
    public static double pairwiseOrder(double[] dts, double[] errors) {
        check(dts, errors);
        double sum = 0;
        for (int i = 0; i + 1 < dts.length; i++) {
            sum += Math.log(errors[i] / errors[i + 1]) / Math.log(dts[i] / dts[i + 1]);
        }
        return sum / (dts.length - 1);
    }

    private static void check(double[] dts, double[] errors) {
        Require.nonNull("dts", dts);
        Require.nonNull("errors", errors);
        if (dts.length < 2 || dts.length != errors.length) {
            throw new IllegalArgumentException("dts has length " + dts.length + " and errors " + errors.length
                    + ": need at least 2 step sizes and one error per step size");
        }
        for (int i = 0; i < dts.length; i++) {
            Require.positive("dts[" + i + "]", dts[i]);
            if (!(errors[i] > 0) || !Double.isFinite(errors[i])) {
                throw new IllegalArgumentException("errors[" + i + "] = " + errors[i]
                        + ": must be finite and > 0 to enter a log-log fit (a zero error means the scheme is"
                        + " exact at that step size)");
            }
        }
    }
}
