package org.sde4j.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Each noise model's sample moments against the moments it states, and the stated moments against
 * the textbook values. Fixed seeds; n = 400 000 draws per model, and each band is 6 standard
 * deviations of the sample moment, {@code 6 √((E ξ^{2k} − (E ξ^k)²)/n)}, computed from the model's own
 * stated moments where k ≤ 2 and bounded by hand for k = 3, 4 (all laws are bounded by √(3h) or 1).
 */
class NoiseModelTest {
    private static final int N = 400_000;

    @Test
    void statedMomentsAreTheTextbookOnes() {
        double h = 0.3;
        assertMoments(NoiseModels.gaussian(), h, 0, h, 0, 3 * h * h);
        assertMoments(NoiseModels.twoPoint(), h, 0, h, 0, h * h);
        assertMoments(NoiseModels.threePoint(), h, 0, h, 0, 3 * h * h);
        assertMoments(NoiseModels.bernoulli(0.3), h, 0.3, 0.3, 0.3, 0.3);
        assertMoments(NoiseModels.uniform(), h, 0.5, 1.0 / 3, 0.25, 0.2);
        assertEquals(0.21, NoiseModels.bernoulli(0.3).variance(h), 1e-15);
        assertEquals(1.0 / 12, NoiseModels.uniform().variance(h), 1e-15);
        assertEquals(4, NoiseModels.gaussian().matchesGaussianMoments());
        assertEquals(3, NoiseModels.twoPoint().matchesGaussianMoments());
        assertEquals(4, NoiseModels.threePoint().matchesGaussianMoments());
        assertEquals(0, NoiseModels.uniform().matchesGaussianMoments());
    }

    private static void assertMoments(NoiseModel model, double h, double... moments) {
        for (int k = 1; k <= 4; k++) {
            assertEquals(moments[k - 1], model.moment(k, h), 1e-14, model.name() + " moment " + k);
        }
    }

    @Test
    void sampleMomentsMatchTheStatedOnes() {
        double h = 0.3;
        for (NoiseModel model : NoiseModels.all()) {
            NoiseModel.NoiseSampler sampler = model.sampler(RandomStreams.stream(2026, model.name().hashCode()));
            double[] sums = new double[4];
            for (int i = 0; i < N; i++) {
                double x = sampler.sample(h);
                double p = 1;
                for (int k = 0; k < 4; k++) {
                    p *= x;
                    sums[k] += p;
                }
            }
            double bound = model.scalesWithStep() ? Math.sqrt(3 * h) : 1.0;
            for (int k = 1; k <= 4; k++) {
                // var(ξ^k) ≤ E ξ^{2k} ≤ bound^{2k} for bounded laws; for the Gaussian use E ξ^{2k} =
                // (2k − 1)!! h^k (3, 15, 105 h^k ... for k = 2, 3, 4).
                double secondOfPower = model.name().equals("gaussian")
                        ? doubleFactorial(2 * k - 1) * Math.pow(h, k) : Math.pow(bound, 2 * k);
                double band = 6 * Math.sqrt(secondOfPower / N);
                assertEquals(model.moment(k, h), sums[k - 1] / N, band, model.name() + " moment " + k);
            }
        }
    }

    private static double doubleFactorial(int n) {
        double r = 1;
        for (int i = n; i > 1; i -= 2) {
            r *= i;
        }
        return r;
    }

    @Test
    void discreteModelsTakeOnlyTheirValues() {
        double h = 0.5;
        NoiseModel.NoiseSampler two = NoiseModels.twoPoint().sampler(RandomStreams.stream(1, 1));
        NoiseModel.NoiseSampler three = NoiseModels.threePoint().sampler(RandomStreams.stream(1, 2));
        NoiseModel.NoiseSampler gate = NoiseModels.bernoulli(0.25).sampler(RandomStreams.stream(1, 3));
        for (int i = 0; i < 1000; i++) {
            assertEquals(Math.sqrt(h), Math.abs(two.sample(h)), 1e-15);
            double x = three.sample(h);
            assertTrue(x == 0 || Math.abs(Math.abs(x) - Math.sqrt(3 * h)) < 1e-15, "three-point value " + x);
            double b = gate.sample(h);
            assertTrue(b == 0 || b == 1, "bernoulli value " + b);
        }
    }

    @Test
    void rejectsInvalidParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NoiseModels.bernoulli(1.5));
        assertTrue(e.getMessage().contains("p = 1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NoiseModels.gaussian().moment(5, 0.1));
    }

    @Test
    void keyedStreamDependsOnItsKeyOnly() {
        KeyedStream a = new KeyedStream();
        KeyedStream b = new KeyedStream();
        a.reset(1, 2, 3);
        long first = a.nextLong();
        a.nextLong();
        b.reset(9, 9, 9);
        b.nextLong();
        b.reset(1, 2, 3);
        assertEquals(first, b.nextLong());
        a.reset(1, 2, 4);
        assertTrue(a.nextLong() != first);
    }
}
