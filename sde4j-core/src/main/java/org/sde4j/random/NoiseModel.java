package org.sde4j.random;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The distribution of a scheme's noise increment over a step of size h: Gaussian N(0, h) for strong
 * schemes, cheaper discrete laws with matching low moments for weak schemes (Kloeden &amp; Platen 1992,
 * §14.2 and §15.1), and the Bernoulli and uniform multipliers of stochastic depth and shake-shake.
 *
 * <p>Each model states its moments: {@link #moment(int, double) E ξ^k} for k = 1..4, hence its mean
 * and variance. A weak scheme of order β needs the moments of N(0, h) up to order 2β + 1 (odd ones
 * zero) to within O(h^{β+1}); {@link #matchesGaussianMoments()} says up to which order a model
 * matches them exactly.
 *
 * <p>Models whose law scales with the step ({@link #scalesWithStep()}: Gaussian, two- and three-point)
 * draw {@code √h · ξ₁} with ξ₁ the unit-step law; the others (Bernoulli, uniform) ignore h.
 * Implementations are immutable; their {@link #sampler samplers} are thread-confined.
 */
public interface NoiseModel {
    /** The name used by {@code bin/sde4j list}, e.g. {@code "three-point"}. */
    String name();

    /** One line: the law and its use. */
    String description();

    /**
     * The raw moment {@code E ξ^k} of the increment over a step of size h.
     *
     * @param k order, 1 to 4
     * @param h step size (> 0; ignored by models that do not scale with the step)
     * @throws IllegalArgumentException when k is outside 1..4
     */
    double moment(int k, double h);

    /** The mean {@code E ξ} over a step of size h. */
    default double mean(double h) {
        return moment(1, h);
    }

    /** The variance {@code E ξ² − (E ξ)²} over a step of size h. */
    default double variance(double h) {
        double m1 = moment(1, h);
        return moment(2, h) - m1 * m1;
    }

    /** Whether the law is that of {@code √h ξ₁} (true) or independent of h (false). */
    boolean scalesWithStep();

    /**
     * The highest order k ≤ 4 such that the moments of orders 1..k equal those of N(0, h) for every h
     * (0 when the mean already differs).
     */
    default int matchesGaussianMoments() {
        int k = 0;
        double h = 0.37;
        double[] gaussian = {0, h, 0, 3 * h * h};
        while (k < 4 && Math.abs(moment(k + 1, h) - gaussian[k]) <= 1e-12 * Math.max(1, Math.abs(gaussian[k]))) {
            k++;
        }
        return k;
    }

    /**
     * A sampler drawing from {@code rng} (consumed).
     *
     * @param rng the generator (not shared between threads)
     */
    NoiseSampler sampler(UniformRandomProvider rng);

    /**
     * Unit-step draws ξ₁ (the law at h = 1, so that {@code √h ξ₁} has the law at h) in bulk, for block engines
     * ({@link NoiseStream}). The default calls {@code sampler(rng).sample(1)} once per draw; a model may give a
     * faster algorithm for the same law (the two- and three-point models of {@link NoiseModels} do), whose draws
     * then differ from its sampler's on the same generator.
     *
     * @param rng the generator (consumed; not shared between threads)
     * @throws IllegalArgumentException when the law does not {@linkplain #scalesWithStep scale with the step}
     */
    default UnitDraws unitDraws(UniformRandomProvider rng) {
        if (!scalesWithStep()) {
            throw new IllegalArgumentException("model = " + name() + ": its law does not scale with the step, so it"
                    + " has no unit-step draws ξ₁ with ΔŴ = √h ξ₁; only models with scalesWithStep() have them");
        }
        NoiseSampler sampler = sampler(rng);
        return (out, offset, count) -> {
            for (int i = offset, end = offset + count; i < end; i++) {
                out[i] = sampler.sample(1.0);
            }
        };
    }

    /** Writes unit-step draws of one model from one generator; thread-confined, allocation-free. */
    @FunctionalInterface
    interface UnitDraws {
        /**
         * Writes the next {@code count} draws into {@code out[offset .. offset + count)}; the sequence is the same
         * however it is cut into calls.
         *
         * @param out    destination (modified)
         * @param offset first index written
         * @param count  number of draws, ≥ 0
         */
        void fill(double[] out, int offset, int count);
    }

    /** Draws increments of one noise model from one generator; thread-confined, allocation-free. */
    @FunctionalInterface
    interface NoiseSampler {
        /**
         * @param h step size (> 0)
         * @return one increment over a step of size h
         */
        double sample(double h);
    }
}
