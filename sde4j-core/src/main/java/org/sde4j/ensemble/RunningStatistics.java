package org.sde4j.ensemble;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Count, mean, variance, minimum and maximum of a stream of d-vectors, per component, and optionally
 * the covariance matrix, in one pass (Welford 1962; co-moments as in Pébay 2008), mergeable with the
 * pairwise formulas of Chan, Golub &amp; LeVeque (1979):
 *
 * <pre>
 *   n = n_a + n_b,  δ = mean_b − mean_a,  mean = mean_a + δ n_b / n,
 *   C = C_a + C_b + δ δᵀ n_a n_b / n         (C: sums of centred products; variance = C_ii / (n − 1))
 * </pre>
 *
 * <p>Memory O(d), or O(d²) with the covariance. Merging in a fixed order gives a bit-reproducible
 * result. Not thread-safe; serialisable (the exact state travels, so a merge after a round trip gives the
 * same bits).
 */
public final class RunningStatistics implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int dimension;
    private long count;
    private final double[] mean;
    private final double[] m2;
    private final double[] min;
    private final double[] max;
    /** Co-moments Σ (x_i − mean_i)(x_j − mean_j), row-major d × d, or null. */
    private final double[] comoments;
    private final double[] delta;

    /** @param dimension d, the length of each observation */
    public RunningStatistics(int dimension) {
        this(dimension, false);
    }

    /**
     * @param dimension  d, the length of each observation
     * @param covariance whether to keep the d × d covariance too
     */
    public RunningStatistics(int dimension, boolean covariance) {
        this.dimension = dimension;
        this.mean = new double[dimension];
        this.m2 = new double[dimension];
        this.min = new double[dimension];
        this.max = new double[dimension];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        this.comoments = covariance ? new double[dimension * dimension] : null;
        this.delta = covariance ? new double[dimension] : null;
    }

    /**
     * Adds one observation.
     *
     * @param x length d (not modified)
     */
    public void add(double[] x) {
        count++;
        double inverse = 1.0 / count;
        if (comoments != null) {
            for (int i = 0; i < dimension; i++) {
                delta[i] = x[i] - mean[i];
            }
        }
        for (int i = 0; i < dimension; i++) {
            double before = x[i] - mean[i];
            mean[i] += before * inverse;
            m2[i] += before * (x[i] - mean[i]);
            min[i] = Math.min(min[i], x[i]);
            max[i] = Math.max(max[i], x[i]);
        }
        if (comoments != null) {
            for (int i = 0; i < dimension; i++) {
                for (int j = 0; j < dimension; j++) {
                    comoments[i * dimension + j] += delta[i] * (x[j] - mean[j]);
                }
            }
        }
    }

    /**
     * Adds every observation summarised by {@code other} (not modified).
     *
     * @throws IllegalArgumentException when the dimensions differ, or this keeps the covariance and
     *                                  {@code other} does not
     */
    public void merge(RunningStatistics other) {
        if (other.dimension != dimension || (comoments != null && other.comoments == null && other.count > 0)) {
            throw new IllegalArgumentException("other has dimension " + other.dimension + (other.comoments == null
                    ? " without covariance" : "") + ": must have dimension " + dimension
                    + (comoments != null ? " with covariance" : ""));
        }
        if (other.count == 0) {
            return;
        }
        if (count == 0) {
            count = other.count;
            System.arraycopy(other.mean, 0, mean, 0, dimension);
            System.arraycopy(other.m2, 0, m2, 0, dimension);
            System.arraycopy(other.min, 0, min, 0, dimension);
            System.arraycopy(other.max, 0, max, 0, dimension);
            if (comoments != null) {
                System.arraycopy(other.comoments, 0, comoments, 0, comoments.length);
            }
            return;
        }
        long n = count + other.count;
        double wa = (double) count / n;
        double wb = (double) other.count / n;
        double cross = (double) count * other.count / n;
        if (comoments != null) {
            for (int i = 0; i < dimension; i++) {
                delta[i] = other.mean[i] - mean[i];
            }
            for (int i = 0; i < dimension; i++) {
                for (int j = 0; j < dimension; j++) {
                    int k = i * dimension + j;
                    comoments[k] += other.comoments[k] + delta[i] * delta[j] * cross;
                }
            }
        }
        for (int i = 0; i < dimension; i++) {
            double d = other.mean[i] - mean[i];
            mean[i] = wa * mean[i] + wb * other.mean[i];
            m2[i] += other.m2[i] + d * d * cross;
            min[i] = Math.min(min[i], other.min[i]);
            max[i] = Math.max(max[i], other.max[i]);
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

    /** The smallest value seen, per component (+∞ before the first observation). */
    public double[] min() {
        return min.clone();
    }

    /** The largest value seen, per component (−∞ before the first observation). */
    public double[] max() {
        return max.clone();
    }

    /** Whether the covariance matrix is kept. */
    public boolean hasCovariance() {
        return comoments != null;
    }

    /**
     * The unbiased sample covariance matrix, row-major d × d (NaN when n &lt; 2).
     *
     * @throws IllegalStateException when these statistics were created without covariance
     */
    public double[] covariance() {
        if (comoments == null) {
            throw new IllegalStateException("covariance was not kept: create the statistics with covariance = true"
                    + " (Ensemble.covariance(true))");
        }
        double[] c = new double[comoments.length];
        for (int k = 0; k < c.length; k++) {
            c[k] = count < 2 ? Double.NaN : comoments[k] / (count - 1);
        }
        return c;
    }

    /** The length of {@link #pack}'s output: mean, m2, min, max (d each) and the co-moments (d², when kept). */
    int packedLength() {
        return 4 * dimension + (comoments == null ? 0 : comoments.length);
    }

    /** Writes the exact state (all but the count) to {@code to[offset..offset + packedLength())}. */
    void pack(double[] to, int offset) {
        System.arraycopy(mean, 0, to, offset, dimension);
        System.arraycopy(m2, 0, to, offset + dimension, dimension);
        System.arraycopy(min, 0, to, offset + 2 * dimension, dimension);
        System.arraycopy(max, 0, to, offset + 3 * dimension, dimension);
        if (comoments != null) {
            System.arraycopy(comoments, 0, to, offset + 4 * dimension, comoments.length);
        }
    }

    /** Restores the state written by {@link #pack}, with {@code observations} observations: the same bits. */
    void unpack(long observations, double[] from, int offset) {
        count = observations;
        System.arraycopy(from, offset, mean, 0, dimension);
        System.arraycopy(from, offset + dimension, m2, 0, dimension);
        System.arraycopy(from, offset + 2 * dimension, min, 0, dimension);
        System.arraycopy(from, offset + 3 * dimension, max, 0, dimension);
        if (comoments != null) {
            System.arraycopy(from, offset + 4 * dimension, comoments, 0, comoments.length);
        }
    }

    /** An empty copy with the same dimension and covariance setting. */
    RunningStatistics emptyLike() {
        return new RunningStatistics(dimension, comoments != null);
    }

    @Override
    public String toString() {
        return "RunningStatistics[n=" + count + ", mean=" + Arrays.toString(mean) + ", sd="
                + Arrays.toString(standardDeviation()) + "]";
    }
}
