package org.sde4j.models.stochvol;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.models.math.Samplers;
import org.sde4j.models.math.SpecialFunctions;

/**
 * The Cox–Ingersoll–Ross (1985) process {@code dX = κ(θ − X) dt + σ √X dW}, with its exact transition: given
 * X_t = x, {@code X_{t+Δ} = c · χ'²_δ(λ)}, a scaled non-central χ² with
 *
 * <pre>
 *   c = σ²(1 − e^{−κΔ})/(4κ),   δ = 4κθ/σ²,   λ = x e^{−κΔ}/c,
 * </pre>
 *
 * sampled as a Poisson mixture of Gammas: N ~ Poisson(λ/2), then χ²_{δ+2N} = 2 Gamma(δ/2 + N, 1) (Johnson, Kotz
 * &amp; Balakrishnan 1995, ch. 29; Glasserman 2003, §3.4). Mean θ + (x − θ)e^{−κΔ}; variance
 * {@code x σ² e^{−κΔ}(1 − e^{−κΔ})/κ + θ σ² (1 − e^{−κΔ})²/(2κ)}. Immutable.
 */
public final class Cir {
    private final double kappa;
    private final double theta;
    private final double sigma;

    private Cir(double kappa, double theta, double sigma) {
        this.kappa = kappa;
        this.theta = theta;
        this.sigma = sigma;
    }

    /**
     * @param kappa κ &gt; 0, the speed of mean reversion
     * @param theta θ &gt; 0, the long-run mean
     * @param sigma σ &gt; 0, the volatility
     */
    public static Cir of(double kappa, double theta, double sigma) {
        positive("kappa", kappa);
        positive("theta", theta);
        positive("sigma", sigma);
        return new Cir(kappa, theta, sigma);
    }

    static void positive(String name, double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " = " + value + ": must be positive and finite");
        }
    }

    public double kappa() {
        return kappa;
    }

    public double theta() {
        return theta;
    }

    public double sigma() {
        return sigma;
    }

    /** Whether the Feller condition 2κθ ≥ σ² holds (then 0 is never reached). */
    public boolean feller() {
        return 2 * kappa * theta >= sigma * sigma;
    }

    /** δ = 4κθ/σ², the degrees of freedom. */
    public double degrees() {
        return 4 * kappa * theta / (sigma * sigma);
    }

    /** c = σ²(1 − e^{−κΔ})/(4κ). */
    public double scale(double dt) {
        return sigma * sigma * -Math.expm1(-kappa * dt) / (4 * kappa);
    }

    /** E[X_{t+Δ} | X_t = x]. */
    public double mean(double x, double dt) {
        return theta + (x - theta) * Math.exp(-kappa * dt);
    }

    /** Var[X_{t+Δ} | X_t = x]. */
    public double variance(double x, double dt) {
        double e = Math.exp(-kappa * dt);
        double one = -Math.expm1(-kappa * dt);
        return x * sigma * sigma * e * one / kappa + theta * sigma * sigma * one * one / (2 * kappa);
    }

    /**
     * An exact draw of X_{t+Δ} given X_t = x.
     *
     * @throws IllegalArgumentException when x &lt; 0 or Δ ≤ 0
     */
    public double sample(UniformRandomProvider rng, ContinuousSampler gaussian, double x, double dt) {
        if (!(x >= 0 && x < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("x = " + x + ": a CIR state must be finite and >= 0");
        }
        if (!(dt > 0)) {
            throw new IllegalArgumentException("dt = " + dt + ": must be positive");
        }
        double c = scale(dt);
        double halfLambda = 0.5 * x * Math.exp(-kappa * dt) / c;
        long n = Samplers.poisson(rng, halfLambda);
        return 2 * c * Samplers.gamma(rng, gaussian, 0.5 * degrees() + n, 1);
    }

    /**
     * P(X_{t+Δ} ≤ y | X_t = x) = Σ_j Pois(j; λ/2) P(δ/2 + j, y/(2c)), P the regularised lower incomplete gamma.
     */
    public double cdf(double x, double dt, double y) {
        if (y <= 0) {
            return 0;
        }
        double c = scale(dt);
        double half = 0.5 * x * Math.exp(-kappa * dt) / c;
        double z = y / (2 * c);
        int last = (int) Math.ceil(half + 40 * Math.sqrt(half) + 60);
        double sum = 0;
        for (int j = 0; j <= last; j++) {
            double logW = half == 0 ? (j == 0 ? 0 : Double.NEGATIVE_INFINITY)
                    : -half + j * Math.log(half) - SpecialFunctions.logGamma(j + 1.0);
            double w = Math.exp(logW);
            if (w > 0) {
                sum += w * SpecialFunctions.regularizedGammaP(0.5 * degrees() + j, z);
            }
        }
        return Math.min(1, sum);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Cir[κ = %s, θ = %s, σ = %s]", kappa, theta, sigma);
    }
}
