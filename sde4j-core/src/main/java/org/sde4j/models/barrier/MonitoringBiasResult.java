package org.sde4j.models.barrier;

import java.util.Arrays;
import java.util.Locale;
import org.sde4j.error.OrderFit;

/**
 * What {@link MonitoringBias} measured: per level (N monitoring dates, h = T/N) the mean naive, bridged and exact
 * (unbiased) values and the biases naive − exact and bridged − exact, each with its standard error (the layout of
 * {@code means}: five blocks of one value per level, in that order); the successive coupled differences
 * P_N − P_{N'} of the naive and the bridged values (the other way to see the order, with far larger standard
 * errors); and the batches' means, for the standard errors of the fitted slopes.
 */
public record MonitoringBiasResult(int[] steps, double[] stepSizes, double reference, double[] means,
        double[] standardErrors, double[] differences, double[] differenceErrors, double[][] batchMeans, long paths,
        double seconds) {

    private double[] block(double[] values, int k) {
        int n = steps.length;
        return Arrays.copyOfRange(values, k * n, (k + 1) * n);
    }

    /** The mean naive (k = 0), bridged (1) or exact (2) values per level. */
    public double[] values(int kind) {
        return block(means, kind);
    }

    /** Their standard errors. */
    public double[] valueErrors(int kind) {
        return block(standardErrors, kind);
    }

    /** The bias per level, naive or bridged: the mean of payoff × (weight − exact weight). */
    public double[] bias(boolean bridged) {
        return block(means, bridged ? 4 : 3);
    }

    /** The bias' standard errors. */
    public double[] biasError(boolean bridged) {
        return block(standardErrors, bridged ? 4 : 3);
    }

    /** The least-squares slope of log |bias| against log h, from all paths. */
    public double slope(boolean bridged) {
        return slopeOf(bias(bridged));
    }

    /**
     * The standard error of {@link #slope}: the standard deviation of the batches' slopes over √batches. A batch whose
     * bias is zero at some level (no path near the barrier) makes it infinite.
     */
    public double slopeError(boolean bridged) {
        int b = batchMeans.length;
        double[] s = new double[b];
        double mean = 0;
        for (int i = 0; i < b; i++) {
            s[i] = slopeOf(block(batchMeans[i], bridged ? 4 : 3));
            mean += s[i] / b;
        }
        double ss = 0;
        for (double v : s) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (b - 1) / b);
    }

    private double slopeOf(double[] bias) {
        double[] abs = new double[bias.length];
        for (int i = 0; i < bias.length; i++) {
            abs[i] = Math.abs(bias[i]);
            if (!(abs[i] > 0)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return OrderFit.leastSquaresSlope(stepSizes, abs);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "MonitoringBias[%d paths in %d batches, %.1f s; continuous price %.6f]%n", paths, batchMeans.length,
                seconds, reference));
        b.append("      N   exact (unbiased)      naive bias            bridged bias          naive P_N − P_2N"
                + "      bridged P_N − P_2N\n");
        int n = steps.length;
        for (int i = 0; i < n; i++) {
            b.append(String.format(Locale.ROOT, "  %5d   %.4f ± %.4f   %+.5f ± %.5f   %+.6f ± %.6f", steps[i],
                    means[2 * n + i], standardErrors[2 * n + i], means[3 * n + i], standardErrors[3 * n + i],
                    means[4 * n + i], standardErrors[4 * n + i]));
            if (i + 1 < n) {
                b.append(String.format(Locale.ROOT, "   %+.5f ± %.5f   %+.5f ± %.5f", differences[i],
                        differenceErrors[i], differences[n - 1 + i], differenceErrors[n - 1 + i]));
            }
            b.append('\n');
        }
        b.append(String.format(Locale.ROOT, "  slope of log |bias| on log h: naive %.3f ± %.3f, bridged %.3f ± %.3f%n",
                slope(false), slopeError(false), slope(true), slopeError(true)));
        return b.toString();
    }
}
