package org.sde4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.models.barrier.BarrierFormulas;
import org.sde4j.models.barrier.BarrierStudy;
import org.sde4j.models.barrier.BarrierStudyResult;
import org.sde4j.models.barrier.MonitoringBias;
import org.sde4j.models.barrier.MonitoringBiasResult;
import org.sde4j.models.math.BlackScholes;

/** Discretely monitored barriers against continuous closed forms; fixed seeds, 5-standard-error bands. */
class BarrierTest {
    @Test
    void closedFormsHaveTheirLimitsAndParity() {
        double c = BlackScholes.call(100, 100, 0.05, 0.01, 0.3, 1);
        // A far barrier knocks nothing out.
        assertEquals(c, BarrierFormulas.downAndOutCall(100, 100, 1e-3, 0.05, 0.01, 0.3, 1), 1e-9);
        assertEquals(c, BarrierFormulas.upAndOutCall(100, 100, 1e5, 0.05, 0.01, 0.3, 1), 1e-9);
        // Continuity of the down-and-out across H = K (the two branches of the formula meet).
        assertEquals(BarrierFormulas.downAndOutCall(100, 95, 95 - 1e-9, 0.05, 0.01, 0.3, 1),
                BarrierFormulas.downAndOutCall(100, 95, 95 + 1e-9, 0.05, 0.01, 0.3, 1), 1e-6);
        // A barrier at the spot knocks everything out.
        assertEquals(0, BarrierFormulas.downAndOutCall(100, 90, 100 - 1e-9, 0.05, 0.01, 0.3, 1), 1e-6);
        assertEquals(0, BarrierFormulas.upAndOutCall(100, 120, 110, 0.05, 0.01, 0.3, 1));
    }

    @Test
    void bridgeCorrectionIsExactForBrownianMotionWithDrift() {
        double exact = BarrierFormulas.survivalAboveWithDrift(0, -1, 0.3, 1, 1);
        BarrierStudyResult r = BarrierStudy.of((t, x) -> 0.3, (t, x) -> 1, 0, 1).lower(-1).steps(4, 8, 16)
                .paths(200_000).seed(12).threads(2).run();
        double se = Math.sqrt(exact * (1 - exact) / r.paths());
        for (int i = 0; i < 3; i++) {
            assertEquals(exact, r.bridgedSurvival()[i], 5 * se, r.toString());
            assertTrue(r.naiveSurvival()[i] - exact > 10 * se, "the naive survival is biased up: " + r);
        }
    }

    @Test
    void firstPassageTimesHaveTheInverseGaussianLaw() {
        // τ = inf{t : x + νt + σW_t ≤ b}: P(τ > t) is the survival formula at t (inverse Gaussian law of τ).
        BarrierStudyResult r = BarrierStudy.of((t, x) -> -0.5, (t, x) -> 0.8, 1, 2).lower(0).steps(8, 32)
                .survivalCurve(8).paths(100_000).seed(13).run();
        for (int j = 0; j < 8; j++) {
            double t = 2.0 * (j + 1) / 8;
            double exact = BarrierFormulas.survivalAboveWithDrift(1, 0, -0.5, 0.8, t);
            assertEquals(exact, r.survivalCurve()[j], 5 * r.survivalCurveError()[j] + 1e-4, "t = " + t + "\n" + r);
        }
    }

    @Test
    void downAndOutCallBiasFallsLikeRootHNaiveAndLikeHBridged() {
        double r = 0.05;
        double sigma = 0.3;
        double exact = BarrierFormulas.downAndOutCall(100, 100, 90, r, 0, sigma, 1);
        BarrierStudyResult res = BarrierStudy.of((t, x) -> r * x, (t, x) -> sigma * x, 100, 1).lower(90)
                .payoff(x -> Math.exp(-r) * Math.max(x - 100, 0)).steps(4, 8, 16, 32, 64).paths(200_000).seed(41)
                .threads(2).run();
        for (int i = 0; i < 5; i++) {
            double naiveBias = res.naive()[i] - exact;
            double bridgedBias = Math.abs(res.bridged()[i] - exact);
            assertTrue(naiveBias > 10 * res.naiveError()[i], "naive monitoring overprices: " + res);
            assertTrue(bridgedBias < 5 * res.bridgedError()[i] + 0.1, "bridged within its band: " + res);
            assertTrue(bridgedBias < naiveBias / 10, "bridged bias far below naive: " + res);
            // The naive values are the continuous price at Broadie–Glasserman–Kou's shifted barrier, up to o(√h)
            // (with Euler's own O(h) on top): 0.094 apart at N = 16, 0.022 at N = 64 in a run of 10^6 paths.
            if (res.steps()[i] >= 16) {
                double shifted = BarrierFormulas.continuityCorrectedBarrier(90, sigma, res.stepSizes()[i], true);
                double bgk = BarrierFormulas.downAndOutCall(100, 100, shifted, r, 0, sigma, 1);
                assertEquals(bgk, res.naive()[i], 5 * res.naiveError()[i] + 0.12, "BGK at N = " + res.steps()[i]);
            }
        }
        // Successive coupled differences: the naive ones fall like h^½, but not yet at N = 4 … 64 (0.3–0.65 here;
        // see naiveBiasIsRootHInTheAsymptoticRange).
        double naiveOrder = res.differenceOrder(false);
        assertTrue(naiveOrder > 0.3 && naiveOrder < 0.65, "naive order " + naiveOrder + "\n" + res);
    }

    /**
     * The naive bias is β σ √h ∂C/∂H + O(h) (Broadie, Glasserman &amp; Kou 1997): its leading term dominates only
     * while the shift βσ√h of the barrier is small beside the distance ln(S0/H) = 0.105. At N = 4 … 64 (shift
     * 0.087 … 0.022) the O(h) term bends the fitted slope of the coupled differences to 0.32–0.44; from N = 64 on the
     * per-halving ratios approach √2 = 1.414 (1.35–1.45). Measured slopes from N = 64: 0.44 over 64 … 512 with 10^6
     * paths (seed 41), 0.477 over 64 … 1024 with 2·10^5 paths (seed 41), and here 0.499 (seed 43, ratios 1.40, 1.45,
     * 1.38). Moving the barrier away (H = 80) does not help: 0.35–0.45 over the same N. The slope's Monte Carlo noise
     * at 2·10^5 paths is a few hundredths, so the 0.15 band holds with margin but the seed is fixed.
     */
    @Test
    void naiveBiasIsRootHInTheAsymptoticRange() {
        double r = 0.05;
        double sigma = 0.3;
        BarrierStudyResult res = BarrierStudy.of((t, x) -> r * x, (t, x) -> sigma * x, 100, 1).lower(90)
                .payoff(x -> Math.exp(-r) * Math.max(x - 100, 0)).steps(64, 128, 256, 512, 1024).paths(200_000).seed(43)
                .threads(2).run();
        double naiveOrder = res.differenceOrder(false);
        assertEquals(0.5, naiveOrder, 0.15, "naive order\n" + res);
        for (int i = 0; i < 4; i++) {
            assertTrue(res.naiveDifference()[i] > 10 * res.naiveDifferenceError()[i], "resolved differences\n" + res);
        }
    }

    /**
     * The measure, resolved by coupling: each path of ln S is exact at 512 dates and monitored at N = 32 …
     * 512 of them; per level, payoff × (weight − exact bridge weight) estimates the bias against the continuous price
     * on the same path (see {@link MonitoringBias}). Slopes of log |bias| on log h: naive ½ (βσ√h; the BGK-shifted
     * closed form gives a local slope of 0.44 at N = 32 rising to 0.48 at 512, so the fit lies near 0.46), bridged
     * 1. The seed is fixed; the band 0.15 is asserted to be at least 5 standard errors of the slope (from 10 batches)
     * away from the fitted value, so that another seed would fail with probability below 10⁻⁶.
     */
    @Test
    void monitoringBiasIsRootHNaiveAndHBridged() {
        MonitoringBias study = MonitoringBias.of(100, 100, 90, 0.05, 0.3, 1).steps(32, 64, 128, 256, 512)
                .paths(50_000).batches(10).seed(30).threads(2);
        MonitoringBiasResult r = study.run();
        double[] exact = r.values(2);
        double[] exactError = r.valueErrors(2);
        for (int i = 0; i < exact.length; i++) {
            assertEquals(r.reference(), exact[i], 5 * exactError[i], "the exact bridge is unbiased\n" + r);
        }
        assertEquals(0.5, r.slope(false), 0.15, "naive slope\n" + r);
        assertEquals(1.0, r.slope(true), 0.15, "bridged slope\n" + r);
        assertTrue(0.15 - Math.abs(r.slope(false) - 0.5) >= 5 * r.slopeError(false), "naive slope resolved\n" + r);
        assertTrue(0.15 - Math.abs(r.slope(true) - 1.0) >= 5 * r.slopeError(true), "bridged slope resolved\n" + r);
    }

    @Test
    void reflectedBrownianMotionHasTheLawOfItsAbsoluteValue() {
        // Reflected at 0 from x0 = 0.3, σ = 1, T = 1: X_T ~ |x0 + W_T|, E = √(2/π) e^{−x0²/2} + x0 (1 − 2Φ(−x0)).
        double x0 = 0.3;
        double exact = Math.sqrt(2 / Math.PI) * Math.exp(-0.5 * x0 * x0)
                + x0 * (1 - 2 * org.sde4j.models.math.SpecialFunctions.normalCdf(-x0));
        BarrierStudyResult r = BarrierStudy.of((t, x) -> 0, (t, x) -> 1, x0, 1).lower(0).reflect().payoff(x -> x)
                .steps(4, 16).paths(200_000).seed(14).run();
        for (int i = 0; i < 2; i++) {
            assertEquals(exact, r.naive()[i], 5 * r.naiveError()[i], r.toString());
            assertEquals(1, r.naiveSurvival()[i]);
        }
    }

    @Test
    void barriersOnTheWrongSideAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BarrierStudy.of((t, x) -> 0, (t, x) -> 1, 0, 1).lower(0.5));
        assertTrue(e.getMessage().startsWith("lower = 0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BarrierFormulas.upAndOutCall(100, 100, 90, 0.05, 0, 0.2, 1));
        assertTrue(e.getMessage().startsWith("barrier = 90.0"), e.getMessage());
    }
}
