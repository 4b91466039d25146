package org.sde4j.models.math;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;

/**
 * Exact samplers of the laws the models need, over a caller's generator (so the caller's stream keying decides
 * the bits):
 *
 * <ul>
 * <li>{@link #exponential}: −ln(1 − U)/rate.</li>
 * <li>{@link #gamma}: Marsaglia &amp; Tsang (2000, "A simple method for generating gamma variables") for shape
 *     α ≥ 1; for α &lt; 1, G(α + 1) U^{1/α} (their §6).</li>
 * <li>{@link #poisson}: inversion by sequential search for means below 30; Commons RNG's {@code PoissonSampler}
 *     (Hörmann's PTRS family) above.</li>
 * <li>{@link #inverseGaussian}: Michael, Schucany &amp; Haas (1976): with y = Z², x = m + m²y/(2λ) −
 *     (m/2λ)√(4mλy + m²y²), return x with probability m/(m + x), else m²/x.</li>
 * </ul>
 */
public final class Samplers {
    private static final double SMALL_MEAN = 30;

    private Samplers() {
    }

    /** A uniform draw in (0, 1). */
    public static double openUniform(UniformRandomProvider rng) {
        return ((rng.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
    }

    /** An exponential draw of the given rate. */
    public static double exponential(UniformRandomProvider rng, double rate) {
        return -Math.log(openUniform(rng)) / rate;
    }

    /**
     * A Gamma(shape, scale) draw, mean shape × scale.
     *
     * @throws IllegalArgumentException when shape or scale is not positive
     */
    public static double gamma(UniformRandomProvider rng, ContinuousSampler gaussian, double shape, double scale) {
        if (!(shape > 0)) {
            throw new IllegalArgumentException("shape = " + shape + ": the Gamma law needs shape > 0");
        }
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale = " + scale + ": the Gamma law needs scale > 0");
        }
        if (shape < 1) {
            double g = marsagliaTsang(rng, gaussian, shape + 1);
            return scale * g * Math.pow(openUniform(rng), 1 / shape);
        }
        return scale * marsagliaTsang(rng, gaussian, shape);
    }

    private static double marsagliaTsang(UniformRandomProvider rng, ContinuousSampler gaussian, double a) {
        double d = a - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z;
            double v;
            do {
                z = gaussian.sample();
                v = 1 + c * z;
            } while (v <= 0);
            v = v * v * v;
            double u = openUniform(rng);
            if (u < 1 - 0.0331 * z * z * z * z || Math.log(u) < 0.5 * z * z + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /**
     * A Poisson draw.
     *
     * @throws IllegalArgumentException when the mean is negative or not finite
     */
    public static long poisson(UniformRandomProvider rng, double mean) {
        if (!(mean >= 0 && mean < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("mean = " + mean + ": the Poisson law needs a finite mean >= 0");
        }
        if (mean == 0) {
            return 0;
        }
        if (mean >= SMALL_MEAN) {
            return PoissonSampler.of(rng, mean).sample();
        }
        double u = openUniform(rng);
        double p = Math.exp(-mean);
        double cdf = p;
        long k = 0;
        while (u > cdf && k < 1000) {
            k++;
            p *= mean / k;
            cdf += p;
        }
        return k;
    }

    /**
     * An inverse Gaussian draw IG(mean m, shape λ): variance m³/λ.
     *
     * @throws IllegalArgumentException when m or λ is not positive
     */
    public static double inverseGaussian(UniformRandomProvider rng, ContinuousSampler gaussian, double mean,
            double shape) {
        if (!(mean > 0)) {
            throw new IllegalArgumentException("mean = " + mean + ": the inverse Gaussian law needs mean > 0");
        }
        if (!(shape > 0)) {
            throw new IllegalArgumentException("shape = " + shape + ": the inverse Gaussian law needs shape > 0");
        }
        double z = gaussian.sample();
        double y = z * z;
        double my = mean * y;
        double x = mean + mean * my / (2 * shape) - mean / (2 * shape) * Math.sqrt(4 * shape * my + my * my);
        double u = openUniform(rng);
        return u <= mean / (mean + x) ? x : mean * mean / x;
    }
}
