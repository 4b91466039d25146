package org.sde4j.nn.arch;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.TensorSpace;

/**
 * The noise increment ξ of one residual block's step (step size h = 1, so ξ plays the role of ΔW), drawn in a
 * stochastic pass and replaced by its mean, 0, in the mean-field pass:
 *
 * <ul>
 *   <li>{@link Kind#NONE}: always 0 (deterministic architectures).</li>
 *   <li>{@link Kind#BERNOULLI}: {@code ξ = η − p}, η ~ Bernoulli(p), one per block per mini-batch (stochastic
 *       depth, Huang et al. 2016): with drift weight p and diffusion weight 1 the step is {@code x + η F(x)},
 *       a weak Euler–Maruyama step of {@code dX = p F dt + √(p(1 − p)) F dW} (Lu et al. 2017).</li>
 *   <li>{@link Kind#UNIFORM_PER_SAMPLE}: {@code ξ = α − ½}, α ~ U(0, 1) per image, with an independent
 *       β for the backward pass (shake-shake, Gastaldi 2017).</li>
 *   <li>{@link Kind#GAUSSIAN_PER_SAMPLE}: ξ ~ N(0, 1) per image.</li>
 *   <li>{@link Kind#GAUSSIAN_PER_ELEMENT}: ξ ~ N(0, 1) per activation (diagonal noise of a neural SDE).</li>
 * </ul>
 *
 * @param kind the law
 * @param p    the survival probability (Bernoulli only, in (0, 1])
 */
public record BlockNoise(Kind kind, double p) {
    private static final double[] ZERO = {0};

    /** The laws. */
    public enum Kind {
        /** No noise. */
        NONE,
        /** Bernoulli survival, per mini-batch. */
        BERNOULLI,
        /** Uniform shake coefficient per image, independent in the backward pass. */
        UNIFORM_PER_SAMPLE,
        /** Standard Gaussian per image. */
        GAUSSIAN_PER_SAMPLE,
        /** Standard Gaussian per activation. */
        GAUSSIAN_PER_ELEMENT
    }

    /** Validates p for the Bernoulli law. */
    public BlockNoise {
        if (kind == Kind.BERNOULLI && !(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("p = " + p + ": a survival probability must lie in (0, 1]");
        }
    }

    /** No noise. */
    public static BlockNoise none() {
        return new BlockNoise(Kind.NONE, 1);
    }

    /**
     * The increment of a forward pass.
     *
     * @param rng the generator, or null for the mean-field pass
     * @param x   the block's input (its shape sets the per-sample and per-element lengths)
     */
    public double[] forward(UniformRandomProvider rng, Tensor x) {
        if (rng == null || kind == Kind.NONE) {
            return ZERO;
        }
        return switch (kind) {
            case BERNOULLI -> new double[] {(rng.nextDouble() < p ? 1 : 0) - p};
            case UNIFORM_PER_SAMPLE -> uniform(rng, TensorSpace.batchSize(x));
            case GAUSSIAN_PER_SAMPLE -> gaussian(rng, TensorSpace.batchSize(x));
            case GAUSSIAN_PER_ELEMENT -> gaussian(rng, x.size());
            default -> ZERO;
        };
    }

    /** Whether the backward pass uses its own draw ({@link #backward}). */
    public boolean independentBackward() {
        return kind == Kind.UNIFORM_PER_SAMPLE;
    }

    /** The backward pass's increment (shake-shake's β − ½). */
    public double[] backward(UniformRandomProvider rng, Tensor x) {
        return uniform(rng, TensorSpace.batchSize(x));
    }

    private static double[] uniform(UniformRandomProvider rng, int n) {
        double[] xi = new double[n];
        for (int i = 0; i < n; i++) {
            xi[i] = rng.nextDouble() - 0.5;
        }
        return xi;
    }

    private static double[] gaussian(UniformRandomProvider rng, int n) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] xi = new double[n];
        for (int i = 0; i < n; i++) {
            xi[i] = g.sample();
        }
        return xi;
    }
}
