package org.sde4j.error;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sde4j.random.RandomStreams;

/**
 * Properties of the order fit on exact power laws {@code e = C Δt^q} (no Monte Carlo noise), over seeded
 * random cases: the slope, the pairwise estimate and both ends of the interval equal q; a level with an
 * error of exactly zero is reported and does not change the fit. The case's seed is in its name.
 */
class OrderFitProperties {
    static Stream<Arguments> cases() {
        return LongStream.range(0, 40).mapToObj(seed -> Arguments.of(seed));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("cases")
    void powerLawGivesItsExponent(long seed) {
        UniformRandomProvider rng = RandomStreams.stream(20261127L, seed);
        int levels = 3 + rng.nextInt(5);
        double q = 0.2 + 2.5 * rng.nextDouble();
        double c = Math.exp(4 * rng.nextDouble() - 2);
        double[] dts = new double[levels];
        double dt = Math.exp(-5 * rng.nextDouble());
        for (int l = 0; l < levels; l++) {
            dts[l] = dt;
            dt /= 1.2 + 3 * rng.nextDouble();
        }
        double[] errors = Arrays.stream(dts).map(h -> c * Math.pow(h, q)).toArray();
        OrderEstimate fit = OrderFit.estimate(dts, constant(errors), 50, seed, 1 + rng.nextInt(2));
        assertEquals(q, fit.order(), 1e-9);
        assertEquals(q, fit.pairwise(), 1e-9);
        assertEquals(q, fit.low(), 1e-9);
        assertEquals(q, fit.high(), 1e-9);

        int zero = rng.nextInt(levels);
        double[] withZero = errors.clone();
        withZero[zero] = 0;
        OrderEstimate partial = OrderFit.estimate(dts, constant(withZero), 50, seed, 1);
        assertArrayEquals(new int[] {zero}, partial.zeroLevels());
        assertEquals(q, partial.order(), 1e-9);
    }

    private static ErrorEstimator constant(double[] errors) {
        double[] samples = new double[3 * errors.length];
        for (int p = 0; p < 3; p++) {
            System.arraycopy(errors, 0, samples, p * errors.length, errors.length);
        }
        return new MeanEstimator(samples, errors.length, 0, errors.length);
    }
}
