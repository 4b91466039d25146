package org.sde4j.multilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EstimatesTest {
    private static final GbmFormulas GBM = GbmFormulas.GILES;

    @Test
    void everyMethodMeetsTheToleranceOnTheEuropeanCall() {
        double exact = GBM.europeanCall(1);
        Payoff call = Estimates.payoff("european-call:strike=1,discount=" + GBM.discount());
        for (Estimates.Method method : Estimates.Method.values()) {
            Estimates.Estimate e = Estimates.estimate(method, GBM.problem(), Coupling.MILSTEIN, call, 2e-3, 7, 1, 12,
                    60);
            assertTrue(e.converged(), e.summary());
            assertTrue(Math.abs(e.estimate() - exact) < 6e-3, e.summary() + " vs " + exact);
            assertTrue(e.lower() < e.estimate() && e.estimate() < e.upper(), e.summary());
            assertTrue(e.cost() > 0 && e.paths() > 0 && e.steps() >= 4, e.summary());
        }
    }

    /**
     * The reported interval is for E P: the statistical interval widened by a positive bias bound, and at ε = 10⁻³
     * (seed 5) it holds Black–Scholes for every method, where the statistical interval alone misses it for qmc (the
     * bias of 8 steps is about 6·10⁻⁴, its half-width 2·10⁻⁴). mlqmc's estimate is the extrapolated
     * {@code Σ_ℓ Ȳ_ℓ + Ȳ_L}.
     */
    @Test
    void theIntervalIsForTheExactExpectation() {
        double exact = GBM.europeanCall(1);
        Payoff call = Payoff.europeanCall(1, GBM.discount());
        for (Estimates.Method method : Estimates.Method.values()) {
            Estimates.Estimate e = Estimates.estimate(method, GBM.problem(), Coupling.MILSTEIN, call, 1e-3, 5, 1, 20,
                    60);
            assertTrue(e.biasBound() > 0 && e.statisticalHalfWidth() > 0, e.summary());
            assertEquals(e.estimate() - e.statisticalHalfWidth() - e.biasBound(), e.lower(), 0, e.summary());
            assertEquals(e.estimate() + e.statisticalHalfWidth() + e.biasBound(), e.upper(), 0, e.summary());
            assertTrue(e.lower() <= exact && exact <= e.upper(), e.summary() + " vs " + exact);
            if (method == Estimates.Method.QMC) {
                assertTrue(Math.abs(e.estimate() - exact) > e.statisticalHalfWidth(), e.summary());
            }
            if (e.detail() instanceof MultilevelQmc.Result r) {
                double sum = 0;
                for (double m : r.means()) {
                    sum += m;
                }
                assertEquals(sum + r.means()[r.means().length - 1], e.estimate(), 1e-15, e.summary());
            }
        }
    }

    @Test
    void aTimeBudgetStopsEveryMethodWithAFiniteEstimate() {
        Payoff call = Payoff.europeanCall(1, GBM.discount());
        for (Estimates.Method method : Estimates.Method.values()) {
            java.util.List<String> lines = new java.util.ArrayList<>();
            // A tolerance no method meets in 0.05 s on any machine: since mlqmc extrapolates, it meets 1e-5 in 0.045 s.
            Estimates.Estimate e = Estimates.estimate(method, GBM.problem(), Coupling.MILSTEIN, call, 1e-7, 3, 1, 20,
                    0.05, lines::add);
            assertTrue(!e.converged(), e.summary());
            assertTrue(e.message().startsWith("stopped after ") && e.message().endsWith(
                    " (maxSeconds 0.05) before the tolerance was met"), e.summary());
            assertTrue(Double.isFinite(e.estimate()) && e.lower() < e.estimate() && e.estimate() < e.upper(),
                    e.summary());
            assertTrue(Math.abs(e.estimate() - GBM.europeanCall(1)) < 0.02, e.summary());
            assertTrue(!lines.isEmpty(), method + ": no progress line");
            assertTrue(e.seconds() < 30, e.summary());
        }
    }

    @Test
    void levelSumsContinuedAfterEarlierChunksHaveTheBitsOfOneRun() {
        Payoff call = Payoff.europeanCall(1, GBM.discount());
        Multilevel ml = Multilevel.of(GBM.problem(), Coupling.MILSTEIN, call).seed(9);
        LevelSums once = ml.levelJob(3, 0, 40).run();
        LevelSums first = ml.levelJob(3, 0, 13).run();
        LevelSums continued = ml.levelJob(3, 13, 27).after(first).run();
        assertTrue(once.sameSums(continued), once + " vs " + continued);
        LevelSums batched = ml.coupledLevel(3, LevelSums.EMPTY, 40, System.nanoTime(), Double.POSITIVE_INFINITY);
        assertTrue(once.sameSums(batched), once + " vs " + batched);
        LevelSums plain = ml.plainMonteCarlo(3, 40 * LevelJob.CHUNK);
        LevelSums plainInTwo = ml.plainMonteCarlo(3, ml.plainMonteCarlo(3, 7 * LevelJob.CHUNK), 40, System.nanoTime(),
                Double.POSITIVE_INFINITY);
        assertTrue(plain.sameSums(plainInTwo), plain + " vs " + plainInTwo);
    }

    @Test
    void payoffSpecifications() {
        assertEquals("european-call(K=1.5)", Estimates.payoff("european-call:strike=1.5").name());
        assertEquals("geometric-asian-call(K=1.0)", Estimates.payoff("asian-call:geometric=true").name());
        assertEquals("lookback-call", Estimates.payoff("lookback-call").name());
        assertEquals("digital-call(K=0.9)", Estimates.payoff("digital-call:strike=0.9").name());
        assertEquals("mean", Estimates.payoff("mean").name());
    }

    @Test
    void badInputGivesOneLineMessagesNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Estimates.payoff("straddle"));
        assertTrue(e.getMessage().startsWith("functional = straddle: unknown"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Estimates.payoff("european-call:strike=abc"));
        assertTrue(e.getMessage().contains("strike = abc is not a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Estimates.payoff("european-call:vol=0.2"));
        assertTrue(e.getMessage().contains("unknown options [vol]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Estimates.Method.byName("sobol"));
        assertEquals("method = sobol: must be one of mc, mlmc, qmc, mlqmc", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Estimates.estimate(Estimates.Method.MC, GBM.problem(),
                Coupling.MILSTEIN, Payoff.mean(), -1, 1, 1, 10, 10));
        assertTrue(e.getMessage().startsWith("epsilon = -1.0"), e.getMessage());
        for (String message : new String[] {e.getMessage()}) {
            assertTrue(!message.contains("\n"), message);
        }
    }
}
