package org.sde4j.brownian;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.sde4j.sde.Require;

/**
 * An m-dimensional Brownian motion with covariance {@code C t}: {@code W = L B}, where B is an
 * independent m-dimensional source and {@code L Lᵀ = C}. L is the Cholesky factor (EJML) when C is
 * positive definite; a singular but positive semi-definite C (for example perfectly correlated
 * components) gets {@code L = V √Λ} from its symmetric eigen-decomposition. Increments are linear in
 * B's, so this source answers exactly the queries B answers, with the same additivity.
 *
 * <p>A matrix that is not square, not finite, not symmetric (to a relative 1e-12) or not positive
 * semi-definite (smallest eigenvalue below {@code −1e-12 · max|C_ij|}) is rejected with an
 * {@link IllegalArgumentException} naming the offending entry or eigenvalue. Thread-confined like B.
 */
public final class CorrelatedBrownianMotion implements BrownianSource {
    private static final double SYMMETRY_TOLERANCE = 1e-12;

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
        return new CorrelatedBrownianMotion(factorOf("covariance", covariance, independent.dimension()), independent);
    }

    /**
     * @param correlation symmetric positive semi-definite matrix with unit diagonal (copied)
     * @throws IllegalArgumentException when a diagonal entry is not 1 or the matrix is invalid
     */
    public static CorrelatedBrownianMotion ofCorrelation(double[][] correlation, BrownianSource independent) {
        Require.nonNull("correlation", correlation);
        for (int i = 0; i < correlation.length; i++) {
            if (correlation[i] != null && i < correlation[i].length && Math.abs(correlation[i][i] - 1) > 1e-12) {
                throw new IllegalArgumentException("correlation[" + i + "][" + i + "] = " + correlation[i][i]
                        + ": a correlation matrix has unit diagonal");
            }
        }
        return ofCovariance(correlation, independent);
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

    private static double[] factorOf(String name, double[][] c, int m) {
        if (c == null || c.length != m) {
            throw new IllegalArgumentException(name + " has " + (c == null ? "no" : Integer.toString(c.length))
                    + " rows: must be " + m + " × " + m + " (the dimension of the independent source)");
        }
        double max = 0;
        for (int i = 0; i < m; i++) {
            if (c[i] == null || c[i].length != m) {
                throw new IllegalArgumentException(name + "[" + i + "] has length " + (c[i] == null ? 0 : c[i].length)
                        + ": must be " + m);
            }
            for (int j = 0; j < m; j++) {
                Require.finite(name + "[" + i + "][" + j + "]", c[i][j]);
                max = Math.max(max, Math.abs(c[i][j]));
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(c[i][j] - c[j][i]) > SYMMETRY_TOLERANCE * max) {
                    throw new IllegalArgumentException(name + " is not symmetric: " + name + "[" + i + "][" + j + "] = "
                            + c[i][j] + " but " + name + "[" + j + "][" + i + "] = " + c[j][i]);
                }
            }
        }
        DMatrixRMaj a = new DMatrixRMaj(c);
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(m, true);
        if (chol.decompose(a.copy())) {
            DMatrixRMaj l = chol.getT(null);
            boolean finite = true;
            for (double v : l.data) {
                finite &= Double.isFinite(v);
            }
            if (finite) {
                return l.data.clone();
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, true, true);
        if (!eig.decompose(a.copy())) {
            throw new IllegalArgumentException(name + ": the eigen-decomposition failed; the matrix is not a valid"
                    + " covariance");
        }
        double[] result = new double[m * m];
        for (int k = 0; k < m; k++) {
            double lambda = eig.getEigenvalue(k).getReal();
            if (lambda < -SYMMETRY_TOLERANCE * Math.max(max, Double.MIN_NORMAL)) {
                throw new IllegalArgumentException(name + " is not positive semi-definite: it has the eigenvalue "
                        + lambda + " < 0");
            }
            DMatrixRMaj v = eig.getEigenVector(k);
            double root = Math.sqrt(Math.max(lambda, 0));
            for (int i = 0; i < m; i++) {
                result[i * m + k] = v.get(i, 0) * root;
            }
        }
        return result;
    }
}
