package org.sde4j.multilevel;

import org.sde4j.qmc.Gaussian;
import org.sde4j.sde.Require;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;

/**
 * Geometric Brownian motion {@code dS = r S dt + σ S dW}, S(0) = S₀ on [0, T], and the closed forms of the payoffs
 * the estimators are checked against (discounted by e^{−rT}, risk-neutral drift r). Giles (2008) takes r = 0.05,
 * σ = 0.2, T = 1, S₀ = 1, K = 1 ({@link #GILES}).
 *
 * @param r     the drift (rate)
 * @param sigma the volatility σ &gt; 0
 * @param s0    S₀ &gt; 0
 * @param t     T &gt; 0
 */
public record GbmFormulas(double r, double sigma, double s0, double t) {
    /** Giles' parameters: r = 0.05, σ = 0.2, S₀ = 1, T = 1. */
    public static final GbmFormulas GILES = new GbmFormulas(0.05, 0.2, 1, 1);

    /** Checks the parameters. */
    public GbmFormulas {
        Require.finite("r", r);
        Require.positive("sigma", sigma);
        Require.positive("s0", s0);
        Require.positive("t", t);
    }

    /** The problem, with the diffusion derivative σ (for Milstein) and batched forms for the block layout. */
    public SdeProblem problem() {
        double a = r;
        double b = sigma;
        Sde sde = Sde.scalar((time, x) -> a * x, (time, x) -> b * x).withDiffusionDerivative((time, x) -> b)
                .withBlockForms((time, x, out, n, stride) -> {
                    for (int p = 0; p < n; p++) {
                        out[p] = a * x[p];
                    }
                }, (time, x, out, n, stride) -> {
                    for (int p = 0; p < n; p++) {
                        out[p] = b * x[p];
                    }
                }, (time, x, out, n, stride) -> java.util.Arrays.fill(out, 0, n, b));
        return SdeProblem.of(sde, s0, 0, t);
    }

    /** e^{−rT}. */
    public double discount() {
        return Math.exp(-r * t);
    }

    /** {@code E S_T = S₀ e^{rT}}. */
    public double mean() {
        return s0 * Math.exp(r * t);
    }

    /** Black–Scholes: {@code e^{−rT} E max(S_T − K, 0) = S₀ Φ(d₁) − K e^{−rT} Φ(d₂)}. */
    public double europeanCall(double strike) {
        double v = sigma * Math.sqrt(t);
        double d1 = (Math.log(s0 / strike) + (r + 0.5 * sigma * sigma) * t) / v;
        return s0 * Gaussian.cdf(d1) - strike * discount() * Gaussian.cdf(d1 - v);
    }

    /** The digital call {@code e^{−rT} P(S_T > K) = e^{−rT} Φ(d₂)}. */
    public double digitalCall(double strike) {
        double v = sigma * Math.sqrt(t);
        double d2 = (Math.log(s0 / strike) + (r - 0.5 * sigma * sigma) * t) / v;
        return discount() * Gaussian.cdf(d2);
    }

    /**
     * The call on the continuous geometric average {@code G = exp((1/T) ∫₀ᵀ log S dt)}: log G is normal with mean
     * {@code log S₀ + (r − σ²/2) T/2} and variance {@code σ² T/3}, so
     * {@code e^{−rT} E max(G − K, 0) = e^{−rT} (e^{μ + v/2} Φ(d₁) − K Φ(d₂))}, {@code d₁ = (μ − log K + v)/√v},
     * {@code d₂ = d₁ − √v} (Kemna &amp; Vorst 1990).
     */
    public double geometricAsianCall(double strike) {
        double mu = Math.log(s0) + (r - 0.5 * sigma * sigma) * t / 2;
        double var = sigma * sigma * t / 3;
        double sd = Math.sqrt(var);
        double d1 = (mu - Math.log(strike) + var) / sd;
        return discount() * (Math.exp(mu + 0.5 * var) * Gaussian.cdf(d1) - strike * Gaussian.cdf(d1 - sd));
    }

    /**
     * The floating-strike lookback call {@code e^{−rT} E (S_T − min_{[0,T]} S)} with continuous monitoring from
     * S_min = S₀ (Goldman, Sosin &amp; Gatto 1979; Hull, Options, Futures and Other Derivatives, §26.11, q = 0):
     * {@code S₀ Φ(a₁) − S₀ (σ²/2r) Φ(−a₁) − S₀ e^{−rT} (Φ(a₂) − (σ²/2r) Φ(−a₃))},
     * {@code a₁ = (r + σ²/2)√T/σ}, {@code a₂ = a₁ − σ√T}, {@code a₃ = (−r + σ²/2)√T/σ}. Needs r ≠ 0.
     */
    public double lookbackCall() {
        if (r == 0) {
            throw new IllegalArgumentException("r = 0: the lookback formula divides by r");
        }
        double st = Math.sqrt(t);
        double a1 = (r + 0.5 * sigma * sigma) * st / sigma;
        double a2 = a1 - sigma * st;
        double a3 = (-r + 0.5 * sigma * sigma) * st / sigma;
        double k = sigma * sigma / (2 * r);
        return s0 * Gaussian.cdf(a1) - s0 * k * Gaussian.cdf(-a1) - s0 * discount() * (Gaussian.cdf(a2)
                - k * Gaussian.cdf(-a3));
    }
}
