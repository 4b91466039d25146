package org.sde4j.brownian;

import org.sde4j.random.NoiseModel;
import org.sde4j.random.RandomStreams;

/**
 * Creates the noise source of path {@code i} of an ensemble from the root seed and i only (the
 * reproducibility contract: a path's noise never depends on threads or batching).
 */
@FunctionalInterface
public interface BrownianSourceFactory {
    /**
     * @param seed      root seed
     * @param path      path index
     * @param dimension m
     * @return a new, thread-confined source
     */
    BrownianSource create(long seed, long path, int dimension);

    /** Streaming N(0, h) increments from stream {@code (seed, path)}: the default of ensembles. */
    static BrownianSourceFactory gaussian() {
        return (seed, path, m) -> new StreamingBrownianIncrements(RandomStreams.gaussian(seed, path), m);
    }

    /**
     * Streaming increments with space-time Lévy areas from stream {@code (seed, path)}: the default of
     * ensembles for schemes that need H (SRA, SRI).
     */
    static BrownianSourceFactory gaussianWithLevyArea() {
        return (seed, path, m) -> new StreamingLevyAreaIncrements(RandomStreams.gaussian(seed, path), m);
    }

    /** Streaming increments of {@code model} from stream {@code (seed, path)}. */
    static BrownianSourceFactory noise(NoiseModel model) {
        org.sde4j.sde.Require.nonNull("model", model);
        return (seed, path, m) -> new NoiseDrivenIncrements(model.sampler(RandomStreams.stream(seed, path)), m);
    }

    /**
     * Streaming increments with iterated integrals from stream {@code (seed, path)}, the Lévy area by
     * {@code method} with the truncation chosen per step size ({@link StreamingIteratedIntegrals}).
     */
    static BrownianSourceFactory iteratedIntegrals(LevyAreaMethod method) {
        org.sde4j.sde.Require.nonNull("method", method);
        return (seed, path, m) -> StreamingIteratedIntegrals.forStepSize(RandomStreams.gaussian(seed, path), m, method);
    }
}
