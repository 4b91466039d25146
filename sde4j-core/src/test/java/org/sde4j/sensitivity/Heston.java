package org.sde4j.sensitivity;

import org.apache.commons.math3.analysis.integration.SimpsonIntegrator;
import org.apache.commons.math3.complex.Complex;

/**
 * Log-Heston ({@link HestonSde}) and the semi-closed-form call price (Heston 1993, in the form of Albrecher et al. 2007, "The little Heston trap").
 */
final class Heston {
    static final GeneralParametricSde MODEL = HestonSde.MODEL;

    private Heston() {
    }

    /** The Heston call price; θ = (r, κ, θ_v, ξ, ρ). */
    static double call(double s0, double v0, double strike, double maturity, double[] th) {
        double p1 = probability(s0, v0, strike, maturity, th, true);
        double p2 = probability(s0, v0, strike, maturity, th, false);
        return s0 * p1 - strike * Math.exp(-th[0] * maturity) * p2;
    }

    private static double probability(double s0, double v0, double strike, double maturity, double[] th, boolean first) {
        double r = th[0];
        double kappa = th[1];
        double theta = th[2];
        double xi = th[3];
        double rho = th[4];
        double x = Math.log(s0);
        double lnK = Math.log(strike);
        double u = first ? 0.5 : -0.5;
        double b = first ? kappa - rho * xi : kappa;
        double a = kappa * theta;
        SimpsonIntegrator integrator = new SimpsonIntegrator(1e-10, 1e-10, 3, 24);
        double integral = integrator.integrate(1_000_000, phi -> {
            if (phi == 0) {
                phi = 1e-12;
            }
            Complex i = Complex.I;
            Complex iphi = new Complex(0, phi);
            Complex bm = new Complex(b, -rho * xi * phi);
            Complex d = bm.multiply(bm).subtract(new Complex(xi * xi * 2 * u, 0).multiply(iphi)
                    .subtract(new Complex(xi * xi * phi * phi, 0))).sqrt();
            Complex g = bm.subtract(d).divide(bm.add(d));
            Complex e = d.multiply(-maturity).exp();
            Complex one = Complex.ONE;
            Complex cTerm = iphi.multiply(r * maturity).add(bm.subtract(d).multiply(maturity)
                    .subtract(one.subtract(g.multiply(e)).divide(one.subtract(g)).log().multiply(2)).multiply(a / (xi * xi)));
            Complex dTerm = bm.subtract(d).divide(xi * xi).multiply(one.subtract(e).divide(one.subtract(g.multiply(e))));
            Complex f = cTerm.add(dTerm.multiply(v0)).add(iphi.multiply(x)).exp();
            return iphi.multiply(-lnK).exp().multiply(f).divide(iphi).getReal();
        }, 0, 200);
        return 0.5 + integral / Math.PI;
    }
}
