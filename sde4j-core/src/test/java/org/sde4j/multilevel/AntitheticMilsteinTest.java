package org.sde4j.multilevel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.problems.Problems;

/**
 * The antithetic estimator of Giles &amp; Szpruch (2014) on the problem library's {@code linear-2d}
 * ({@code dX = A X dt + B₁ X dW₁ + B₂ X dW₂}, B₁B₂ ≠ B₂B₁), P = X₁(1): β ≈ 2 without Lévy areas, where the plain
 * coupling of the same truncated Milstein scheme falls towards β = 1; and the telescoping sum matches the exact mean
 * {@code (e^{AT} X₀)₁}.
 */
class AntitheticMilsteinTest {
    static final double[][] A = {{-0.5, 1}, {-1, -0.5}};
    static final double[][] B1 = {{0.3, 0.6}, {0, 0.3}};
    static final double[][] B2 = {{0.3, 0}, {0.6, 0.3}};

    static AntitheticMilstein estimator() {
        return AntitheticMilstein.of(AntitheticMilstein.linear(A, B1, B2), new double[] {1, 1}, 1, x -> x[0]).seed(3);
    }

    /** log₂ V_ℓ for ℓ = from … to, 64 chunks (16 384 samples) each. */
    static double[] log2Variances(AntitheticMilstein am, int from, int to) {
        double[] v = new double[to - from + 1];
        for (int l = from; l <= to; l++) {
            v[l - from] = Math.log(am.level(l, 0, 64).varianceY()) / Math.log(2);
        }
        return v;
    }

    static double beta(double[] log2v) {
        double[] v = new double[log2v.length];
        for (int i = 0; i < log2v.length; i++) {
            v[i] = Math.pow(2, log2v[i]);
        }
        return -Multilevel.slope(v, 0, v.length) / Math.log(2);
    }

    @Test
    void antitheticCouplingReachesBetaTwoWithoutLevyAreas() {
        double[] anti = log2Variances(estimator(), 3, 7);
        double[] plain = log2Variances(estimator().antithetic(false), 3, 7);
        double betaAnti = beta(anti);
        double betaPlain = beta(plain);
        String report = String.format("beta antithetic %.3f, plain %.3f; log2 V: antithetic %s, plain %s", betaAnti,
                betaPlain, java.util.Arrays.toString(anti), java.util.Arrays.toString(plain));
        System.out.println(report);
        assertTrue(betaAnti > 1.75 && betaAnti < 2.3, report);
        // The plain coupling is still pre-asymptotic here (fitted 1.7 over ℓ = 3 … 7), but its rate falls towards 1:
        // the last halving (ℓ = 6 → 7) gains 1.36 binary orders, the antithetic one 2.01.
        assertTrue(plain[3] - plain[4] < 1.6, report);
        assertTrue(anti[3] - anti[4] > 1.75, report);
        assertTrue(anti[4] < plain[4] - 1, report);
    }

    @Test
    void telescopingSumMatchesTheExactMean() {
        double exact = Problems.linear2d().exactMean(1).orElseThrow()[0];
        AntitheticMilstein am = estimator();
        long[] chunks = {256, 64, 32, 16, 8, 8, 8};
        double sum = 0;
        double variance = 0;
        double last = 0;
        for (int l = 0; l < chunks.length; l++) {
            LevelSums s = am.level(l, 0, chunks[l]);
            sum += s.meanY();
            variance += s.varianceY() / s.count();
            last = Math.abs(s.meanY());
        }
        double se = Math.sqrt(variance);
        String report = String.format("sum %.6f, exact %.6f, se %.2e, last correction %.2e", sum, exact, se, last);
        assertTrue(Math.abs(sum - exact) < 4 * se + 2 * last, report);
    }

    @Test
    void gilesAdaptiveAlgorithmOnTheAntitheticLevelsMeetsTheTolerance() {
        double exact = Problems.linear2d().exactMean(1).orElseThrow()[0];
        for (double eps : new double[] {1e-2, 3e-3}) {
            MultilevelResult r = Multilevel.of(estimator()).seed(11).estimate(eps);
            String report = r.table() + " exact " + exact;
            assertTrue(r.converged(), report);
            assertTrue(Math.abs(r.estimate() - exact) < 3 * eps, report);
            assertTrue(r.beta() > 1.5, report);
        }
        assertThrows(UnsupportedOperationException.class, () -> Multilevel.of(estimator()).levelJob(1, 0, 1));
    }

    @Test
    void chunksSplitAnyWayGiveTheSameSums() {
        LevelSums whole = estimator().level(4, 0, 6);
        LevelSums parts = estimator().level(4, 0, 2).plus(estimator().level(4, 2, 4));
        assertTrue(whole.count() == parts.count() && Math.abs(whole.sumY() - parts.sumY()) <= 1e-12 * Math.abs(whole.sumY()));
        assertTrue(estimator().level(4, 2, 4).sameSums(estimator().level(4, 2, 4)));
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> AntitheticMilstein.of(AntitheticMilstein.linear(A, B1, B2),
                new double[] {1}, 1, x -> x[0]));
        assertThrows(IllegalArgumentException.class, () -> estimator().level(-1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> AntitheticMilstein.linear(new double[][] {{1, 2}}, B1));
    }
}
