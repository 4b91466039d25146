package org.sde4j.models.levy;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.models.math.Complex;
import org.sde4j.models.math.Samplers;

/**
 * The Normal Inverse Gaussian process NIG(α, β, δ) (Barndorff-Nielsen 1997), without location drift:
 * {@code X_t = β Z_t + W(Z_t)}, Z an inverse-Gaussian clock with Z_t ~ IG(mean δt/γ, shape δ²t²), γ = √(α² − β²).
 * Increments are exact (Michael, Schucany &amp; Haas 1976 for Z).
 *
 * <pre>
 *   ψ(u) = δ(γ − √(α² − (β + iu)²)),   E[X_t] = δβt/γ,   Var[X_t] = δα²t/γ³,
 *   ω = −δ(γ − √(α² − (β + 1)²))   (needs |β + 1| &lt; α).
 * </pre>
 */
public final class NormalInverseGaussian implements LevyModel {
    private final double alpha;
    private final double beta;
    private final double delta;
    private final double gamma;

    private NormalInverseGaussian(double alpha, double beta, double delta) {
        this.alpha = alpha;
        this.beta = beta;
        this.delta = delta;
        this.gamma = Math.sqrt(alpha * alpha - beta * beta);
    }

    /**
     * @param alpha α &gt; |β|, the tail heaviness
     * @param beta  β, the asymmetry
     * @param delta δ &gt; 0, the scale
     */
    public static NormalInverseGaussian of(double alpha, double beta, double delta) {
        if (!Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta = " + beta + ": must be finite");
        }
        if (!(alpha > Math.abs(beta) && alpha < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("alpha = " + alpha + ": must be finite and exceed |beta| = "
                    + Math.abs(beta));
        }
        if (!(delta > 0 && delta < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("delta = " + delta + ": must be positive and finite");
        }
        return new NormalInverseGaussian(alpha, beta, delta);
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "NIG(α = %s, β = %s, δ = %s)", alpha, beta, delta);
    }

    @Override
    public double increment(UniformRandomProvider rng, ContinuousSampler gaussian, double dt) {
        double z = Samplers.inverseGaussian(rng, gaussian, delta * dt / gamma, delta * delta * dt * dt);
        return beta * z + Math.sqrt(z) * gaussian.sample();
    }

    @Override
    public Complex exponent(Complex u) {
        Complex b = Complex.real(beta).plus(Complex.I.times(u));
        return Complex.real(gamma).minus(Complex.real(alpha * alpha).minus(b.times(b)).sqrt()).times(delta);
    }

    @Override
    public double mean(double t) {
        return delta * beta * t / gamma;
    }

    @Override
    public double variance(double t) {
        return delta * alpha * alpha * t / (gamma * gamma * gamma);
    }

    @Override
    public double martingaleCorrection() {
        if (!(Math.abs(beta + 1) < alpha)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "alpha = %s, beta = %s: E[exp(X)] is infinite"
                    + " unless |β + 1| < α", alpha, beta));
        }
        return -delta * (gamma - Math.sqrt(alpha * alpha - (beta + 1) * (beta + 1)));
    }
}
