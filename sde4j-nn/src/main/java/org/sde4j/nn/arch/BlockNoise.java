package org.sde4j.nn.arch;

import org.apache.commons.rng.UniformRandomProvider;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.TensorSpace;
import org.sde4j.random.NoiseModel;

/**
 * The noise increment ξ of one residual block's step (step size h = 1, so ξ plays the role of ΔW): a draw η of a
 * core {@link NoiseModel} — the one definition of each law — centred, {@code ξ = η − E η}, drawn in a stochastic
 * pass and replaced by its mean, 0, in the mean-field pass. This record only says where the draws go
 * ({@link Shape}) and whether the backward pass draws its own:
 *
 * <ul>
 *   <li>stochastic depth (Huang et al. 2016): {@code perBatch(NoiseModels.bernoulli(p))}, {@code ξ = η − p}: with
 *       drift weight p and diffusion weight 1 the step is {@code x + η F(x)}, a weak Euler–Maruyama step of
 *       {@code dX = p F dt + √(p(1 − p)) F dW} (Lu et al. 2017);</li>
 *   <li>shake-shake (Gastaldi 2017): {@code perSample(NoiseModels.uniform()).redrawnForBackward()},
 *       {@code ξ = α − ½} per image, with an independent β for the backward pass;</li>
 *   <li>SDE depth: {@code perSample(NoiseModels.gaussian())}; a neural SDE's diagonal noise:
 *       {@code perElement(NoiseModels.gaussian())};</li>
 *   <li>deterministic architectures: {@link #none()}.</li>
 * </ul>
 *
 * <p>Any other model fits the same way (for example {@code perElement(NoiseModels.threePoint())} with a weak order-2
 * tableau). The draws of a pass come from one generator, in block order, {@code law.sampler(rng).sample(1)} each.
 *
 * @param law                 the law of η, or null for no noise
 * @param shape               how many draws a pass takes
 * @param independentBackward whether the backward pass differentiates with its own draw ({@link #backward},
 *                            shake-shake's β)
 */
public record BlockNoise(NoiseModel law, Shape shape, boolean independentBackward) {
    private static final double[] ZERO = {0};
    private static final BlockNoise NONE = new BlockNoise(null, Shape.PER_BATCH, false);

    /** Where the draws of a pass go. */
    public enum Shape {
        /** One draw for the whole mini-batch. */
        PER_BATCH,
        /** One draw per image. */
        PER_SAMPLE,
        /** One draw per activation (diagonal noise). */
        PER_ELEMENT
    }

    /**
     * Validates the values.
     *
     * @throws NullPointerException     when {@code shape} is null
     * @throws IllegalArgumentException when there is no law but a backward draw is asked for
     */
    public BlockNoise {
        if (shape == null) {
            throw new NullPointerException("shape = null: must be one of " + java.util.Arrays.toString(Shape.values()));
        }
        if (law == null && independentBackward) {
            throw new IllegalArgumentException("independentBackward = true: needs a law (law = null is no noise)");
        }
    }

    /** No noise. */
    public static BlockNoise none() {
        return NONE;
    }

    /** One draw of {@code law} per mini-batch (stochastic depth's gate). */
    public static BlockNoise perBatch(NoiseModel law) {
        return new BlockNoise(requireLaw(law), Shape.PER_BATCH, false);
    }

    /** One draw of {@code law} per image. */
    public static BlockNoise perSample(NoiseModel law) {
        return new BlockNoise(requireLaw(law), Shape.PER_SAMPLE, false);
    }

    /** One draw of {@code law} per activation. */
    public static BlockNoise perElement(NoiseModel law) {
        return new BlockNoise(requireLaw(law), Shape.PER_ELEMENT, false);
    }

    /** The same law and shape, with an independent draw for the backward pass (shake-shake). */
    public BlockNoise redrawnForBackward() {
        return new BlockNoise(requireLaw(law), shape, true);
    }

    private static NoiseModel requireLaw(NoiseModel law) {
        if (law == null) {
            throw new NullPointerException("law = null: pass a NoiseModel (see NoiseModels), or use BlockNoise.none()");
        }
        return law;
    }

    /**
     * The increment of a forward pass.
     *
     * @param rng the generator, or null for the mean-field pass
     * @param x   the block's input (its shape sets the per-sample and per-element lengths)
     * @return ξ: one value, or one per image, or one per activation
     */
    public double[] forward(UniformRandomProvider rng, Tensor x) {
        if (rng == null || law == null) {
            return ZERO;
        }
        return draw(rng, x);
    }

    /**
     * The backward pass's increment (shake-shake's β − ½), when {@link #independentBackward()}.
     *
     * @param rng the generator
     * @param x   the block's input
     * @return ξ for the backward pass
     */
    public double[] backward(UniformRandomProvider rng, Tensor x) {
        return draw(rng, x);
    }

    private double[] draw(UniformRandomProvider rng, Tensor x) {
        int n = switch (shape) {
            case PER_BATCH -> 1;
            case PER_SAMPLE -> TensorSpace.batchSize(x);
            case PER_ELEMENT -> x.size();
        };
        NoiseModel.NoiseSampler sampler = law.sampler(rng);
        double mean = law.mean(1);
        double[] xi = new double[n];
        for (int i = 0; i < n; i++) {
            xi[i] = sampler.sample(1) - mean;
        }
        return xi;
    }

    @Override
    public String toString() {
        return law == null ? "no noise" : law.name() + " " + shape.name().toLowerCase(java.util.Locale.ROOT)
                + (independentBackward ? ", redrawn for backward" : "");
    }

}
