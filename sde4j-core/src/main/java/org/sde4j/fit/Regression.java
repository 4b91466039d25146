package org.sde4j.fit;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Least-squares helpers for the optimiser's starting points. */
final class Regression {
    private Regression() {
    }

    /** {@code next ≈ a + b prev}: returns (a, b, residual variance). */
    static double[] autoregression(double[] prev, double[] next) {
        int n = prev.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += prev[i] / n;
            my += next[i] / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (prev[i] - mx) * (next[i] - my);
            sxx += (prev[i] - mx) * (prev[i] - mx);
        }
        double b = sxx > 0 ? sxy / sxx : 0;
        double a = my - b * mx;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = next[i] - a - b * prev[i];
            rss += r * r;
        }
        return new double[] {a, b, rss / Math.max(1, n - 2)};
    }

    /** Ordinary least squares {@code y ≈ X β}; X has one row per observation. */
    static double[] leastSquares(double[][] x, double[] y) {
        DMatrixRMaj design = new DMatrixRMaj(x);
        DMatrixRMaj target = new DMatrixRMaj(y.length, 1, true, y);
        DMatrixRMaj beta = new DMatrixRMaj(x[0].length, 1);
        if (!CommonOps_DDRM.solve(design, target, beta)) {
            throw new IllegalArgumentException("least squares: the design matrix is singular");
        }
        return beta.data.clone();
    }
}
