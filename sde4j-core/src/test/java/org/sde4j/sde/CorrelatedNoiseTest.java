package org.sde4j.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.brownian.BrownianSourceFactory;
import org.sde4j.brownian.CorrelatedBrownianMotion;

/** The noise law on a problem: validated once, its factor computed once and used by every source. */
class CorrelatedNoiseTest {
    private static final double[][] R = {{1, 0.3, -0.2}, {0.3, 1, 0.5}, {-0.2, 0.5, 1}};

    private static Sde diagonal(int m) {
        return Sde.builder(m, m).drift((t, x, out) -> java.util.Arrays.fill(out, 0)).diagonalDiffusion((t, x, out) -> {
            for (int i = 0; i < m; i++) {
                out[i] = 0.2 * x[i];
            }
        }).build();
    }

    @Test
    void problemsAreIndependentUnlessToldAndKeepTheirNoise() {
        SdeProblem p = new SdeProblem(diagonal(3), new double[] {1, 1, 1}, 0, 1);
        assertSame(NoiseProcess.independent(), p.noise());
        assertTrue(p.noise().isIndependent());
        CorrelatedNoise noise = NoiseProcess.correlation(R);
        SdeProblem correlated = p.withNoise(noise);
        assertSame(noise, correlated.noise());
        assertSame(noise, correlated.withTimeSpan(0, 2).noise());
        assertSame(noise, correlated.withSde(diagonal(3)).noise());
        assertTrue(correlated.toString().contains("correlated Brownian motion"), correlated.toString());
    }

    @Test
    void invalidMatricesAndSizesAreRejectedWithTheReason() {
        SdeProblem p = new SdeProblem(diagonal(2), new double[] {1, 1}, 0, 1);
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> p.withNoise(NoiseProcess.correlation(R)));
        assertTrue(size.getMessage().contains("correlation is 3 × 3: must be 2 × 2"), size.getMessage());
        IllegalArgumentException asymmetric = assertThrows(IllegalArgumentException.class,
                () -> NoiseProcess.covariance(new double[][] {{1, 0.2}, {0.3, 1}}));
        assertTrue(asymmetric.getMessage().contains("not symmetric"), asymmetric.getMessage());
        IllegalArgumentException indefinite = assertThrows(IllegalArgumentException.class,
                () -> NoiseProcess.correlation(new double[][] {{1, 2}, {2, 1}}));
        assertTrue(indefinite.getMessage().contains("not positive semi-definite"), indefinite.getMessage());
        IllegalArgumentException unit = assertThrows(IllegalArgumentException.class,
                () -> NoiseProcess.correlation(new double[][] {{2, 0}, {0, 1}}));
        assertTrue(unit.getMessage().contains("unit diagonal"), unit.getMessage());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> NoiseProcess.covariance(new double[][] {{1, 0}, {0}}));
        assertTrue(ragged.getMessage().contains("covariance[1] has length 1: must be 2"), ragged.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.withNoise(null));
    }

    /** The problem's factor is the one every per-path source uses, and the same bits as the former per-path route. */
    @Test
    void theFactorIsComputedOnceAndIsTheOnePathSourcesUse() {
        CorrelatedNoise noise = NoiseProcess.correlation(R);
        CorrelatedBrownianMotion viaProblem = CorrelatedBrownianMotion.of(noise,
                BrownianSourceFactory.gaussian().create(1, 2, 3));
        CorrelatedBrownianMotion perPath = CorrelatedBrownianMotion.ofCorrelation(R,
                BrownianSourceFactory.gaussian().create(1, 2, 3));
        assertArrayEquals(noise.factor(), viaProblem.factor());
        assertArrayEquals(perPath.factor(), viaProblem.factor());
        double[] a = new double[3];
        double[] b = new double[3];
        viaProblem.increment(0, 0.1, a);
        perPath.increment(0, 0.1, b);
        assertArrayEquals(b, a);
        assertTrue(noise.unitVariances());
        assertFalse(NoiseProcess.covariance(new double[][] {{4, 1}, {1, 1}}).unitVariances());
        assertFalse(noise.isIdentity());
        assertTrue(NoiseProcess.correlation(new double[][] {{1, 0}, {0, 1}}).isIdentity());
    }
}
