package org.sde4j.sensitivity;

import org.sde4j.models.math.SpecialFunctions;
import org.sde4j.models.stochvol.Heston;

/**
 * The closed forms {@link GreeksRecipe} prints beside its estimates: the Black–Scholes (1973) call and
 * cash-or-nothing digital with their Greeks, and the Heston (1993) call by Fourier inversion with its sensitivities
 * by central differences of that price.
 */
final class GreeksClosedForms {
    /** The Fourier pricer's absolute tolerance. */
    private static final double TOLERANCE = 1e-12;
    /** The relative step of the central differences of the Heston price. */
    private static final double STEP = 1e-4;

    private GreeksClosedForms() {
    }

    /**
     * {price, Δ, Γ, vega, ρ, Θ} of a call ({@code digital} false) or a cash-or-nothing digital call, with
     * {@code d₁ = (ln(S/K) + (r + σ²/2)T)/(σ√T)}, {@code d₂ = d₁ − σ√T}, Θ = −∂V/∂T. Call: {@code S Φ(d₁) − K e^{−rT}
     * Φ(d₂)}, Δ = Φ(d₁), Γ = φ(d₁)/(Sσ√T), vega = Sφ(d₁)√T, ρ = KT e^{−rT} Φ(d₂), Θ = −Sφ(d₁)σ/(2√T) − rK e^{−rT}
     * Φ(d₂). Digital: {@code e^{−rT} Φ(d₂)}, Δ = e^{−rT}φ(d₂)/(Sσ√T), Γ = −e^{−rT} d₁ φ(d₂)/(S²σ²T), vega =
     * −e^{−rT} φ(d₂) d₁/σ, ρ = −T e^{−rT} Φ(d₂) + e^{−rT} φ(d₂) √T/σ, Θ = r e^{−rT} Φ(d₂) − e^{−rT} φ(d₂) ∂d₂/∂T
     * with ∂d₂/∂T = (r − σ²/2)/(σ√T) − d₂/(2T).
     */
    static double[] blackScholes(double s, double k, double r, double sigma, double t, boolean digital) {
        double sq = sigma * Math.sqrt(t);
        double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / sq;
        double d2 = d1 - sq;
        double df = Math.exp(-r * t);
        double n1 = density(d1);
        double n2 = density(d2);
        double c2 = SpecialFunctions.normalCdf(d2);
        if (digital) {
            double dd2 = (r - 0.5 * sigma * sigma) / sq - d2 / (2 * t);
            return new double[] {df * c2, df * n2 / (s * sq), -df * d1 * n2 / (s * s * sq * sq), -df * n2 * d1 / sigma,
                -t * df * c2 + df * n2 * Math.sqrt(t) / sigma, r * df * c2 - df * n2 * dd2};
        }
        double c1 = SpecialFunctions.normalCdf(d1);
        return new double[] {s * c1 - k * df * c2, c1, n1 / (s * sq), s * n1 * Math.sqrt(t), k * t * df * c2,
            -s * n1 * sigma / (2 * Math.sqrt(t)) - r * k * df * c2};
    }

    private static double density(double x) {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    /**
     * The Heston call price and its derivatives in (r, κ, θ, ξ, ρ, S0, v0) by central differences of the Fourier
     * price (step 10⁻⁴ relative, 10⁻⁴ absolute below 1; a truncation error of order 10⁻⁸ relative).
     *
     * @param p s0, v0, r, kappa, theta, xi, rho, T in that order
     * @return {price, ∂/∂r, ∂/∂κ, ∂/∂θ, ∂/∂ξ, ∂/∂ρ, ∂/∂S0, ∂/∂v0}
     */
    static double[] heston(double[] p, double strike) {
        double[] out = new double[8];
        out[0] = hestonCall(p, strike);
        int[] order = {2, 3, 4, 5, 6, 0, 1};
        for (int j = 0; j < order.length; j++) {
            int e = order[j];
            double[] up = p.clone();
            double[] down = p.clone();
            double h = STEP * Math.max(1, Math.abs(p[e]));
            if (e == 6) {
                h = Math.min(h, (1 - Math.abs(p[e])) / 2); // ρ stays inside [−1, 1]
            }
            if (e == 1 && p[e] < h) {
                h = p[e] / 2; // v0 stays non-negative
            }
            up[e] += h;
            down[e] -= h;
            out[1 + j] = (hestonCall(up, strike) - hestonCall(down, strike)) / (2 * h);
        }
        return out;
    }

    private static double hestonCall(double[] p, double strike) {
        return Heston.of(p[0], p[1], p[2], 0, p[3], p[4], p[5], p[6]).call(strike, p[7], TOLERANCE).value();
    }
}
