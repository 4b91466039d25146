package org.sde4j.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * {@link BoxMullerStream}: the same bits from the vector and the scalar kernel, a stream independent of
 * how it is cut into calls, accurate elementary functions, and the law N(0, 1).
 *
 * <p>The statistical assertions use fixed seeds, so they are deterministic. Each threshold is set so
 * that a correct generator with a fresh seed would fail it with probability below 1e-7 (5.33 standard
 * deviations for asymptotically normal statistics, p-values above 1e-7 for chi-square and
 * Kolmogorov–Smirnov), so the whole class stays below the project's 1e-6 budget.
 */
class BoxMullerStreamTest {
    /** Two-sided normal quantile for a false-failure rate of 1e-7. */
    private static final double Z = 5.33;
    private static final double P_MIN = 1e-7;

    private static double[] draws(long seed, long index, int n) {
        double[] z = new double[n];
        BoxMullerStream.of(seed, index).nextGaussians(z, 0, n);
        return z;
    }

    @Test
    void vectorAndScalarKernelsGiveTheSameBits() {
        for (long seed : new long[] {0, 1, 42, -7}) {
            BoxMullerStream a = BoxMullerStream.of(seed, 3);
            BoxMullerStream b = BoxMullerStream.of(seed, 3);
            double[] x = new double[200 * BoxMullerStream.ROUND];
            double[] y = new double[x.length];
            if (BoxMullerStream.VECTOR) {
                VectorBoxMuller.rounds(a.state, x, 0, 200);
            } else {
                BoxMullerStream.scalarRounds(a.state, x, 0, 200);
            }
            BoxMullerStream.scalarRounds(b.state, y, 0, 200);
            assertArrayEquals(y, x, 0.0, "seed " + seed + " (vector kernel in use: " + BoxMullerStream.VECTOR + ")");
        }
    }

    /** The vector kernel works in passes of a few rounds: uneven round counts and offsets, state carried over. */
    @Test
    void vectorKernelMatchesTheScalarOneAcrossPassesAndOffsets() {
        BoxMullerStream a = BoxMullerStream.of(5, 9);
        BoxMullerStream b = BoxMullerStream.of(5, 9);
        int offset = 5;
        for (int rounds : new int[] {1, 7, 8, 9, 13, 17, 3}) {
            double[] x = new double[offset + rounds * BoxMullerStream.ROUND + 3];
            double[] y = new double[x.length];
            x[offset - 1] = y[offset - 1] = 7.0;
            x[x.length - 1] = y[y.length - 1] = -7.0;
            if (BoxMullerStream.VECTOR) {
                VectorBoxMuller.rounds(a.state, x, offset, rounds);
            } else {
                BoxMullerStream.scalarRounds(a.state, x, offset, rounds);
            }
            BoxMullerStream.scalarRounds(b.state, y, offset, rounds);
            assertArrayEquals(y, x, 0.0, rounds + " rounds at offset " + offset);
            assertArrayEquals(b.state, a.state, rounds + " rounds: lane states");
            assertEquals(7.0, x[offset - 1], 0.0, "the element before the range is untouched");
            assertEquals(-7.0, x[x.length - 1], 0.0, "the elements after the range are untouched");
        }
    }

    /**
     * Uniforms at the edges of the logarithm's range reduction — mantissas next to √2's in 40 binades, u = 1 and the
     * smallest u — which random draws almost never reach: both kernels give the same bits. Each lane's first output
     * a is chosen through its state (s0 = 0, s3 = a rotated right by 23).
     */
    @Test
    void kernelsAgreeAtTheEdgesOfTheLogarithmsReduction() {
        java.util.List<Long> outputs = new java.util.ArrayList<>();
        outputs.add(0L); // u = 1
        outputs.add(-1L); // u = 2^-52
        for (int j = 1; j <= 40; j++) {
            for (long delta = -2; delta <= 2; delta++) {
                long mantissa = ((BoxMullerStream.SQRT2_MANTISSA >> j) + delta) << j; // reachable in binade j
                double u = Math.scalb(1.0 + mantissa * 0x1p-52, -j);
                long k = (long) ((1.0 - u) * 0x1p52);
                long a = (k << 12) | 0xabcL;
                assertEquals(u, 2.0 - Double.longBitsToDouble((a >>> 12) | BoxMullerStream.ONE_BITS), 0.0);
                outputs.add(a);
            }
        }
        for (int first = 0; first < outputs.size(); first += BoxMullerStream.LANES) {
            BoxMullerStream x = BoxMullerStream.of(0, 0);
            for (int l = 0; l < BoxMullerStream.LANES; l++) {
                long a = outputs.get(Math.min(first + l, outputs.size() - 1));
                x.state[l] = 0;
                x.state[BoxMullerStream.LANES + l] = 0x9e3779b97f4a7c15L * (l + 1);
                x.state[2 * BoxMullerStream.LANES + l] = 0x6a09e667f3bcc909L ^ l;
                x.state[3 * BoxMullerStream.LANES + l] = Long.rotateRight(a, 23);
            }
            BoxMullerStream y = BoxMullerStream.of(0, 0);
            y.copyFrom(x);
            double[] vector = new double[BoxMullerStream.ROUND];
            double[] scalar = new double[BoxMullerStream.ROUND];
            if (BoxMullerStream.VECTOR) {
                VectorBoxMuller.rounds(x.state, vector, 0, 1);
            } else {
                BoxMullerStream.scalarRounds(x.state, vector, 0, 1);
            }
            BoxMullerStream.scalarRounds(y.state, scalar, 0, 1);
            assertArrayEquals(scalar, vector, 0.0, "outputs from " + first);
        }
    }

    @Test
    void theStreamIsFixedAcrossPlatformsAndKernels() {
        // Recorded from this implementation: any change of the stream's definition shows here.
        double[] z = draws(1, 2, 4);
        double[] scalar = new double[BoxMullerStream.ROUND];
        BoxMullerStream s = BoxMullerStream.of(1, 2);
        BoxMullerStream.scalarRounds(s.state, scalar, 0, 1);
        assertArrayEquals(Arrays.copyOf(scalar, 4), z, 0.0);
        assertArrayEquals(GOLDEN, z, 0.0, Arrays.toString(z));
    }

    private static final double[] GOLDEN = {0x1.18d2e3131927ap-2, 0x1.0328efb7b4fa5p0, -0x1.05f6804064fdbp0,
        0x1.91e02323bad63p-2};

    @Test
    void theStreamDoesNotDependOnHowItIsCut() {
        double[] whole = draws(5, 9, 1000);
        BoxMullerStream s = BoxMullerStream.of(5, 9);
        double[] pieces = new double[1000];
        int[] cuts = {0, 1, 7, 32, 33, 100, 101, 500, 999, 1000};
        for (int i = 0; i + 1 < cuts.length; i++) {
            s.nextGaussians(pieces, cuts[i], cuts[i + 1] - cuts[i]);
        }
        assertArrayEquals(whole, pieces, 0.0);
        BoxMullerStream one = BoxMullerStream.of(5, 9);
        for (int i = 0; i < 100; i++) {
            assertEquals(whole[i], one.nextGaussian(), 0.0);
        }
        BoxMullerStream reset = BoxMullerStream.of(0, 0);
        reset.nextGaussian();
        reset.reset(5, 9);
        double[] again = new double[1000];
        reset.nextGaussians(again, 0, 1000);
        assertArrayEquals(whole, again, 0.0);
        BoxMullerStream copy = BoxMullerStream.of(0, 0);
        BoxMullerStream original = BoxMullerStream.of(5, 9);
        original.nextGaussians(new double[37], 0, 37);
        copy.copyFrom(original);
        assertEquals(original.nextGaussian(), copy.nextGaussian(), 0.0);
        assertEquals(whole[38], copy.nextGaussian(), 0.0);
    }

    @Test
    void rejectsARangeOutsideTheArray() {
        BoxMullerStream s = BoxMullerStream.of(1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.nextGaussians(new double[10], 5, 6));
        assertTrue(e.getMessage().contains("count = 6"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.nextGaussians(new double[10], -1, 2));
    }

    @Test
    void elementaryFunctionsAreAccurateToAFewUlps() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        double worstLog = 0;
        double worstTrig = 0;
        for (int i = 0; i < 200_000; i++) {
            // u over every binade of (0, 1], and g over [−½, ½)
            double u = (1 + (r.nextLong() >>> 12) * 0x1p-52) * Math.scalb(1.0, -1 - r.nextInt(52));
            if (i == 0) {
                u = 1.0;
            }
            double exact = Math.log(u);
            double err = Math.abs(BoxMullerStream.log(u) - exact) / Math.max(Math.ulp(exact), Double.MIN_NORMAL);
            worstLog = Math.max(worstLog, err);
            double g = r.nextDouble() - 0.5;
            double phi = Math.PI / 2 * g;
            // absolute error in units of ulp(1): the values feed R·cos, R·sin with |cos|, |sin| ≤ 1
            worstTrig = Math.max(worstTrig, Math.abs(BoxMullerStream.sinHalfPi(g) - Math.sin(phi)) / Math.ulp(1.0));
            worstTrig = Math.max(worstTrig, Math.abs(BoxMullerStream.cosHalfPi(g) - Math.cos(phi)) / Math.ulp(1.0));
        }
        assertTrue(worstLog <= 4, "log: worst error " + worstLog + " ulp");
        assertTrue(worstTrig <= 4, "sin/cos: worst error " + worstTrig + " ulp of 1");
        assertEquals(0.0, BoxMullerStream.log(1.0), 0.0);
    }

    @Test
    void momentsAreThoseOfAStandardNormal() {
        int n = 4_000_000;
        double[] z = draws(2026, 0, n);
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        for (double v : z) {
            double v2 = v * v;
            s1 += v;
            s2 += v2;
            s3 += v2 * v;
            s4 += v2 * v2;
        }
        double mean = s1 / n;
        // E Z = 0, E Z² = 1, E Z³ = 0, E Z⁴ = 3 with variances 1, 2, 15, 96 per draw
        assertEquals(0, mean * Math.sqrt(n), Z, "mean");
        assertEquals(0, (s2 / n - 1) / Math.sqrt(2.0 / n), Z, "second moment");
        assertEquals(0, (s3 / n) / Math.sqrt(15.0 / n), Z, "third moment");
        assertEquals(0, (s4 / n - 3) / Math.sqrt(96.0 / n), Z, "fourth moment");
    }

    @Test
    void chiSquareAgainstEquiprobableNormalBins() {
        int n = 4_000_000;
        int bins = 200;
        NormalDistribution normal = new NormalDistribution(0, 1);
        double[] edges = new double[bins - 1];
        for (int i = 1; i < bins; i++) {
            edges[i - 1] = normal.inverseCumulativeProbability((double) i / bins);
        }
        long[] counts = new long[bins];
        for (double v : draws(77, 5, n)) {
            int k = Arrays.binarySearch(edges, v);
            counts[k >= 0 ? k + 1 : -k - 1]++;
        }
        double expected = (double) n / bins;
        double chi2 = 0;
        for (long c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        double p = 1 - new ChiSquaredDistribution(bins - 1).cumulativeProbability(chi2);
        assertTrue(p > P_MIN, "chi-square " + chi2 + " on " + (bins - 1) + " degrees of freedom: p = " + p);
    }

    @Test
    void kolmogorovSmirnovAgainstTheNormalLaw() {
        double[] z = draws(3, 1, 1_000_000);
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(0, 1), z);
        assertTrue(p > P_MIN, "KS p-value " + p);
    }

    @Test
    void tailsHaveTheNormalFrequency() {
        int n = 8_000_000;
        double[] z = draws(8, 8, n);
        double beyond3 = 0;
        double beyond4 = 0;
        double max = 0;
        for (double v : z) {
            double a = Math.abs(v);
            beyond3 += a > 3 ? 1 : 0;
            beyond4 += a > 4 ? 1 : 0;
            max = Math.max(max, a);
        }
        double p3 = 2 * new NormalDistribution(0, 1).cumulativeProbability(-3);
        double p4 = 2 * new NormalDistribution(0, 1).cumulativeProbability(-4);
        assertEquals(n * p3, beyond3, Z * Math.sqrt(n * p3), "|Z| > 3");
        assertEquals(n * p4, beyond4, Z * Math.sqrt(n * p4), "|Z| > 4");
        assertTrue(max <= Math.sqrt(104 * Math.log(2)) + 1e-12, "largest |Z| " + max + " exceeds the bound");
    }

    @Test
    void anglesOfPairsAreUniformAndDrawsAreUncorrelated() {
        int rounds = 100_000;
        int n = rounds * BoxMullerStream.ROUND;
        double[] z = draws(99, 4, n);
        // the polar angle of each Box–Muller pair (Z at 32r + l, Z' at 32r + 16 + l) is uniform
        int bins = 64;
        long[] counts = new long[bins];
        for (int r = 0; r < rounds; r++) {
            for (int l = 0; l < BoxMullerStream.LANES; l++) {
                double a = Math.atan2(z[r * 32 + 16 + l], z[r * 32 + l]);
                int k = (int) ((a + Math.PI) / (2 * Math.PI) * bins);
                counts[Math.min(k, bins - 1)]++;
            }
        }
        double expected = (double) n / 2 / bins;
        double chi2 = 0;
        for (long c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        double p = 1 - new ChiSquaredDistribution(bins - 1).cumulativeProbability(chi2);
        assertTrue(p > P_MIN, "angles: chi-square " + chi2 + ", p = " + p);
        // correlations at the lags that matter: within a pair, between lanes, between rounds, between streams
        double[] other = draws(99, 5, n);
        assertUncorrelated(z, 0, z, 16, n - 16, "Z and Z' of a pair");
        assertUncorrelated(z, 0, z, 1, n - 1, "neighbouring lanes");
        assertUncorrelated(z, 0, z, 32, n - 32, "consecutive rounds");
        assertUncorrelated(z, 0, other, 0, n, "streams (99, 4) and (99, 5)");
        double[] seedNeighbour = draws(100, 4, n);
        assertUncorrelated(z, 0, seedNeighbour, 0, n, "seeds 99 and 100");
    }

    /** Sample correlation of x[a..a+n) and y[b..b+n), scaled by √n: ~N(0, 1) for independent normals. */
    private static void assertUncorrelated(double[] x, int a, double[] y, int b, int n, String what) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x[a + i] * y[b + i];
        }
        assertEquals(0, sum / Math.sqrt(n), Z, what);
    }

    @Test
    void aStreamGivesTheSameBitsAcrossTheWarmUp() throws InterruptedException {
        // The test owns the warm-up: a thread of its own warms the vector kernel up while this one draws, so the
        // switch (when the vector module is present) happens somewhere during these draws; the stream must not change.
        Thread warmUp = new Thread(() -> BoxMullerStream.warmUp(60_000), "test-warm-up");
        warmUp.start();
        BoxMullerStream stream = BoxMullerStream.of(9, 4);
        long[] reference = BoxMullerStream.of(9, 4).state.clone();
        double[] z = new double[256];
        double[] expected = new double[256];
        for (int call = 0; call < 4096; call++) {
            stream.nextGaussians(z, 0, z.length);
            BoxMullerStream.scalarRounds(reference, expected, 0, z.length / BoxMullerStream.ROUND);
            assertArrayEquals(expected, z, 0.0, "call " + call + " (vector kernel in use: "
                    + BoxMullerStream.vectorInUse() + ")");
        }
        warmUp.join();
    }

    @Test
    void badArgumentsAreRefused() {
        IllegalArgumentException wait = assertThrows(IllegalArgumentException.class, () -> BoxMullerStream.warmUp(-1));
        assertTrue(wait.getMessage().contains("maxMillis = -1"), wait.getMessage());
        for (double draws : new double[] {-1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BoxMullerStream.worthWarmingUp(draws));
            assertTrue(e.getMessage().contains("draws = " + draws), e.getMessage());
        }
    }

    @Test
    void aWarmUpInTheCallingThreadSwitchesToTheVectorKernel() {
        // A job too small to repay the warm-up is not worth one; a large one is until the kernel is in use. A
        // completed warm-up leaves the vector kernel in use when the module is present and the kernel works.
        assertFalse(BoxMullerStream.worthWarmingUp(1e6));
        boolean inUse = BoxMullerStream.warmUp(60_000);
        assertEquals(BoxMullerStream.vectorInUse(), inUse);
        assertFalse(BoxMullerStream.worthWarmingUp(1e12) && inUse, "no warm-up is worth it once the kernel is in use");
        if (BoxMullerStream.VECTOR && VectorBoxMuller.available()) {
            assertTrue(inUse, "the vector kernel should be in use after a completed warm-up");
        }
    }

    @Test
    void noThreadStartsByItself() {
        // 2^26 scalar draws (which used to start a warm-up thread) leave the set of live threads as it was.
        java.util.Set<String> before = liveThreads();
        BoxMullerStream stream = BoxMullerStream.of(3, 0);
        double[] z = new double[1 << 16];
        for (int i = 0; i < 1 << 10; i++) {
            stream.nextGaussians(z, 0, z.length);
        }
        java.util.Set<String> after = liveThreads();
        after.removeAll(before);
        assertTrue(after.stream().noneMatch(name -> name.startsWith("sde4j")), "threads started: " + after);
    }

    private static java.util.Set<String> liveThreads() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            names.add(t.getName());
        }
        return names;
    }
}
