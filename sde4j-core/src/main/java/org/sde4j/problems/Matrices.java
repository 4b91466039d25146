package org.sde4j.problems;

/**
 * Small dense matrices for the exact moments of linear SDEs: products and the matrix exponential by
 * scaling and squaring of a Taylor polynomial (Moler &amp; Van Loan 2003, "Nineteen dubious ways",
 * method 3). After scaling, {@code ‖A/2^s‖_1 ≤ 1/2}, where 18 Taylor terms leave a truncation error
 * below {@code 0.5^19/19! < 1e-22}: exact to round-off for the few-dimensional systems here.
 */
final class Matrices {
    private static final int TERMS = 18;

    private Matrices() {
    }

    /** {@code e^{A}} for a square matrix. */
    static double[][] exp(double[][] a) {
        int n = a.length;
        double norm = 0;
        for (int j = 0; j < n; j++) {
            double column = 0;
            for (double[] row : a) {
                column += Math.abs(row[j]);
            }
            norm = Math.max(norm, column);
        }
        int squarings = Math.max(0, (int) Math.ceil(Math.log(norm / 0.5) / Math.log(2)));
        double scale = Math.pow(2, -squarings);
        double[][] scaled = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                scaled[i][j] = a[i][j] * scale;
            }
        }
        double[][] result = identity(n);
        double[][] term = identity(n);
        for (int k = 1; k <= TERMS; k++) {
            term = times(term, scaled);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    term[i][j] /= k;
                    result[i][j] += term[i][j];
                }
            }
        }
        for (int s = 0; s < squarings; s++) {
            result = times(result, result);
        }
        return result;
    }

    /** {@code A B}. */
    static double[][] times(double[][] a, double[][] b) {
        int n = a.length;
        int m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < b.length; k++) {
                double aik = a[i][k];
                for (int j = 0; j < m; j++) {
                    c[i][j] += aik * b[k][j];
                }
            }
        }
        return c;
    }

    /** {@code A v}. */
    static double[] times(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double sum = 0;
            for (int j = 0; j < v.length; j++) {
                sum += a[i][j] * v[j];
            }
            out[i] = sum;
        }
        return out;
    }

    /** {@code t A}. */
    static double[][] scaled(double[][] a, double t) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] *= t;
            }
        }
        return out;
    }

    /**
     * The generator of {@code vec(M)' = L vec(M)} for the second moment {@code M = E X Xᵀ} of
     * {@code dX = A X dt + Σ_j B_j X dW_j} (Itô): {@code M' = A M + M Aᵀ + Σ_j B_j M B_jᵀ}, with
     * {@code vec} stacking rows ({@code M_ik} at {@code i n + k}).
     */
    static double[][] secondMomentGenerator(double[][] a, double[][][] b) {
        int n = a.length;
        double[][] l = new double[n * n][n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                int row = i * n + k;
                for (int p = 0; p < n; p++) {
                    l[row][p * n + k] += a[i][p];      // (A M)_ik = Σ_p A_ip M_pk
                    l[row][i * n + p] += a[k][p];      // (M Aᵀ)_ik = Σ_p M_ip A_kp
                    for (double[][] bj : b) {
                        for (int q = 0; q < n; q++) {
                            l[row][p * n + q] += bj[i][p] * bj[k][q];   // (B M Bᵀ)_ik
                        }
                    }
                }
            }
        }
        return l;
    }

    private static double[][] identity(int n) {
        double[][] id = new double[n][n];
        for (int i = 0; i < n; i++) {
            id[i][i] = 1;
        }
        return id;
    }
}
