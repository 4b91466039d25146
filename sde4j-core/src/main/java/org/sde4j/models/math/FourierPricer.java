package org.sde4j.models.math;

/**
 * European call prices by Fourier inversion of the characteristic function φ of ln S_T, in Lewis' (2001) form
 *
 * <pre>
 *   C = D F − (D √K / π) ∫₀^∞ Re[ e^{−iuk} φ(u − i/2) ] / (u² + ¼) du,    k = ln K,
 * </pre>
 *
 * where D = e^{−rT} is the discount factor and F = φ(−i) = E[S_T] the forward. Integrating on the line Im = −½
 * makes the integrand decay like |φ(u − i/2)|/u², fast enough even for characteristic functions that decay only
 * like a power (Variance Gamma at short expiries), where Heston's two-probability form (Gil-Pelaez 1951) has an
 * integrand of order 1/u. The integral runs over [0, ∞) by {@link Quadrature#integrateToInfinity}, with an
 * absolute tolerance on the price; one that does not converge throws {@link Quadrature.NotConvergedException},
 * never a number.
 */
public final class FourierPricer {
    private static final int MAX_INTERVALS = 20_000;

    private FourierPricer() {
    }

    /** A price and its quadrature error estimate (an estimate of the absolute error of the price). */
    public record Price(double value, double errorEstimate) {
    }

    /**
     * @param phi       the characteristic function of ln S_T
     * @param strike    K &gt; 0
     * @param discount  D = e^{−rT} &gt; 0
     * @param tolerance absolute tolerance on the price, positive
     * @return the call price with its error estimate
     * @throws Quadrature.NotConvergedException when the integral does not converge
     */
    public static Price call(CharacteristicFunction phi, double strike, double discount, double tolerance) {
        if (!(strike > 0)) {
            throw new IllegalArgumentException("strike = " + strike + ": must be positive");
        }
        if (!(discount > 0)) {
            throw new IllegalArgumentException("discount = " + discount + ": must be positive");
        }
        Complex fwd = phi.value(Complex.of(0, -1));
        if (!fwd.isFinite() || Math.abs(fwd.im()) > 1e-9 * Math.abs(fwd.re())) {
            throw new Quadrature.NotConvergedException("φ(−i) = " + fwd + ": not a finite forward, so E[S_T] does not"
                    + " exist and the call has no Fourier price");
        }
        double forward = fwd.re();
        double k = Math.log(strike);
        double scale = discount * Math.sqrt(strike) / Math.PI;
        Quadrature.Result r = Quadrature.integrateToInfinity(u -> {
            Complex z = phi.value(Complex.of(u, -0.5)).times(Complex.of(Math.cos(u * k), -Math.sin(u * k)));
            return z.re() / (u * u + 0.25);
        }, 0, tolerance / scale, MAX_INTERVALS);
        return new Price(discount * forward - scale * r.value(), scale * r.errorEstimate());
    }
}
