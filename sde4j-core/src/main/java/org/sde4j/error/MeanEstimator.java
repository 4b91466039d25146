package org.sde4j.error;

/**
 * The error at level l is the mean over paths of column {@code offset + l} of a row-major sample
 * matrix; its standard error is the sample standard deviation over √P.
 */
final class MeanEstimator implements ErrorEstimator {
    private final double[] samples;
    private final int width;
    private final int offset;
    private final int levels;
    private final int paths;

    MeanEstimator(double[] samples, int width, int offset, int levels) {
        this.samples = samples;
        this.width = width;
        this.offset = offset;
        this.levels = levels;
        this.paths = samples.length / width;
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
            double mean = 0;
            double m2 = 0;
            for (int i = 0; i < n; i++) {
                double x = samples[(rows == null ? i : rows[i]) * width + offset + l];
                double delta = x - mean;
                mean += delta / (i + 1);
                m2 += delta * (x - mean);
            }
            errors[l] = mean;
            if (stderrs != null) {
                stderrs[l] = n < 2 ? Double.NaN : Math.sqrt(m2 / (n - 1) / n);
            }
        }
    }
}
