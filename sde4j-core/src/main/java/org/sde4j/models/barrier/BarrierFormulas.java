package org.sde4j.models.barrier;

import static org.sde4j.models.math.SpecialFunctions.normalCdf;

import org.sde4j.models.math.BlackScholes;

/**
 * Closed forms for continuously monitored barriers.
 *
 * <p><b>Knock-out calls under GBM</b> (Merton 1973; Reiner &amp; Rubinstein 1991; in the notation of Hull,
 * "Options, Futures and Other Derivatives", §26.9), no rebate, with λ = (r − q + σ²/2)/σ²,
 *
 * <pre>
 *   y  = ln(H²/(SK))/(σ√T) + λσ√T,   x₁ = ln(S/H)/(σ√T) + λσ√T,   y₁ = ln(H/S)/(σ√T) + λσ√T,
 *   down-and-in,  H ≤ K:  c_di = S e^{−qT}(H/S)^{2λ} N(y) − K e^{−rT}(H/S)^{2λ−2} N(y − σ√T),   c_do = c − c_di;
 *   down-and-out, H ≥ K:  c_do = S e^{−qT} N(x₁) − K e^{−rT} N(x₁ − σ√T)
 *                                 − S e^{−qT}(H/S)^{2λ} N(y₁) + K e^{−rT}(H/S)^{2λ−2} N(y₁ − σ√T);
 *   up-and-in,    H &gt; K:  c_ui = S e^{−qT} N(x₁) − K e^{−rT} N(x₁ − σ√T) − S e^{−qT}(H/S)^{2λ}[N(−y) − N(−y₁)]
 *                                 + K e^{−rT}(H/S)^{2λ−2}[N(−y + σ√T) − N(−y₁ + σ√T)],   c_uo = c − c_ui;
 *   up-and-out,   H ≤ K:  0.
 * </pre>
 *
 * <p><b>Discrete monitoring</b> (Broadie, Glasserman &amp; Kou 1997): a barrier monitored every Δt under GBM prices,
 * up to o(√Δt), like a continuous barrier moved away from the spot by the factor e^{βσ√Δt}, β = −ζ(½)/√(2π)
 * ≈ 0.5826 ({@link #continuityCorrectedBarrier}).
 *
 * <p><b>Survival of Brownian motion with drift</b>, X = x + νt + σW above b &lt; x up to T (the inverse Gaussian law
 * of the first passage time):
 * {@code P = N((x − b + νT)/(σ√T)) − e^{−2ν(x − b)/σ²} N((−(x − b) + νT)/(σ√T))}.
 */
public final class BarrierFormulas {
    private BarrierFormulas() {
    }

    private static void check(double spot, double strike, double barrier, double vol, double expiry) {
        if (!(spot > 0)) {
            throw new IllegalArgumentException("spot = " + spot + ": must be positive");
        }
        if (!(strike > 0)) {
            throw new IllegalArgumentException("strike = " + strike + ": must be positive");
        }
        if (!(barrier > 0)) {
            throw new IllegalArgumentException("barrier = " + barrier + ": must be positive");
        }
        if (!(vol > 0)) {
            throw new IllegalArgumentException("vol = " + vol + ": must be positive");
        }
        if (!(expiry > 0)) {
            throw new IllegalArgumentException("expiry = " + expiry + ": must be positive");
        }
    }

    /**
     * The down-and-out call, continuously monitored.
     *
     * @throws IllegalArgumentException when the barrier is not below the spot
     */
    public static double downAndOutCall(double spot, double strike, double barrier, double rate, double yield,
            double vol, double expiry) {
        check(spot, strike, barrier, vol, expiry);
        if (!(barrier < spot)) {
            throw new IllegalArgumentException("barrier = " + barrier + ": a down barrier must lie below the spot "
                    + spot);
        }
        double sd = vol * Math.sqrt(expiry);
        double lambda = (rate - yield + 0.5 * vol * vol) / (vol * vol);
        double ds = spot * Math.exp(-yield * expiry);
        double dk = strike * Math.exp(-rate * expiry);
        double hs = barrier / spot;
        double p2 = Math.pow(hs, 2 * lambda);
        double p22 = Math.pow(hs, 2 * lambda - 2);
        if (barrier <= strike) {
            double y = Math.log(barrier * barrier / (spot * strike)) / sd + lambda * sd;
            double cdi = ds * p2 * normalCdf(y) - dk * p22 * normalCdf(y - sd);
            return BlackScholes.call(spot, strike, rate, yield, vol, expiry) - cdi;
        }
        double x1 = Math.log(spot / barrier) / sd + lambda * sd;
        double y1 = Math.log(barrier / spot) / sd + lambda * sd;
        return ds * normalCdf(x1) - dk * normalCdf(x1 - sd) - ds * p2 * normalCdf(y1) + dk * p22 * normalCdf(y1 - sd);
    }

    /**
     * The up-and-out call, continuously monitored.
     *
     * @throws IllegalArgumentException when the barrier is not above the spot
     */
    public static double upAndOutCall(double spot, double strike, double barrier, double rate, double yield,
            double vol, double expiry) {
        check(spot, strike, barrier, vol, expiry);
        if (!(barrier > spot)) {
            throw new IllegalArgumentException("barrier = " + barrier + ": an up barrier must lie above the spot "
                    + spot);
        }
        if (barrier <= strike) {
            return 0;
        }
        double sd = vol * Math.sqrt(expiry);
        double lambda = (rate - yield + 0.5 * vol * vol) / (vol * vol);
        double ds = spot * Math.exp(-yield * expiry);
        double dk = strike * Math.exp(-rate * expiry);
        double hs = barrier / spot;
        double p2 = Math.pow(hs, 2 * lambda);
        double p22 = Math.pow(hs, 2 * lambda - 2);
        double y = Math.log(barrier * barrier / (spot * strike)) / sd + lambda * sd;
        double x1 = Math.log(spot / barrier) / sd + lambda * sd;
        double y1 = Math.log(barrier / spot) / sd + lambda * sd;
        double cui = ds * normalCdf(x1) - dk * normalCdf(x1 - sd) - ds * p2 * (normalCdf(-y) - normalCdf(-y1))
                + dk * p22 * (normalCdf(-y + sd) - normalCdf(-y1 + sd));
        return BlackScholes.call(spot, strike, rate, yield, vol, expiry) - cui;
    }

    /** β = −ζ(½)/√(2π), Broadie–Glasserman–Kou's constant. */
    public static final double BGK_BETA = 0.5825971579390106;

    /**
     * The continuous barrier that prices a barrier monitored every {@code dt} (Broadie, Glasserman &amp; Kou 1997):
     * {@code H e^{−βσ√dt}} for a down barrier, {@code H e^{βσ√dt}} for an up barrier.
     */
    public static double continuityCorrectedBarrier(double barrier, double vol, double dt, boolean down) {
        double shift = BGK_BETA * vol * Math.sqrt(dt);
        return barrier * Math.exp(down ? -shift : shift);
    }

    /**
     * P(min_{[0,T]} (x + νt + σW_t) &gt; b), b &lt; x.
     *
     * @throws IllegalArgumentException when b ≥ x
     */
    public static double survivalAboveWithDrift(double x, double b, double drift, double vol, double expiry) {
        if (!(b < x)) {
            throw new IllegalArgumentException("barrier = " + b + ": a lower barrier must lie below the start " + x);
        }
        double sd = vol * Math.sqrt(expiry);
        double a = x - b;
        return normalCdf((a + drift * expiry) / sd)
                - Math.exp(-2 * drift * a / (vol * vol)) * normalCdf((-a + drift * expiry) / sd);
    }
}
