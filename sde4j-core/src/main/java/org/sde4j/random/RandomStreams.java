package org.sde4j.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.L64X128Mix;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Independent, reproducible random streams indexed by {@code (seed, index)}.
 *
 * <p>Stream {@code i} of seed {@code s} is an L64X128Mix generator (Steele &amp; Vigna 2021, "LXM:
 * better splittable pseudorandom number generators") whose four seed words are successive outputs of
 * SplitMix64 started at a state mixed from {@code s} and {@code i}. The LCG addend (first word, made odd)
 * differs between streams with overwhelming probability, and LXM generators with different addends
 * produce different sequences; the xbg part gives each stream good statistical quality on its own.
 * Stream {@code i} depends on nothing but {@code (s, i)}: not on how many other streams exist, which
 * thread uses it, or when.
 */
public final class RandomStreams {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private RandomStreams() {
    }

    /**
     * @param seed  root seed
     * @param index stream index (for example the path index), any long
     * @return a new generator for stream {@code index}; thread-confined
     */
    public static UniformRandomProvider stream(long seed, long index) {
        long state = mix64(seed) ^ mix64(index * GOLDEN_GAMMA + 0x632be59bd9b4e019L);
        long[] words = new long[4];
        for (int k = 0; k < 4; k++) {
            state += GOLDEN_GAMMA;
            words[k] = mix64(state);
        }
        return new L64X128Mix(words);
    }

    /**
     * A standard normal sampler (Marsaglia–Tsang Ziggurat, McFarland's 2016 variant in Commons RNG) over
     * stream {@code index} of {@code seed}.
     */
    public static ContinuousSampler gaussian(long seed, long index) {
        return ZigguratSampler.NormalizedGaussian.of(stream(seed, index));
    }

    /** A standard normal sampler over the given generator. */
    public static ContinuousSampler gaussian(UniformRandomProvider rng) {
        return ZigguratSampler.NormalizedGaussian.of(rng);
    }

    /** SplitMix64's finaliser (Stafford's variant 13): a bijective 64-bit mix. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
