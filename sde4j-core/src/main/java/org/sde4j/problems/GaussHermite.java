package org.sde4j.problems;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The n-point Gauss–Hermite rule {@code ∫ φ(y) e^{−y²} dy ≈ Σ_k w_k φ(y_k)}, exact for polynomials of degree
 * {@code 2n − 1}.
 *
 * <p>Computed, not tabulated (Golub &amp; Welsch, "Calculation of Gauss quadrature rules", Math. Comp. 23, 1969):
 * the nodes are the eigenvalues of the symmetric tridiagonal Jacobi matrix of the Hermite polynomials, zero on
 * the diagonal and {@code √(k/2)} on the off-diagonals, {@code k = 1 … n−1}. Each node is then polished by a
 * Newton step on the orthonormal Hermite polynomial {@code p_n}, and its weight is taken from the Christoffel
 * function, {@code w_k = 1 / Σ_{j<n} p_j(y_k)²}, which is accurate to relative round-off even where the weight
 * is as small as {@code 1e−100} (an eigenvector's first component would only be accurate in absolute terms).
 * The orthonormal polynomials follow
 *
 * <pre>    p_0 = π^{−¼},  p_1 = √2 y p_0,  p_{j+1} = √(2/(j+1)) y p_j − √(j/(j+1)) p_{j−1},  p_n' = √(2n) p_{n−1}.</pre>
 */
final class GaussHermite {
    private final double[] nodes;
    private final double[] weights;

    private GaussHermite(double[] nodes, double[] weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /**
     * The rule with {@code n} points.
     *
     * @throws IllegalArgumentException when {@code n < 1} or {@code n > 200} (beyond that the smallest weights
     *                                  underflow)
     */
    static GaussHermite of(int n) {
        if (n < 1 || n > 200) {
            throw new IllegalArgumentException("n = " + n + ": a Gauss–Hermite rule needs 1 ≤ n ≤ 200 points");
        }
        double[] y = jacobiEigenvalues(n);
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            for (int newton = 0; newton < 2; newton++) {
                double[] p = orthonormal(y[k], n);
                y[k] -= p[n] / (Math.sqrt(2.0 * n) * p[n - 1]);
            }
            double[] p = orthonormal(y[k], n);
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += p[j] * p[j];
            }
            w[k] = 1 / sum;
        }
        // The rule is symmetric: make it so exactly, which the eigen-solver leaves to round-off.
        for (int k = 0; k < n / 2; k++) {
            int m = n - 1 - k;
            double node = 0.5 * (y[m] - y[k]);
            double weight = 0.5 * (w[k] + w[m]);
            y[k] = -node;
            y[m] = node;
            w[k] = weight;
            w[m] = weight;
        }
        if (n % 2 == 1) {
            y[n / 2] = 0;
        }
        return new GaussHermite(y, w);
    }

    /** {@code Σ_k w_k φ(y_k)}. */
    double integrate(java.util.function.DoubleUnaryOperator phi) {
        double sum = 0;
        for (int k = 0; k < nodes.length; k++) {
            sum += weights[k] * phi.applyAsDouble(nodes[k]);
        }
        return sum;
    }

    /** The nodes, ascending; a copy. */
    double[] nodes() {
        return nodes.clone();
    }

    /** The weights, in the order of the nodes; a copy. */
    double[] weights() {
        return weights.clone();
    }

    private static double[] jacobiEigenvalues(int n) {
        DMatrixRMaj jacobi = new DMatrixRMaj(n, n);
        for (int k = 1; k < n; k++) {
            double b = Math.sqrt(k / 2.0);
            jacobi.set(k - 1, k, b);
            jacobi.set(k, k - 1, b);
        }
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eigen.decompose(jacobi)) {
            throw new IllegalStateException("the eigen-decomposition of the " + n + "-point Hermite Jacobi matrix failed");
        }
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            y[k] = eigen.getEigenvalue(k).getReal();
        }
        java.util.Arrays.sort(y);
        return y;
    }

    /** {@code p_0(y) … p_n(y)}, the orthonormal Hermite polynomials for the weight {@code e^{−y²}}. */
    private static double[] orthonormal(double y, int n) {
        double[] p = new double[n + 1];
        p[0] = Math.pow(Math.PI, -0.25);
        p[1] = Math.sqrt(2) * y * p[0];
        for (int j = 1; j < n; j++) {
            p[j + 1] = Math.sqrt(2.0 / (j + 1)) * y * p[j] - Math.sqrt((double) j / (j + 1)) * p[j - 1];
        }
        return p;
    }
}
