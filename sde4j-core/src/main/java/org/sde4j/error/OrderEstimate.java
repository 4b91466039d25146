package org.sde4j.error;

import java.util.Arrays;
import java.util.Locale;

/**
 * A fitted order of convergence with its 95 % confidence interval: the least-squares slope
 * {@code q} of {@code log e(Δt) = log C + q log Δt} (Higham 2001), the percentile interval of the same
 * slope over bootstrap resamples of the paths (Efron &amp; Tibshirani 1993, §13.3), and the pairwise
 * estimate {@code mean_k log(e_k / e_{k+1}) / log(Δt_k / Δt_{k+1})} (DiffEqDevTools).
 *
 * <p>The interval accounts for the Monte Carlo error of every level and for the correlation between
 * levels (each resampled path keeps its errors at all levels together); it does not account for a
 * bias of the model, such as step sizes outside the asymptotic range. Levels whose error is exactly
 * zero (a scheme exact for the problem at that step size) are not fitted: {@link #zeroLevels()} lists
 * them, and when fewer than two levels remain the order is NaN. Immutable.
 */
public final class OrderEstimate {
    private final double order;
    private final double low;
    private final double high;
    private final double pairwise;
    private final int resamples;
    private final int[] zeroLevels;

    OrderEstimate(double order, double low, double high, double pairwise, int resamples, int[] zeroLevels) {
        this.order = order;
        this.low = low;
        this.high = high;
        this.pairwise = pairwise;
        this.resamples = resamples;
        this.zeroLevels = zeroLevels.clone();
    }

    /** The least-squares slope of log error against log Δt over the levels with a positive error. */
    public double order() {
        return order;
    }

    /** The lower end of the 95 % bootstrap percentile interval (NaN without resamples). */
    public double low() {
        return low;
    }

    /** The upper end of the 95 % bootstrap percentile interval (NaN without resamples). */
    public double high() {
        return high;
    }

    /** {@code high − low}. */
    public double width() {
        return high - low;
    }

    /** Whether {@code low ≤ value ≤ high}. */
    public boolean intervalContains(double value) {
        return low <= value && value <= high;
    }

    /** The mean of the orders between successive fitted levels. */
    public double pairwise() {
        return pairwise;
    }

    /** The number of bootstrap resamples that entered the interval. */
    public int resamples() {
        return resamples;
    }

    /** Indices of the levels whose error is exactly zero (not fitted); a copy. */
    public int[] zeroLevels() {
        return zeroLevels.clone();
    }

    /** For example {@code "0.512 [0.489, 0.536] (95 %), pairwise 0.508"}. */
    @Override
    public String toString() {
        String s = String.format(Locale.ROOT, "%.3f [%.3f, %.3f] (95 %%), pairwise %.3f", order, low, high, pairwise);
        return zeroLevels.length == 0 ? s : s + ", error exactly 0 at levels " + Arrays.toString(zeroLevels);
    }
}
