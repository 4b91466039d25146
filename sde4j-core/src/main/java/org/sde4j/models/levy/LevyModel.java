package org.sde4j.models.levy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.models.math.CharacteristicFunction;
import org.sde4j.models.math.Complex;
import org.sde4j.models.math.FourierPricer;
import org.sde4j.models.mc.PathAverageJob;
import org.sde4j.random.KeyedStream;

/**
 * A Lévy process X with exact increments, and the exponential Lévy price model
 * {@code S_T = S_0 exp((r − q + ω)T + X_T)}, ω = −ln E[e^{X_1}] (so that e^{−(r−q)t} S_t is a martingale).
 */
public interface LevyModel {
    /** Third key word of the Lévy streams. */
    long TAG = 0x6c657679L;

    /** A short name. */
    String name();

    /** An exact draw of X_{t+Δ} − X_t. */
    double increment(UniformRandomProvider rng, ContinuousSampler gaussian, double dt);

    /** The exponent ψ with E[e^{iuX_t}] = e^{tψ(u)}, for complex u in the strip where it is finite. */
    Complex exponent(Complex u);

    /** E[X_t]. */
    double mean(double t);

    /** Var[X_t]. */
    double variance(double t);

    /**
     * ω = −ψ(−i) = −ln E[e^{X_1}].
     *
     * @throws IllegalArgumentException when E[e^{X_1}] is infinite for these parameters
     */
    double martingaleCorrection();

    /** E[e^{iuX_t}]. */
    default Complex characteristic(Complex u, double t) {
        return exponent(u).times(t).exp();
    }

    /** The characteristic function of ln S_T in the exponential model. */
    default CharacteristicFunction logPrice(double spot, double rate, double yield, double expiry) {
        double x = Math.log(spot) + (rate - yield + martingaleCorrection()) * expiry;
        return u -> Complex.I.times(u).times(x).plus(exponent(u).times(expiry)).exp();
    }

    /** A European call by Fourier inversion. */
    default FourierPricer.Price call(double spot, double strike, double rate, double yield, double expiry,
            double tolerance) {
        return FourierPricer.call(logPrice(spot, rate, yield, expiry), strike, Math.exp(-rate * expiry), tolerance);
    }

    /**
     * A job whose path p sums {@code steps} exact increments over [0, T] (stream keyed by {@code (seed, p, TAG)})
     * and reports X_T, cos(u_k X_T), sin(u_k X_T) for each u_k, and the discounted call payoffs for each strike.
     */
    static PathAverageJob job(LevyModel model, int steps, double expiry, double spot, double rate, double[] us,
            double... strikes) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps = " + steps + ": must be at least 1");
        }
        int n = 1 + 2 * us.length + strikes.length;
        String[] names = new String[n];
        names[0] = "X_T";
        for (int k = 0; k < us.length; k++) {
            names[1 + k] = "cos " + us[k];
            names[1 + us.length + k] = "sin " + us[k];
        }
        for (int k = 0; k < strikes.length; k++) {
            names[1 + 2 * us.length + k] = "call " + strikes[k];
        }
        double[] u = us.clone();
        double[] ks = strikes.clone();
        double drift = (rate + model.martingaleCorrection()) * expiry;
        double discount = Math.exp(-rate * expiry);
        double dt = expiry / steps;
        return PathAverageJob.of(model.name() + ", " + steps + " steps to " + expiry, () -> {
            KeyedStream stream = new KeyedStream();
            ContinuousSampler gaussian = stream.gaussian();
            return (seed, path, out) -> {
                stream.reset(seed, path, TAG);
                double x = 0;
                for (int i = 0; i < steps; i++) {
                    x += model.increment(stream, gaussian, dt);
                }
                out[0] = x;
                for (int k = 0; k < u.length; k++) {
                    out[1 + k] = Math.cos(u[k] * x);
                    out[1 + u.length + k] = Math.sin(u[k] * x);
                }
                double s = spot * Math.exp(drift + x);
                for (int k = 0; k < ks.length; k++) {
                    out[1 + 2 * u.length + k] = discount * Math.max(s - ks[k], 0);
                }
            };
        }, names);
    }
}
