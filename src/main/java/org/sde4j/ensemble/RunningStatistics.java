package org.sde4j.ensemble;

import java.util.Arrays;

/**
 * Count, mean and variance of a stream of d-vectors, per component, in one pass and O(d) memory
 * (Welford 1962), mergeable with the pairwise formula of Chan, Golub &amp; LeVeque (1979). Merging in a
 * fixed order gives a bit-reproducible result. Not thread-safe.
 */
public final class RunningStatistics {
    private final int dimension;
    private long count;
    private final double[] mean;
    private final double[] m2;

    /** @param dimension d, the length of each observation */
    public RunningStatistics(int dimension) {
        this.dimension = dimension;
        this.mean = new double[dimension];
        this.m2 = new double[dimension];
    }

    /**
     * Adds one observation.
     *
     * @param x length d (not modified)
     */
    public void add(double[] x) {
        count++;
        double inverse = 1.0 / count;
        for (int i = 0; i < dimension; i++) {
            double delta = x[i] - mean[i];
            mean[i] += delta * inverse;
            m2[i] += delta * (x[i] - mean[i]);
        }
    }

    /** Adds every observation summarised by {@code other} (not modified). */
    public void merge(RunningStatistics other) {
        if (other.count == 0) {
            return;
        }
        if (count == 0) {
            count = other.count;
            System.arraycopy(other.mean, 0, mean, 0, dimension);
            System.arraycopy(other.m2, 0, m2, 0, dimension);
            return;
        }
        long n = count + other.count;
        double wa = (double) count / n;
        double wb = (double) other.count / n;
        double cross = (double) count * other.count / n;
        for (int i = 0; i < dimension; i++) {
            double delta = other.mean[i] - mean[i];
            mean[i] = wa * mean[i] + wb * other.mean[i];
            m2[i] += other.m2[i] + delta * delta * cross;
        }
        count = n;
    }

    /** The number of observations. */
    public long count() {
        return count;
    }

    /** The dimension d. */
    public int dimension() {
        return dimension;
    }

    /** The sample mean, per component (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The unbiased sample variance {@code Σ (x − mean)² / (n − 1)}, per component; NaN when n &lt; 2. */
    public double[] variance() {
        double[] v = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = count < 2 ? Double.NaN : m2[i] / (count - 1);
        }
        return v;
    }

    /** The sample standard deviation, per component. */
    public double[] standardDeviation() {
        double[] v = variance();
        for (int i = 0; i < dimension; i++) {
            v[i] = Math.sqrt(v[i]);
        }
        return v;
    }

    /** The standard error of the mean, {@code sd / √n}, per component. */
    public double[] standardError() {
        double[] v = standardDeviation();
        for (int i = 0; i < dimension; i++) {
            v[i] /= Math.sqrt(count);
        }
        return v;
    }

    @Override
    public String toString() {
        return "RunningStatistics[n=" + count + ", mean=" + Arrays.toString(mean) + ", sd="
                + Arrays.toString(standardDeviation()) + "]";
    }
}
