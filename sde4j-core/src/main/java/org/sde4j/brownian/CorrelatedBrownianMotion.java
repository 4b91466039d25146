package org.sde4j.brownian;

import org.sde4j.sde.CorrelatedNoise;
import org.sde4j.sde.Require;

/**
 * An m-dimensional Brownian motion with covariance {@code C t}: {@code W = L B}, where B is an
 * independent m-dimensional source and {@code L Lᵀ = C} is the factor of a {@link CorrelatedNoise} (its
 * javadoc gives the factorisation and the validation). Increments are linear in B's, so this source answers
 * exactly the queries B answers, with the same additivity. Thread-confined like B.
 */
public final class CorrelatedBrownianMotion implements BrownianSource {
    private final BrownianSource independent;
    private final int m;
    private final double[] factor;
    private final double[] scratch;
    private double[] bulk = new double[0];

    private CorrelatedBrownianMotion(double[] factor, BrownianSource independent) {
        this.independent = independent;
        this.m = independent.dimension();
        this.factor = factor;
        this.scratch = new double[m];
    }

    /**
     * @param covariance  symmetric positive semi-definite m × m matrix C (copied)
     * @param independent m independent standard Brownian motions B
     * @throws IllegalArgumentException when C is invalid or its size differs from B's dimension
     */
    public static CorrelatedBrownianMotion ofCovariance(double[][] covariance, BrownianSource independent) {
        Require.nonNull("independent", independent);
        requireRows("covariance", covariance, independent.dimension());
        return of(CorrelatedNoise.ofCovariance(covariance), independent);
    }

    /**
     * @param correlation symmetric positive semi-definite matrix with unit diagonal (copied)
     * @throws IllegalArgumentException when a diagonal entry is not 1 or the matrix is invalid
     */
    public static CorrelatedBrownianMotion ofCorrelation(double[][] correlation, BrownianSource independent) {
        Require.nonNull("independent", independent);
        CorrelatedNoise noise = CorrelatedNoise.ofCorrelation(correlation);
        requireRows("correlation", correlation, independent.dimension());
        return of(noise, independent);
    }

    /**
     * {@code W = L B} with the factor of {@code noise}, computed once when the law was made: the per-path
     * source of a problem's correlated noise.
     *
     * @throws IllegalArgumentException when the law's size differs from B's dimension
     */
    public static CorrelatedBrownianMotion of(CorrelatedNoise noise, BrownianSource independent) {
        Require.nonNull("noise", noise);
        Require.nonNull("independent", independent);
        noise.requireDimension(independent.dimension());
        return new CorrelatedBrownianMotion(noise.factorRowMajor(), independent);
    }

    private static void requireRows(String name, double[][] c, int m) {
        if (c == null || c.length != m) {
            throw new IllegalArgumentException(name + " has " + (c == null ? "no" : Integer.toString(c.length))
                    + " rows: must be " + m + " × " + m + " (the dimension of the independent source)");
        }
    }

    /** A copy of the factor L (row-major m × m) with {@code L Lᵀ = C}. */
    public double[][] factor() {
        double[][] result = new double[m][m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(factor, i * m, result[i], 0, m);
        }
        return result;
    }

    @Override
    public int dimension() {
        return m;
    }

    @Override
    public void increment(double s, double t, double[] out) {
        independent.increment(s, t, scratch);
        multiply(scratch, 0, out, 0);
    }

    @Override
    public void increments(double[] times, int from, int count, double[] out) {
        if (bulk.length < count * m) {
            bulk = new double[count * m];
        }
        independent.increments(times, from, count, bulk);
        for (int k = 0; k < count; k++) {
            multiply(bulk, k * m, out, k * m);
        }
    }

    private void multiply(double[] in, int inOffset, double[] out, int outOffset) {
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += factor[i * m + j] * in[inOffset + j];
            }
            out[outOffset + i] = s;
        }
    }
}
