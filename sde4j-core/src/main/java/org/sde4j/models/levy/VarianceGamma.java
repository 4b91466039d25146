package org.sde4j.models.levy;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.models.math.Complex;
import org.sde4j.models.math.Samplers;

/**
 * The Variance Gamma process (Madan, Carr &amp; Chang 1998): {@code X_t = θ G_t + σ W(G_t)}, G a Gamma process with
 * E[G_t] = t and Var[G_t] = νt. Increments over Δ: G ~ Gamma(shape Δ/ν, scale ν), X = θG + σ√G Z, exact.
 *
 * <pre>
 *   ψ(u) = −(1/ν) ln(1 − iuθν + σ²νu²/2),   E[X_t] = θt,   Var[X_t] = (σ² + νθ²)t,
 *   ω = (1/ν) ln(1 − θν − σ²ν/2)   (needs θν + σ²ν/2 &lt; 1).
 * </pre>
 */
public final class VarianceGamma implements LevyModel {
    private final double sigma;
    private final double nu;
    private final double theta;

    private VarianceGamma(double sigma, double nu, double theta) {
        this.sigma = sigma;
        this.nu = nu;
        this.theta = theta;
    }

    /**
     * @param sigma σ &gt; 0
     * @param nu    ν &gt; 0, the variance rate of the Gamma clock
     * @param theta θ, the drift on the clock
     */
    public static VarianceGamma of(double sigma, double nu, double theta) {
        if (!(sigma > 0 && sigma < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("sigma = " + sigma + ": must be positive and finite");
        }
        if (!(nu > 0 && nu < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("nu = " + nu + ": must be positive and finite");
        }
        if (!Double.isFinite(theta)) {
            throw new IllegalArgumentException("theta = " + theta + ": must be finite");
        }
        return new VarianceGamma(sigma, nu, theta);
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "VG(σ = %s, ν = %s, θ = %s)", sigma, nu, theta);
    }

    @Override
    public double increment(UniformRandomProvider rng, ContinuousSampler gaussian, double dt) {
        double g = Samplers.gamma(rng, gaussian, dt / nu, nu);
        return theta * g + sigma * Math.sqrt(g) * gaussian.sample();
    }

    @Override
    public Complex exponent(Complex u) {
        Complex iu = Complex.I.times(u);
        Complex inner = Complex.ONE.minus(iu.times(theta * nu)).plus(u.times(u).times(0.5 * sigma * sigma * nu));
        return inner.log().times(-1 / nu);
    }

    @Override
    public double mean(double t) {
        return theta * t;
    }

    @Override
    public double variance(double t) {
        return (sigma * sigma + nu * theta * theta) * t;
    }

    @Override
    public double martingaleCorrection() {
        double a = 1 - theta * nu - 0.5 * sigma * sigma * nu;
        if (!(a > 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "theta = %s, nu = %s, sigma = %s: E[exp(X)]"
                    + " is infinite unless θν + σ²ν/2 < 1 (here %s)", theta, nu, sigma, 1 - a));
        }
        return Math.log(a) / nu;
    }
}
