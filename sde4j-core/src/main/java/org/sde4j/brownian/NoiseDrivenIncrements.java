package org.sde4j.brownian;

import org.sde4j.random.NoiseModel;
import org.sde4j.sde.Require;

/**
 * Streaming increments drawn from any {@link NoiseModel} instead of N(0, h): each component of each
 * step is one independent draw {@code ξ ~ model(h)}. This drives a weak scheme with two- or three-point
 * increments, or a stochastic net with Bernoulli or uniform multipliers, through the same solver.
 *
 * <p>Like {@link StreamingBrownianIncrements} it stores nothing, so <b>it cannot be queried twice or
 * refined</b>: it answers consecutive intervals only and throws on any other query. (A non-Gaussian
 * "path" has no bridge: refinement would not even be defined.) Thread-confined.
 */
public final class NoiseDrivenIncrements implements BrownianSource {
    private final NoiseModel.NoiseSampler sampler;
    private final int dimension;
    private double next = Double.NaN;

    /**
     * @param sampler   draws of the noise model (its generator is consumed)
     * @param dimension m
     */
    public NoiseDrivenIncrements(NoiseModel.NoiseSampler sampler, int dimension) {
        this.sampler = Require.nonNull("sampler", sampler);
        this.dimension = Require.positive("dimension", dimension);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /**
     * @throws IllegalArgumentException when {@code s} is not the end of the previous query, or {@code t <= s}
     */
    @Override
    public void increment(double s, double t, double[] out) {
        if (s != next && !Double.isNaN(next)) {
            throw new IllegalArgumentException("s = " + s + ": a streaming source answers consecutive intervals"
                    + " only, and the previous one ended at " + next);
        }
        if (!(t > s)) {
            throw new IllegalArgumentException("t = " + t + ": must be greater than s = " + s);
        }
        double h = t - s;
        for (int j = 0; j < dimension; j++) {
            out[j] = sampler.sample(h);
        }
        next = t;
    }

    @Override
    public void increments(double[] times, int from, int count, double[] out) {
        for (int k = 0; k < count; k++) {
            double s = times[from + k];
            double t = times[from + k + 1];
            if (s != next && !Double.isNaN(next)) {
                throw new IllegalArgumentException("s = " + s + ": a streaming source answers consecutive"
                        + " intervals only, and the previous one ended at " + next);
            }
            if (!(t > s)) {
                throw new IllegalArgumentException("t = " + t + ": must be greater than s = " + s);
            }
            for (int j = 0; j < dimension; j++) {
                out[k * dimension + j] = sampler.sample(t - s);
            }
            next = t;
        }
    }
}
