package org.sde4j.models.math;

/**
 * The Black–Scholes–Merton (1973) price of a European call on an asset with continuous yield q:
 * {@code C = S e^{−qT} Φ(d₁) − K e^{−rT} Φ(d₂)}, {@code d₁ = (ln(S/K) + (r − q + σ²/2)T)/(σ√T)},
 * {@code d₂ = d₁ − σ√T}.
 */
public final class BlackScholes {
    private BlackScholes() {
    }

    /**
     * @param spot   S &gt; 0
     * @param strike K &gt; 0
     * @param rate   r
     * @param yield  q
     * @param vol    σ ≥ 0
     * @param expiry T &gt; 0
     * @return the call price
     */
    public static double call(double spot, double strike, double rate, double yield, double vol, double expiry) {
        if (!(spot > 0)) {
            throw new IllegalArgumentException("spot = " + spot + ": must be positive");
        }
        if (!(strike > 0)) {
            throw new IllegalArgumentException("strike = " + strike + ": must be positive");
        }
        if (!(expiry > 0)) {
            throw new IllegalArgumentException("expiry = " + expiry + ": must be positive");
        }
        if (!(vol >= 0)) {
            throw new IllegalArgumentException("vol = " + vol + ": must be >= 0");
        }
        double forward = spot * Math.exp((rate - yield) * expiry);
        double discount = Math.exp(-rate * expiry);
        if (vol == 0) {
            return discount * Math.max(forward - strike, 0);
        }
        double sd = vol * Math.sqrt(expiry);
        double d1 = (Math.log(forward / strike) + 0.5 * sd * sd) / sd;
        return discount * (forward * SpecialFunctions.normalCdf(d1) - strike * SpecialFunctions.normalCdf(d1 - sd));
    }
}
