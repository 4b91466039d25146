package org.sde4j.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link NoiseStream}: draws of the model's unit-step law, a pure function of the key {@code (seed, index)},
 * the same however they are cut into calls, and replayable from an earlier position. Fixed seeds.
 */
class NoiseStreamTest {
    private static double[] draws(NoiseModel model, long seed, long index, int n) {
        double[] out = new double[n];
        NoiseStream.of(model, seed, index).next(out, 0, n);
        return out;
    }

    @Test
    void theDrawsHaveTheUnitStepLaw() {
        int n = 600_000;
        double[] three = draws(NoiseModels.threePoint(), 3, 1, n);
        double sqrt3 = Math.sqrt(3);
        long plus = Arrays.stream(three).filter(v -> v == sqrt3).count();
        long minus = Arrays.stream(three).filter(v -> v == -sqrt3).count();
        long zero = Arrays.stream(three).filter(v -> v == 0.0).count();
        assertEquals(n, plus + minus + zero, "three-point draws are ±√3 or 0");
        // binomial counts: 6 standard deviations, √(n p (1 − p))
        assertEquals(n / 6.0, plus, 6 * Math.sqrt(n * (1.0 / 6) * (5.0 / 6)));
        assertEquals(n / 6.0, minus, 6 * Math.sqrt(n * (1.0 / 6) * (5.0 / 6)));
        assertEquals(2 * n / 3.0, zero, 6 * Math.sqrt(n * (2.0 / 3) * (1.0 / 3)));
        double[] two = draws(NoiseModels.twoPoint(), 3, 1, n);
        long ones = Arrays.stream(two).filter(v -> v == 1.0).count();
        assertEquals(n, ones + Arrays.stream(two).filter(v -> v == -1.0).count(), "two-point draws are ±1");
        assertEquals(n / 2.0, ones, 6 * Math.sqrt(n * 0.25));
        double[] gaussian = draws(NoiseModels.gaussian(), 3, 1, n);
        double mean = Arrays.stream(gaussian).average().orElseThrow();
        double second = Arrays.stream(gaussian).map(v -> v * v).average().orElseThrow();
        assertEquals(0, mean, 6 / Math.sqrt(n));
        assertEquals(1, second, 6 * Math.sqrt(2.0 / n));
    }

    /**
     * Successive draws are independent: the joint frequencies of (ξ_k, ξ_{k+1}) are the products of the
     * marginals, 6 standard deviations. Draws cut from one 64-bit output (64 signs, or two indices) would show
     * here if a bit were used twice.
     */
    @Test
    void successiveDrawsAreIndependent() {
        int n = 400_001;
        for (NoiseModel law : new NoiseModel[] {NoiseModels.twoPoint(), NoiseModels.threePoint()}) {
            double[] v = draws(law, 9, 4, n);
            double[] support = law == NoiseModels.twoPoint() ? new double[] {-1, 1} : new double[] {-Math.sqrt(3), 0,
                Math.sqrt(3)};
            double[] p = law == NoiseModels.twoPoint() ? new double[] {0.5, 0.5} : new double[] {1.0 / 6, 2.0 / 3,
                1.0 / 6};
            for (int a = 0; a < support.length; a++) {
                for (int b = 0; b < support.length; b++) {
                    long pairs = 0;
                    for (int k = 0; k + 1 < n; k++) {
                        pairs += v[k] == support[a] && v[k + 1] == support[b] ? 1 : 0;
                    }
                    double q = p[a] * p[b];
                    assertEquals((n - 1) * q, pairs, 6 * Math.sqrt((n - 1) * q * (1 - q)),
                            law.name() + " pair (" + support[a] + ", " + support[b] + ")");
                }
            }
        }
    }

    @Test
    void aStreamIsItsKeyAlone() {
        for (NoiseModel law : new NoiseModel[] {NoiseModels.threePoint(), NoiseModels.twoPoint()}) {
            aStreamIsItsKeyAlone(law);
        }
    }

    private static void aStreamIsItsKeyAlone(NoiseModel law) {
        double[] reference = draws(law, 11, 7, 1000);
        NoiseStream reused = NoiseStream.of(law, 1, 1);
        reused.next(new double[333], 0, 333);
        reused.reset(11, 7);
        double[] again = new double[1000];
        // cut into uneven calls
        reused.next(again, 0, 1);
        reused.next(again, 1, 400);
        reused.next(again, 401, 599);
        assertArrayEquals(reference, again, 0.0, law.name());
        assertEquals(1000, reused.position());
        assertFalse(Arrays.equals(reference, draws(law, 11, 8, 1000)), "another index, another stream");
        assertFalse(Arrays.equals(reference, draws(law, 12, 7, 1000)), "another seed, another stream");
    }

    @Test
    void rewindReplaysTheSameDraws() {
        for (NoiseModel law : new NoiseModel[] {NoiseModels.gaussian(), NoiseModels.twoPoint(),
            NoiseModels.threePoint()}) {
            rewindReplaysTheSameDraws(law);
        }
    }

    /** Back to position 100: for the two-point law, the middle of a 64-bit output. */
    private static void rewindReplaysTheSameDraws(NoiseModel law) {
        NoiseStream s = NoiseStream.of(law, 5, 2);
        s.next(new double[100], 0, 100);
        double[] first = new double[50];
        s.next(first, 0, 50);
        s.next(new double[70], 0, 70);
        s.rewind(100);
        assertEquals(100, s.position());
        double[] replayed = new double[50];
        s.next(replayed, 0, 50);
        assertArrayEquals(first, replayed, 0.0, law.name());
        IllegalArgumentException ahead = assertThrows(IllegalArgumentException.class, () -> s.rewind(151));
        assertTrue(ahead.getMessage().contains("position = 151") && ahead.getMessage().contains("[0, 150]"),
                ahead.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.rewind(-1));
    }

    @Test
    void aLawThatIgnoresTheStepHasNoUnitDraws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NoiseStream.of(NoiseModels.bernoulli(0.5), 1, 1));
        assertTrue(e.getMessage().contains("bernoulli(0.5)") && e.getMessage().contains("scalesWithStep"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NoiseStream.of(NoiseModels.uniform(), 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> NoiseModels.bernoulli(0.5).unitDraws(RandomStreams.stream(1, 1)));
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> NoiseStream.of(NoiseModels.twoPoint(), 1, 1).next(new double[4], 2, 3));
        assertTrue(range.getMessage().contains("offset = 2, count = 3"), range.getMessage());
    }
}
