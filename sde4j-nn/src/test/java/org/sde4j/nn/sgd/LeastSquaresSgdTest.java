package org.sde4j.nn.sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.error.OrderFit;
import org.sde4j.nn.sgd.LeastSquaresSgd.Moments;

/**
 * The exact moments of SGD against simulation (fixed seed), the exact moments of the modified equations
 * against a Runge–Kutta solution of their moment ODE, and the weak orders 1 and 2 of Li, Tai &amp; E.
 */
class LeastSquaresSgdTest {
    private static final LeastSquaresSgd P = LeastSquaresSgd.synthetic(50, 0.4, -1, 0.7, 3);

    @Test
    void exactMomentsMatchSimulatedSgd() {
        int paths = 400_000;
        for (int batch : new int[] {1, 3}) {
            double eta = 0.2;
            Moments exact = P.moments(0.5, eta, batch, 12);
            double[] x = P.run(0.5, eta, batch, 12, paths, 77);
            double m = 0;
            double s = 0;
            for (double v : x) {
                m += v / paths;
                s += v * v / paths;
            }
            double sdM = Math.sqrt(exact.variance() / paths);
            // Fixed seed: deterministic; 5 standard errors leaves room for the sample's own deviation.
            assertEquals(exact.mean(), m, 5 * sdM, "mean, B = " + batch);
            assertEquals(exact.variance(), s - m * m, 5 * exact.variance() * Math.sqrt(3.0 / paths), "variance, B = " + batch);
        }
    }

    @Test
    void stationaryIsTheLimitOfTheRecursion() {
        Moments limit = P.moments(3, 0.1, 2, 5000);
        Moments fixed = P.stationary(0.1, 2);
        assertEquals(fixed.mean(), limit.mean(), 1e-12);
        assertEquals(fixed.second(), limit.second(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> P.stationary(10, 1));
    }

    /** RK4 on the moment ODE m' = −α(m − x*), s' = 2E[X b(X)] + E[g(X)²], written from the SDE's coefficients. */
    private static Moments rk4(ModifiedEquation sme, double eta, int batch, double x0, double t, int steps) {
        double h = t / steps;
        double[] y = {x0, x0 * x0};
        for (int k = 0; k < steps; k++) {
            double[] k1 = rhs(sme, eta, batch, y);
            double[] k2 = rhs(sme, eta, batch, new double[] {y[0] + h / 2 * k1[0], y[1] + h / 2 * k1[1]});
            double[] k3 = rhs(sme, eta, batch, new double[] {y[0] + h / 2 * k2[0], y[1] + h / 2 * k2[1]});
            double[] k4 = rhs(sme, eta, batch, new double[] {y[0] + h * k3[0], y[1] + h * k3[1]});
            for (int i = 0; i < 2; i++) {
                y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
        }
        return new Moments(y[0], y[1]);
    }

    private static double[] rhs(ModifiedEquation sme, double eta, int batch, double[] y) {
        // The drift is affine, b(x) = b(0) + b'(0) x, and g² quadratic: read their coefficients off the Sde.
        var sde = sme.sde();
        double b0 = drift(sde, 0);
        double b1 = drift(sde, 1) - b0;
        double[] n = P.noiseMoments();
        double scale = eta / batch;
        double m = y[0];
        double s = y[1];
        double g2 = scale * (n[0] * s - 2 * n[1] * m + n[2]);
        return new double[] {b0 + b1 * m, 2 * (b0 * m + b1 * s) + g2};
    }

    private static double drift(org.sde4j.sde.Sde sde, double x) {
        double[] out = new double[1];
        sde.drift(0, new double[] {x}, out);
        return out[0];
    }

    @Test
    void closedFormMomentsMatchRungeKutta() {
        for (int order = 1; order <= 2; order++) {
            ModifiedEquation sme = new ModifiedEquation(P, 0.3, 2, order);
            Moments exact = sme.moments(-1, 1.7);
            Moments rk = rk4(sme, 0.3, 2, -1, 1.7, 2000);
            assertEquals(rk.mean(), exact.mean(), 1e-10, "order " + order);
            assertEquals(rk.second(), exact.second(), 1e-10, "order " + order);
            Moments stationary = sme.stationary();
            Moments late = sme.moments(-1, 200);
            assertEquals(stationary.second(), late.second(), 1e-10, "order " + order);
        }
    }

    @Test
    void weakOrdersOneAndTwo() {
        double horizon = 1;
        double[] etas = {1.0 / 64, 1.0 / 128, 1.0 / 256, 1.0 / 512};
        for (int order = 1; order <= 2; order++) {
            double[] errors = new double[etas.length];
            for (int i = 0; i < etas.length; i++) {
                Moments sgd = P.moments(0, etas[i], 1, (int) Math.round(horizon / etas[i]));
                Moments sme = new ModifiedEquation(P, etas[i], 1, order).moments(0, horizon);
                errors[i] = Math.abs(sgd.second() - sme.second());
            }
            double slope = OrderFit.leastSquaresSlope(etas, errors);
            assertTrue(Math.abs(slope - order) < 0.1, "order " + order + ": slope " + slope);
        }
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LeastSquaresSgd(new double[] {0, 0}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new LeastSquaresSgd(new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> P.moments(0, -0.1, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> P.moments(0, 0.1, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> new ModifiedEquation(P, 0.1, 1, 3));
    }
}
