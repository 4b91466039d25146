package org.sde4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.models.math.BlackScholes;
import org.sde4j.models.math.Complex;
import org.sde4j.models.math.FourierPricer;
import org.sde4j.models.math.Quadrature;
import org.sde4j.models.math.SpecialFunctions;

class MathToolsTest {
    @Test
    void kronrodIsExactForDegree23AndGaussForDegree13() {
        // One interval only: K15 (exact to degree 3·7 + 2 = 23) integrates x^22 exactly; |K15 − G7| is then G7's error, non-zero for x^14.
        Quadrature.Result r = Quadrature.integrate(x -> Math.pow(x, 22), -1, 1, 1, 1);
        assertEquals(2.0 / 23, r.value(), 1e-15);
        Quadrature.Result g = Quadrature.integrate(x -> Math.pow(x, 12), -1, 1, 1, 1);
        assertEquals(0, g.errorEstimate(), 1e-15);
        Quadrature.Result g14 = Quadrature.integrate(x -> Math.pow(x, 14), -1, 1, 1, 1);
        assertTrue(g14.errorEstimate() > 1e-6, "G7 is not exact at degree 14");
    }

    @Test
    void integralsToInfinity() {
        assertEquals(1, Quadrature.integrateToInfinity(x -> Math.exp(-x), 0, 1e-12, 200).value(), 1e-11);
        assertEquals(Math.PI / 2, Quadrature.integrateToInfinity(x -> 1 / (1 + x * x), 0, 1e-12, 400).value(), 1e-11);
    }

    @Test
    void aDivergentIntegralIsReportedNotPrinted() {
        assertThrows(Quadrature.NotConvergedException.class,
                () -> Quadrature.integrateToInfinity(x -> 1 / (1 + x), 0, 1e-10, 300));
    }

    @Test
    void specialFunctionsMatchTabulatedValues() {
        assertEquals(0.8413447460685429, SpecialFunctions.normalCdf(1), 1e-15);
        assertEquals(0.0013498980316300946, SpecialFunctions.normalCdf(-3), 1e-18);
        assertEquals(2.866515718791939e-7, SpecialFunctions.normalCdf(-5), 1e-20);
        assertEquals(Math.log(24), SpecialFunctions.logGamma(5), 1e-14);
        assertEquals(0.5 * Math.log(Math.PI), SpecialFunctions.logGamma(0.5), 1e-14);
        // P(1, x) = 1 − e^{−x}; P(3, 2) = 1 − e^{−2}(1 + 2 + 2) = 0.3233235838169366.
        assertEquals(-Math.expm1(-0.7), SpecialFunctions.regularizedGammaP(1, 0.7), 1e-15);
        assertEquals(0.3233235838169366, SpecialFunctions.regularizedGammaP(3, 2), 1e-15);
        assertEquals(1 - 0.3233235838169366, SpecialFunctions.regularizedGammaQ(3, 2), 1e-15);
    }

    @Test
    void blackScholesByFourierMatchesTheClosedForm() {
        double s = 100;
        double r = 0.05;
        double sigma = 0.2;
        double t = 0.5;
        for (double k : new double[] {80, 100, 120}) {
            double x = Math.log(s) + (r - 0.5 * sigma * sigma) * t;
            FourierPricer.Price p = FourierPricer.call(u -> Complex.I.times(u).times(x)
                    .minus(u.times(u).times(0.5 * sigma * sigma * t)).exp(), k, Math.exp(-r * t), 1e-10);
            assertEquals(BlackScholes.call(s, k, r, 0, sigma, t), p.value(), 1e-9, "K = " + k);
        }
        // Hull's textbook example: S = 42, K = 40, r = 0.1, σ = 0.2, T = 0.5 gives 4.76.
        assertEquals(4.76, BlackScholes.call(42, 40, 0.1, 0, 0.2, 0.5), 0.005);
    }
}
