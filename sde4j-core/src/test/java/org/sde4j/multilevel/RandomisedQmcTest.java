package org.sde4j.multilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.montecarlo.ShardMerger;

class RandomisedQmcTest {
    private static final GbmFormulas GBM = GbmFormulas.GILES;

    /**
     * Unbiased at the step: for GBM, Euler–Maruyama and Milstein both have {@code E X_n = S₀ (1 + r h)^n} exactly (the
     * Milstein term has mean zero), so each randomisation's mean is unbiased for that. z = (P̂ − E P_n)/s against
     * 8.0, which |t₁₅| exceeds with probability about 10⁻⁶; seeds fixed, both scrambles, n = 16 and 100 steps (100:
     * not a power of two).
     */
    @Test
    void randomisedMeansAreUnbiasedForTheDiscreteMean() {
        for (Coupling c : Coupling.values()) {
            for (int n : new int[] {16, 100}) {
                for (boolean matrix : new boolean[] {true, false}) {
                    RandomisedQmc.Result r = RandomisedQmc.of(GBM.problem(), c, Payoff.mean()).steps(n).points(1024)
                            .randomisations(16).matrixScramble(matrix).seed(n).run();
                    double exact = Math.pow(1 + GBM.r() / n, n);
                    double z = (r.estimate() - exact) / r.standardError();
                    assertTrue(Math.abs(z) < 8, c + " n = " + n + " matrix " + matrix + ": z = " + z);
                    assertTrue(r.lower() < r.upper());
                }
            }
        }
    }

    /** The European call at 256 steps: within the interval plus the Milstein bias bound 3·10⁻⁴ of Black–Scholes. */
    @Test
    void europeanCallAgreesWithBlackScholes() {
        RandomisedQmc.Result r = RandomisedQmc.of(GBM.problem(), Coupling.MILSTEIN,
                Payoff.europeanCall(1, GBM.discount())).steps(256).points(4096).seed(4).run();
        double exact = GBM.europeanCall(1);
        assertTrue(Math.abs(r.estimate() - exact) < 4 * r.standardError() + 3e-4, r.estimate() + " vs " + exact);
        assertTrue(r.varianceReduction() > 100, "variance reduction " + r.varianceReduction());
    }

    @Test
    void sameBitsForThreadsAndShards() {
        RandomisedQmc job = RandomisedQmc.of(GBM.problem(), Coupling.MILSTEIN, Payoff.lookbackCall(GBM.discount()))
                .steps(32).points(512).randomisations(4).seed(8);
        RandomisedQmc.Result one = job.threads(1).run();
        RandomisedQmc.Result two = job.threads(2).run();
        assertArrayEquals(one.means(), two.means(), 0);
        ShardMerger<RandomisedQmc.Result> merger = job.merger();
        merger.add(job.runChunks(5, 8));
        merger.add(job.runChunks(0, 5));
        RandomisedQmc.Result merged = merger.result();
        assertArrayEquals(one.means(), merged.means(), 0);
        assertEquals(Double.doubleToRawLongBits(one.estimate()), Double.doubleToRawLongBits(merged.estimate()));
    }

    /** Multilevel QMC against closed forms (|P̂ − P| &lt; 3ε at fixed seeds, as for {@link Multilevel}). */
    @Test
    void multilevelQmcMeetsTheToleranceOnClosedForms() {
        double d = GBM.discount();
        Object[][] cases = {
            {Payoff.europeanCall(1, d), GBM.europeanCall(1)},
            {Payoff.asianCall(1, d, true), GBM.geometricAsianCall(1)},
            {Payoff.digitalCall(1, d), GBM.digitalCall(1)},
        };
        for (Object[] c : cases) {
            for (double eps : new double[] {1e-3, 2e-4}) {
                MultilevelQmc.Result r = MultilevelQmc.of(GBM.problem(), Coupling.MILSTEIN, (Payoff) c[0]).seed(3)
                        .estimate(eps);
                double exact = (double) c[1];
                assertTrue(r.converged(), c[0] + " " + eps);
                assertTrue(Math.abs(r.estimate() - exact) < 3 * eps, c[0] + " ε = " + eps + ": " + r.estimate()
                        + " vs " + exact + ", points " + java.util.Arrays.toString(r.points()));
                assertTrue(r.standardError() <= eps / Math.sqrt(2));
            }
        }
    }

    @Test
    void badInput() {
        RandomisedQmc job = RandomisedQmc.of(GBM.problem(), Coupling.MILSTEIN, Payoff.mean());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> job.points(1000));
        assertTrue(e.getMessage().startsWith("points = 1000"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> job.randomisations(1));
        assertTrue(e.getMessage().startsWith("randomisations = 1"), e.getMessage());
    }
}
