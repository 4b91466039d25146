package org.sde4j.sensitivity;

import java.io.Serializable;

/**
 * Running means and variances of k per-path quantities: Welford's update per path and Chan, Golub &amp; LeVeque's
 * pairwise merge (1979) per chunk. Merged in chunk order it gives the same bits for any number of threads.
 */
final class Moments implements Serializable {
    private static final long serialVersionUID = 1L;

    private long n;
    private final double[] mean;
    private final double[] m2;

    Moments(int k) {
        this.mean = new double[k];
        this.m2 = new double[k];
    }

    /** Adds one path's quantities. */
    void add(double[] row) {
        n++;
        for (int j = 0; j < mean.length; j++) {
            double delta = row[j] - mean[j];
            mean[j] += delta / n;
            m2[j] += delta * (row[j] - mean[j]);
        }
    }

    /** Merges {@code other} into this. */
    void merge(Moments other) {
        if (other.n == 0) {
            return;
        }
        long total = n + other.n;
        for (int j = 0; j < mean.length; j++) {
            double delta = other.mean[j] - mean[j];
            mean[j] += delta * other.n / total;
            m2[j] += other.m2[j] + delta * delta * ((double) n * other.n / total);
        }
        n = total;
    }

    long count() {
        return n;
    }

    double mean(int j) {
        return mean[j];
    }

    /** The standard error of the mean, {@code √(s² / n)} with the unbiased sample variance s². */
    double standardError(int j) {
        return n < 2 ? Double.NaN : Math.sqrt(m2[j] / (n - 1) / n);
    }
}
