package org.sde4j.sensitivity;

import org.apache.commons.math3.analysis.integration.SimpsonIntegrator;
import org.apache.commons.math3.complex.Complex;

/**
 * Log-Heston with full truncation (Lord, Koekkoek &amp; van Dijk 2010), θ = (r, κ, θ_v, ξ, ρ), state (log S, v):
 * {@code d log S = (r − v⁺/2) dt + √v⁺ dW_1}, {@code dv = κ(θ_v − v⁺) dt + ξ √v⁺ (ρ dW_1 + √(1 − ρ²) dW_2)}; and the
 * semi-closed-form call price (Heston 1993, in the form of Albrecher et al. 2007, "The little Heston trap").
 */
final class Heston implements GeneralParametricSde {
    static final Heston MODEL = new Heston();

    @Override
    public int stateDimension() {
        return 2;
    }

    @Override
    public int noiseDimension() {
        return 2;
    }

    @Override
    public int parameterCount() {
        return 5;
    }

    @Override
    public void drift(double t, double[] x, double[] th, double[] out) {
        double v = Math.max(x[1], 0);
        out[0] = th[0] - 0.5 * v;
        out[1] = th[1] * (th[2] - v);
    }

    @Override
    public void diffusion(double t, double[] x, double[] th, double[] out) {
        double s = Math.sqrt(Math.max(x[1], 0));
        double c = Math.sqrt(1 - th[4] * th[4]);
        out[0] = s;
        out[1] = 0;
        out[2] = th[3] * th[4] * s;
        out[3] = th[3] * c * s;
    }

    @Override
    public void driftVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
        double positive = x[1] > 0 ? 1 : 0;
        dx[1] += -0.5 * positive * v[0] - th[1] * positive * v[1];
        dth[0] += v[0];
        dth[1] += v[1] * (th[2] - Math.max(x[1], 0));
        dth[2] += v[1] * th[1];
    }

    @Override
    public void diffusionVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
        double s = Math.sqrt(Math.max(x[1], 0));
        double c = Math.sqrt(1 - th[4] * th[4]);
        double ds = s > 0 ? 0.5 / s : 0;
        dx[1] += (v[0] + v[2] * th[3] * th[4] + v[3] * th[3] * c) * ds;
        dth[3] += v[2] * th[4] * s + v[3] * c * s;
        dth[4] += v[2] * th[3] * s - v[3] * th[3] * th[4] / c * s;
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
