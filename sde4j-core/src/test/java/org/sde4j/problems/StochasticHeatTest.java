package org.sde4j.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The heat equation's mode formulas against the discrete Green's function: with {@code T = tridiag(−1, 2, −1)} of
 * size d, {@code (T^{-1})_{ij} = min(i, j)(d + 1 − max(i, j))/(d + 1)}, and the drift matrix is {@code −(ν/δ²) T}, so
 * the stationary covariance is {@code (σ²/2)(δ²/ν) T^{-1}}.
 */
class StochasticHeatTest {
    @Test
    void stationaryVariancesMatchTheGreensFunction() {
        for (int d : new int[] {2, 7, 64}) {
            double nu = 0.7;
            double sigma = 1.3;
            StochasticHeat heat = StochasticHeat.of(d, nu, sigma);
            double delta = 1.0 / (d + 1);
            double trace = 0;
            double all = 0;
            for (int i = 1; i <= d; i++) {
                for (int j = 1; j <= d; j++) {
                    double g = Math.min(i, j) * (d + 1.0 - Math.max(i, j)) / (d + 1);
                    all += g;
                    if (i == j) {
                        trace += g;
                    }
                }
            }
            double scale = sigma * sigma / 2 * delta * delta / nu;
            assertEquals(scale * trace, heat.varianceTrace(1e6), 1e-12 * scale * trace, "trace, d = " + d);
            assertEquals(scale * delta * delta * all, heat.meanVariance(1e6), 1e-10 * scale * delta * delta * all,
                    "mean, d = " + d);
            double weights = 0;
            for (int k = 1; k <= d; k++) {
                weights += heat.meanWeight(k);
            }
            assertEquals(d * delta * delta, weights, 1e-13, "Parseval, d = " + d);
            assertEquals(4 * nu / (delta * delta) * Math.pow(Math.sin(d * Math.PI * delta / 2), 2),
                    heat.spectralRadius(), 1e-9 * heat.spectralRadius());
        }
    }

    @Test
    void badSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> StochasticHeat.of(1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> StochasticHeat.of(8, 0, 1));
    }
}
