package org.sde4j.error;

/**
 * Weak errors from per-path samples. Row layout: {@code φ(X_N)} at each level, then {@code φ} of the
 * reference solution (when measured against one), then the control variate (when used). Level l's
 * estimate of {@code E φ(X_N) − E φ(X_T)} is
 *
 * <pre>    mean(y) − β (mean(C) − E C) − target,   y = φ(X_N) [− φ(X_ref)],   β = cov(y, C)/var(C)</pre>
 *
 * <p>(β = 0 without a control variate; target = the exact expectation, or 0 against a reference). The
 * error is its absolute value; the standard error is that of the mean of {@code y − β C}.
 */
final class WeakEstimator implements ErrorEstimator {
    private final double[] samples;
    private final int width;
    private final int levels;
    private final int paths;
    private final int referenceColumn;
    private final int controlColumn;
    private final double controlMean;
    private final double target;

    WeakEstimator(double[] samples, int width, int levels, int referenceColumn, int controlColumn, double controlMean,
            double target) {
        this.samples = samples;
        this.width = width;
        this.levels = levels;
        this.paths = samples.length / width;
        this.referenceColumn = referenceColumn;
        this.controlColumn = controlColumn;
        this.controlMean = controlMean;
        this.target = target;
    }

    @Override
    public int levels() {
        return levels;
    }

    @Override
    public int paths() {
        return paths;
    }

    @Override
    public void estimate(int[] rows, double[] errors, double[] stderrs) {
        int n = rows == null ? paths : rows.length;
        for (int l = 0; l < levels; l++) {
            double my = 0;
            double mc = 0;
            double syy = 0;
            double scc = 0;
            double syc = 0;
            for (int i = 0; i < n; i++) {
                int row = (rows == null ? i : rows[i]) * width;
                double y = samples[row + l] - (referenceColumn >= 0 ? samples[row + referenceColumn] : 0);
                double c = controlColumn >= 0 ? samples[row + controlColumn] : 0;
                double inverse = 1.0 / (i + 1);
                double dy = y - my;
                double dc = c - mc;
                my += dy * inverse;
                mc += dc * inverse;
                syy += dy * (y - my);
                scc += dc * (c - mc);
                syc += dy * (c - mc);
            }
            double beta = controlColumn >= 0 && scc > 0 ? syc / scc : 0;
            double estimate = my - beta * (mc - controlMean) - target;
            errors[l] = Math.abs(estimate);
            if (stderrs != null) {
                double residual = Math.max(0, syy - 2 * beta * syc + beta * beta * scc);
                stderrs[l] = n < 2 ? Double.NaN : Math.sqrt(residual / (n - 1) / n);
            }
        }
    }
}
