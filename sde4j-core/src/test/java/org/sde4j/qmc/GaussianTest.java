package org.sde4j.qmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class GaussianTest {
    /** Published quantiles (to 16 digits; e.g. NIST/SEMATECH tables, R's qnorm): p, Φ⁻¹(p). */
    private static final double[][] QUANTILES = {
        {0.5, 0},
        {0.9, 1.2815515655446004},
        {0.975, 1.959963984540054},
        {0.99, 2.3263478740408408},
        {0.995, 2.5758293035489004},
        {0.999, 3.090232306167813},
        {0.025, -1.959963984540054},
        {1e-10, -6.361340902404056},
    };

    @Test
    void quantileMatchesPublishedValuesToDoublePrecision() {
        for (double[] q : QUANTILES) {
            assertEquals(q[1], Gaussian.quantile(q[0]), 4e-15 * Math.max(1, Math.abs(q[1])), "p = " + q[0]);
        }
    }

    /** Commons Math's erfc (its series stop near 10⁻¹⁵, and its argument x/√2 is rounded): a looser reference. */
    @Test
    void cdfMatchesCommonsMathErfc() {
        for (double x = -12; x <= 12; x += 0.0137) {
            double reference = 0.5 * Erf.erfc(-x / Math.sqrt(2));
            assertEquals(reference, Gaussian.cdf(x), (5e-15 + 4e-16 * x * x) * reference, "x = " + x);
        }
    }

    /** Against the series in 100-digit decimal arithmetic: relative error a few ulp, tails included. */
    @Test
    void cdfMatchesAHighPrecisionReference() {
        double worst = 0;
        for (double x = -11.3; x <= 4; x += 0.01731) {
            double reference = Gaussian.preciseCdf(x, 100);
            worst = Math.max(worst, Math.abs(Gaussian.cdf(x) - reference) / reference);
        }
        assertTrue(worst < 2e-15, "worst relative error " + worst);
    }

    /**
     * Φ(Φ⁻¹(p)) = p to round-off: within 4·10⁻¹⁵ relative for p ≤ ½, within two ulp of p above, plus the part no
     * quantile can avoid, the rounding of x itself, which moves Φ by about {@code 1.1·10⁻¹⁶ x²} relative in the tail.
     */
    @Test
    void roundTripIsExactToRoundOff() {
        for (int k = 1; k < 100_000; k++) {
            double p = k / 100_000.0;
            double x = Gaussian.quantile(p);
            double error = Math.abs(Gaussian.cdf(x) - p);
            double allowed = p <= 0.5 ? (4e-15 + 2.3e-16 * x * x) * p : 2 * Math.ulp(p);
            assertTrue(error <= allowed, "p = " + p + ": error " + error);
        }
        for (double p = 1e-300; p < 1e-3; p *= 7.3) {
            double x = Gaussian.quantile(p);
            double error = Math.abs(Gaussian.cdf(x) - p);
            assertTrue(error <= (4e-15 + 2.3e-16 * x * x) * p, "p = " + p + ": relative error " + error / p);
        }
    }

    @Test
    void edgesAndBadInput() {
        assertEquals(Double.NEGATIVE_INFINITY, Gaussian.quantile(0));
        assertEquals(Double.POSITIVE_INFINITY, Gaussian.quantile(1));
        assertThrows(IllegalArgumentException.class, () -> Gaussian.quantile(1.5));
        assertThrows(IllegalArgumentException.class, () -> Gaussian.quantile(Double.NaN));
        assertEquals(-Gaussian.quantile(0.3), Gaussian.quantile(0.7), 1e-15);
    }
}
