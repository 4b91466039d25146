package org.sde4j.qmc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BrownianBridgeTest {
    /** The increments are linear in z; their covariance A Aᵀ must be h I exactly (to round-off), for any n. */
    @Test
    void incrementsAreIndependentWithVarianceH() {
        for (int n : new int[] {1, 2, 7, 8, 12, 64}) {
            double span = 1.7;
            BrownianBridge bridge = new BrownianBridge(n, span);
            double[][] a = new double[n][n]; // a[k][i] = ΔW_k for z = e_i
            double[] z = new double[n];
            double[] w = new double[n + 1];
            double[] inc = new double[n];
            for (int i = 0; i < n; i++) {
                java.util.Arrays.fill(z, 0);
                z[i] = 1;
                bridge.increments(z, 0, 1, w, inc, 0, 1);
                for (int k = 0; k < n; k++) {
                    a[k][i] = inc[k];
                }
            }
            for (int k = 0; k < n; k++) {
                for (int l = 0; l < n; l++) {
                    double c = 0;
                    for (int i = 0; i < n; i++) {
                        c += a[k][i] * a[l][i];
                    }
                    assertEquals(k == l ? span / n : 0, c, 1e-13, "n = " + n + ", cov(" + k + ", " + l + ")");
                }
            }
        }
    }

    @Test
    void firstCoordinateSetsTheEndpointAndSecondTheMidpoint() {
        BrownianBridge bridge = new BrownianBridge(8, 2);
        double[] w = new double[9];
        double[] inc = new double[8];
        bridge.increments(new double[] {1, 0, 0, 0, 0, 0, 0, 0}, 0, 1, w, inc, 0, 1);
        assertEquals(Math.sqrt(2), w[8], 1e-15);
        assertEquals(Math.sqrt(2) / 2, w[4], 1e-15);
        bridge.increments(new double[] {0, 1, 0, 0, 0, 0, 0, 0}, 0, 1, w, inc, 0, 1);
        assertEquals(0, w[8], 0);
        assertEquals(Math.sqrt(0.5), w[4], 1e-15); // sd of W(1) given W(0) = W(2) = 0: √(1·1/2)
    }
}
