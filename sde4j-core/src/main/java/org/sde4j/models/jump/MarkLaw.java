package org.sde4j.models.jump;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.models.math.Complex;

/**
 * The law of the jump marks ξ: a sampler, and where known the two transforms that closed forms need. Implementations
 * are immutable; {@link #sample} must draw only from the given generator and Gaussian sampler (which share one
 * keyed stream), so a path's marks depend only on its key.
 */
public interface MarkLaw {
    /**
     * One mark.
     *
     * @param rng      the path's jump stream
     * @param gaussian a standard normal sampler over the same stream
     * @return ξ
     */
    double sample(UniformRandomProvider rng, ContinuousSampler gaussian);

    /** A short name, for identities and messages. */
    String name();

    /**
     * E[e^ξ], the mean relative jump plus one, which the compensator of an exponential jump diffusion needs.
     *
     * @throws IllegalArgumentException when E[e^ξ] is infinite for this law's parameters
     * @throws UnsupportedOperationException when the law does not know it
     */
    default double expectedExp() {
        throw new UnsupportedOperationException("mark law " + name() + " does not know E[exp(ξ)]");
    }

    /**
     * E[e^{iuξ}] for complex u in the strip where it is finite.
     *
     * @throws UnsupportedOperationException when the law does not know it
     */
    default Complex characteristic(Complex u) {
        throw new UnsupportedOperationException("mark law " + name() + " has no characteristic function");
    }
}
