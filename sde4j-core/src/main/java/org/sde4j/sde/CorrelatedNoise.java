package org.sde4j.sde;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * An m-dimensional Brownian motion with covariance {@code C t}, {@code W = L B} for m independent standard
 * Brownian motions B and a factor L with {@code L Lᵀ = C}, computed once here. L is the lower Cholesky factor
 * (EJML) when C is positive definite; a singular but positive semi-definite C (for example perfectly
 * correlated components) gets {@code L = V √Λ} from its symmetric eigen-decomposition.
 *
 * <p>Because {@code g dW = (g L) dB}, an SDE driven by W is the SDE with diffusion {@code g L} driven by B;
 * a scheme that reads the noise only through products {@code g(·) ΔW} gives exactly the same numbers
 * either way, so solvers draw {@code ΔW = L ΔB} and keep their steppers.
 *
 * <p>A matrix that is not square, not finite, not symmetric (to a relative 1e-12) or not positive
 * semi-definite (smallest eigenvalue below {@code −1e-12 · max|C_ij|}) is rejected with an
 * {@link IllegalArgumentException} naming the offending entry or eigenvalue. Immutable.
 */
public final class CorrelatedNoise implements NoiseProcess {
    private static final double TOLERANCE = 1e-12;

    private final String kind;
    private final int m;
    private final double[][] covariance;
    private final double[] factor;
    private final boolean unitVariances;

    private CorrelatedNoise(String kind, double[][] covariance) {
        this.kind = kind;
        this.m = covariance == null ? 0 : covariance.length;
        this.factor = factorOf(kind, covariance, m);
        this.covariance = new double[m][];
        boolean unit = true;
        for (int i = 0; i < m; i++) {
            this.covariance[i] = covariance[i].clone();
            unit &= Math.abs(covariance[i][i] - 1) <= TOLERANCE;
        }
        this.unitVariances = unit;
    }

    /** See {@link NoiseProcess#covariance}. */
    public static CorrelatedNoise ofCovariance(double[][] covariance) {
        return new CorrelatedNoise("covariance", covariance);
    }

    /** See {@link NoiseProcess#correlation}; a diagonal entry other than 1 is rejected. */
    public static CorrelatedNoise ofCorrelation(double[][] correlation) {
        Require.nonNull("correlation", correlation);
        for (int i = 0; i < correlation.length; i++) {
            if (correlation[i] != null && i < correlation[i].length && Math.abs(correlation[i][i] - 1) > TOLERANCE) {
                throw new IllegalArgumentException("correlation[" + i + "][" + i + "] = " + correlation[i][i]
                        + ": a correlation matrix has unit diagonal");
            }
        }
        return new CorrelatedNoise("correlation", correlation);
    }

    /** The number m of channels. */
    public int dimension() {
        return m;
    }

    /** A copy of C (for a law made from a correlation, the correlation). */
    public double[][] covariance() {
        double[][] copy = new double[m][];
        for (int i = 0; i < m; i++) {
            copy[i] = covariance[i].clone();
        }
        return copy;
    }

    /** A copy of the factor L, row-major m × m: {@code L[i·m + j]}, with {@code L Lᵀ = C}. */
    public double[] factorRowMajor() {
        return factor.clone();
    }

    /** A copy of the factor L with {@code L Lᵀ = C}. */
    public double[][] factor() {
        double[][] result = new double[m][m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(factor, i * m, result[i], 0, m);
        }
        return result;
    }

    /**
     * Whether every {@code C_ii = 1} (to 1e-12): each W_i is then a standard Brownian motion, which schemes that
     * read {@code ΔW_i² − h} (Itô Milstein and its derivative-free and weak relatives) need.
     */
    public boolean unitVariances() {
        return unitVariances;
    }

    /**
     * Whether C is exactly the identity: then W is B, and solvers treat this law as {@link NoiseProcess#independent()}
     * (the same code paths, streams and bits).
     */
    public boolean isIdentity() {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (covariance[i][j] != (i == j ? 1.0 : 0.0)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void requireDimension(int noiseDimension) {
        if (noiseDimension != m) {
            throw new IllegalArgumentException(kind + " is " + m + " × " + m + ": must be " + noiseDimension + " × "
                    + noiseDimension + " (the SDE's noise dimension m = " + noiseDimension + ")");
        }
    }

    @Override
    public String description() {
        return "correlated Brownian motion (" + kind + " " + java.util.Arrays.deepToString(covariance) + ")";
    }

    @Override
    public String toString() {
        return description();
    }

    private static double[] factorOf(String name, double[][] c, int m) {
        if (c == null || m == 0) {
            throw new IllegalArgumentException(name + " has " + (c == null ? "no" : "0")
                    + " rows: must be a non-empty square matrix");
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
                if (Math.abs(c[i][j] - c[j][i]) > TOLERANCE * max) {
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
            if (lambda < -TOLERANCE * Math.max(max, Double.MIN_NORMAL)) {
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
