package org.sde4j.qmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScrambledSobolTest {
    /**
     * Each randomisation's mean of a smooth integrand over the first 256 points is unbiased. With R = 400
     * randomisations (seed fixed) the z statistic of their mean against the exact integral must stay below 4.89, the
     * two-sided normal quantile for a false-failure probability of 10⁻⁶ (the t law with 399 degrees of freedom moves
     * it by less than 1 %). The integrand is smooth and not linear, f(u) = Π_{j<8} (π/2) sin(π u_j) · exp(u_0 u_1):
     * the six factors j ≥ 2 integrate to 1 each, the rest by a fine midpoint rule (error about 10⁻⁸, far below se).
     */
    @Test
    void randomisedMeansAreUnbiased() {
        for (boolean matrix : new boolean[] {true, false}) {
            int s = 8;
            Sobol sobol = new Sobol(s);
            int r = 400;
            int n = 256;
            double[] u = new double[s * n];
            double sum = 0;
            double sum2 = 0;
            for (int k = 0; k < r; k++) {
                new ScrambledSobol(sobol, 11, k, matrix).fill(0, n, s, u, n);
                double mean = 0;
                for (int p = 0; p < n; p++) {
                    mean += f(u, p, n);
                }
                mean /= n;
                sum += mean;
                sum2 += mean * mean;
            }
            double mean = sum / r;
            double se = Math.sqrt((sum2 / r - mean * mean) / (r - 1));
            double z = (mean - exact()) / se;
            assertTrue(Math.abs(z) < 4.89, "matrix " + matrix + ": z = " + z + ", mean " + mean + " vs " + exact());
            assertTrue(se < 0.01, "se " + se);
        }
    }

    private static double f(double[] u, int p, int n) {
        double v = Math.exp(u[p] * u[n + p]);
        for (int j = 0; j < 8; j++) {
            v *= Math.PI / 2 * Math.sin(Math.PI * u[j * n + p]);
        }
        return v;
    }

    /** ∫∫ (π/2)² sin(πx) sin(πy) e^{xy} dx dy (Gauss–Legendre-free: a fine midpoint rule, error ~1e-10). */
    private static double exact() {
        int k = 4000;
        double total = 0;
        for (int i = 0; i < k; i++) {
            double x = (i + 0.5) / k;
            for (int j = 0; j < k; j++) {
                double y = (j + 0.5) / k;
                total += Math.sin(Math.PI * x) * Math.sin(Math.PI * y) * Math.exp(x * y);
            }
        }
        return total / ((double) k * k) * Math.pow(Math.PI / 2, 2);
    }

    @Test
    void scrambledPointsStayInTheOpenCubeAndDependOnSeedAndRandomisationOnly() {
        Sobol sobol = new Sobol(5);
        double[] a = new double[5 * 300];
        double[] b = new double[5 * 300];
        new ScrambledSobol(sobol, 3, 9, true).fill(17, 300, 5, a, 300);
        new ScrambledSobol(sobol, 3, 9, true).fill(17, 300, 5, b, 300);
        for (int i = 0; i < a.length; i++) {
            assertTrue(a[i] > 0 && a[i] < 1);
            assertEquals(a[i], b[i], 0);
        }
        ScrambledSobol one = new ScrambledSobol(sobol, 3, 9, true);
        for (int p = 0; p < 300; p++) {
            assertEquals(a[2 * 300 + p], (Integer.toUnsignedLong(one.coordinate(17 + p, 2)) + 0.5) * 0x1.0p-32, 0);
        }
    }
}
