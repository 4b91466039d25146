package org.sde4j.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A counter-based random stream that can be re-keyed in O(1): after {@link #reset(long, long, long)}
 * its outputs depend only on the key {@code (seed, a, b)}, never on what was drawn before. This is what
 * a virtual Brownian tree needs: the random numbers of node {@code (level, index)} are a pure function
 * of {@code (seed, level, index)}, so a value never depends on the order of queries.
 *
 * <p>Output k after a reset is SplitMix64's finaliser applied to {@code state + (k + 1) γ}, γ the golden
 * gamma (Steele, Lea &amp; Flood 2014, "Fast splittable pseudorandom number generators"), with the start
 * state mixed from the three key words by {@link RandomStreams#mix64}. {@link #gaussian()} is a
 * Ziggurat normal sampler (Commons RNG) over this stream; it keeps no state of its own, so it too
 * depends on the key only.
 *
 * <p>Mutable and thread-confined; allocation-free after construction.
 */
public final class KeyedStream implements UniformRandomProvider {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;
    private final ContinuousSampler gaussian = ZigguratSampler.NormalizedGaussian.of(this);

    private long seed = Long.MIN_VALUE;
    private long seedMix;

    /** Re-keys the stream: the following outputs depend on {@code (seed, a, b)} only. */
    public void reset(long seed, long a, long b) {
        if (seed != this.seed || seed == Long.MIN_VALUE) {
            this.seed = seed;
            this.seedMix = RandomStreams.mix64(seed ^ 0x243f6a8885a308d3L);
        }
        long k = RandomStreams.mix64(seedMix + a * GOLDEN_GAMMA + 0x13198a2e03707344L);
        state = RandomStreams.mix64(k ^ (b * 0xd1b54a32d192ed03L + 0xa4093822299f31d0L));
    }

    @Override
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return RandomStreams.mix64(state);
    }

    /** A standard normal sampler drawing from this stream (shares its key). */
    public ContinuousSampler gaussian() {
        return gaussian;
    }
}
