package org.sde4j.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {
    @Test
    void sameSeedAndIndexGiveTheSameStream() {
        UniformRandomProvider a = RandomStreams.stream(42, 7);
        UniformRandomProvider b = RandomStreams.stream(42, 7);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
    }

    @Test
    void neighbouringIndicesAndSeedsGiveDistinctStreams() {
        Set<Long> firsts = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            for (long index = 0; index < 500; index++) {
                firsts.add(RandomStreams.stream(seed, index).nextLong());
            }
        }
        assertEquals(20 * 500, firsts.size());
        assertNotEquals(RandomStreams.stream(1, 2).nextLong(), RandomStreams.stream(2, 1).nextLong());
    }

    @Test
    void neighbouringStreamsAreUncorrelated() {
        // Correlation of the first draws of 20 000 consecutive streams with those of the next stream:
        // standard deviation 1/sqrt(n) ≈ 0.007; the 0.04 band is more than 5 of them (fixed seed).
        int n = 20_000;
        double[] u = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            u[i] = RandomStreams.gaussian(9, i).sample();
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += u[i] * u[i + 1];
            sxx += u[i] * u[i];
        }
        assertEquals(0.0, sxy / sxx, 0.04);
    }
}
