package org.sde4j.multilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sde4j.montecarlo.ShardMerger;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;

class MultilevelTest {
    private static final GbmFormulas GBM = GbmFormulas.GILES;
    private static final double D = GBM.discount();

    @Test
    void sameBitsForAnyThreadCount() {
        Multilevel mlmc = Multilevel.of(GBM.problem(), Coupling.MILSTEIN, Payoff.europeanCall(1, D)).seed(5);
        MultilevelResult one = mlmc.threads(1).estimate(1e-3);
        MultilevelResult two = mlmc.threads(2).estimate(1e-3);
        assertEquals(Double.doubleToRawLongBits(one.estimate()), Double.doubleToRawLongBits(two.estimate()));
        assertEquals(one.levels().size(), two.levels().size());
        for (int l = 0; l < one.levels().size(); l++) {
            assertEquals(one.levels().get(l).samples(), two.levels().get(l).samples());
            assertEquals(Double.doubleToRawLongBits(one.levels().get(l).variance()),
                    Double.doubleToRawLongBits(two.levels().get(l).variance()));
        }
    }

    @Test
    void levelShardsMergedInAnyOrderAreBitIdenticalToOneRun() {
        for (Payoff payoff : List.of(Payoff.lookbackCall(D), Payoff.digitalCall(1, D))) {
            LevelJob job = Multilevel.of(GBM.problem(), Coupling.MILSTEIN, payoff).seed(9).levelJob(3, 5, 10);
            LevelSums whole = job.run();
            ShardMerger<LevelSums> merger = job.merger();
            merger.add(job.runChunks(7, 10));
            merger.add(job.threads(2).runChunks(0, 3));
            merger.add(job.runChunks(3, 7));
            assertTrue(whole.sameSums(merger.result()), payoff.name());
            assertEquals(10 * LevelJob.CHUNK, whole.count());
        }
    }

    /**
     * Against closed forms at fixed seeds and several ε: the root-mean-square error is at most ε when the algorithm's
     * bias estimate holds, so |P̂ − P| &lt; 3ε (for an error N(b, ε²/2) with |b| ≤ ε/√2 this fails with probability
     * below 10⁻³ per case).
     */
    @Test
    void estimatesMatchClosedFormsToTheTolerance() {
        record Case(Coupling coupling, Payoff payoff, SdeProblem problem, double exact) {
        }
        List<Case> cases = List.of(
                new Case(Coupling.EULER_MARUYAMA, Payoff.mean(), GBM.problem(), GBM.mean()),
                new Case(Coupling.MILSTEIN, Payoff.mean(), GBM.problem(), GBM.mean()),
                new Case(Coupling.EULER_MARUYAMA, Payoff.europeanCall(1, D), GBM.problem(), GBM.europeanCall(1)),
                new Case(Coupling.MILSTEIN, Payoff.europeanCall(1, D), GBM.problem(), GBM.europeanCall(1)),
                new Case(Coupling.MILSTEIN, Payoff.asianCall(1, D, true), GBM.problem(), GBM.geometricAsianCall(1)),
                new Case(Coupling.MILSTEIN, Payoff.lookbackCall(D), GBM.problem(), GBM.lookbackCall()),
                new Case(Coupling.MILSTEIN, Payoff.digitalCall(1, D), GBM.problem(), GBM.digitalCall(1)),
                new Case(Coupling.EULER_MARUYAMA, Payoff.digitalCall(1, D), GBM.problem(), GBM.digitalCall(1)),
                new Case(Coupling.MILSTEIN, Payoff.mean(), Models.sinh(1, 1), Models.sinhMean(1, 1)),
                new Case(Coupling.EULER_MARUYAMA, Payoff.mean(), Models.sinh(1, 1), Models.sinhMean(1, 1)));
        for (Case c : cases) {
            for (double eps : new double[] {1e-2, 3e-3, 1e-3}) {
                MultilevelResult r = Multilevel.of(c.problem(), c.coupling(), c.payoff()).seed(17).estimate(eps);
                assertTrue(r.converged(), r.message());
                assertTrue(Math.abs(r.estimate() - c.exact()) < 3 * eps, c.coupling() + " " + c.payoff() + " ε = " + eps
                        + ": " + r.estimate() + " vs " + c.exact() + "\n" + r.table());
                assertTrue(r.standardError() <= eps / Math.sqrt(2) * 1.05, "variance target missed\n" + r.table());
            }
        }
    }

    /**
     * β from fixed samples per level (N = 16 384, levels 2 … 7, seeds fixed): about 2 for Milstein and 1 for
     * Euler–Maruyama on the European call (Giles 2008; 2008b); α about 1 for both.
     */
    @Test
    void measuredRatesAreGilesRates() {
        for (Coupling c : Coupling.values()) {
            Multilevel mlmc = Multilevel.of(GBM.problem(), c, Payoff.europeanCall(1, D)).seed(3);
            double[] v = new double[8];
            for (int l = 2; l < 8; l++) {
                v[l] = mlmc.levelJob(l, 0, 64).run().varianceY();
            }
            double beta = -Multilevel.slope(v, 2, 8) / Math.log(2);
            double expected = c == Coupling.MILSTEIN ? 2 : 1;
            assertEquals(expected, beta, 0.25, c + ": β = " + beta);
        }
    }

    @Test
    void aToleranceThatTheLevelsCannotReachStopsWithAMessage() {
        MultilevelResult r = Multilevel.of(GBM.problem(), Coupling.EULER_MARUYAMA, Payoff.digitalCall(1, D))
                .levelRange(2, 2).seed(1).estimate(1e-3);
        assertFalse(r.converged());
        assertTrue(r.message().contains("maximum level 2"), r.message());
        assertEquals(3, r.levels().size());
    }

    @Test
    void aDivergingLevelIsReportedWithLevelTimeStepAndPath() {
        Sde sde = Sde.scalar((t, x) -> 10 * x * x * x, (t, x) -> x).withDiffusionDerivative((t, x) -> 1);
        SdeProblem problem = SdeProblem.of(sde, 1, 0, 1);
        LevelDivergedException e = assertThrows(LevelDivergedException.class,
                () -> Multilevel.of(problem, Coupling.EULER_MARUYAMA, Payoff.mean()).levelJob(5, 0, 1).run());
        assertEquals(5, e.level());
        assertTrue(e.time() > 0 && e.time() <= 1 && e.step() >= 0 && e.path() >= 0, e.getMessage());
        assertTrue(e.getMessage().contains("level 5") && e.getMessage().contains("path " + e.path()), e.getMessage());
    }

    @Test
    void badInputIsRefusedWithTheParameterNamed() {
        Multilevel mlmc = Multilevel.of(GBM.problem(), Coupling.MILSTEIN, Payoff.europeanCall(1, D));
        for (double eps : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mlmc.estimate(eps));
            assertTrue(e.getMessage().startsWith("epsilon = "), e.getMessage());
        }
        Sde twoD = Sde.builder(2, 2).drift((t, x, out) -> {
            out[0] = x[0];
            out[1] = x[1];
        }).diagonalDiffusion((t, x, out) -> {
            out[0] = x[0];
            out[1] = x[1];
        }).build();
        SdeProblem p2 = new SdeProblem(twoD, new double[] {1, 1}, 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Multilevel.of(p2, Coupling.EULER_MARUYAMA, Payoff.lookbackCall(1)));
        assertTrue(e.getMessage().startsWith("payoff = lookback-call"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Multilevel.of(p2, Coupling.MILSTEIN, Payoff.mean()));
        assertTrue(e.getMessage().contains("diffusion derivative"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Coupling.byName("rk4"));
        assertTrue(e.getMessage().startsWith("scheme = rk4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Levels(1, 1));
        assertThrows(IllegalArgumentException.class, () -> mlmc.levelRange(1, 5));
        assertEquals(NoiseStructure.DIAGONAL, twoD.noise());
    }

    @Test
    void aDiagonalTwoDimensionalSdeWorksWithEulerMaruyama() {
        double a = 0.05;
        double b = 0.3;
        Sde twoD = Sde.builder(2, 2).drift((t, x, out) -> {
            out[0] = a * x[0];
            out[1] = -x[1];
        }).diagonalDiffusion((t, x, out) -> {
            out[0] = b * x[0];
            out[1] = 0.5;
        }).build();
        SdeProblem p2 = new SdeProblem(twoD, new double[] {1, 2}, 0, 1);
        MultilevelResult r = Multilevel.of(p2, Coupling.EULER_MARUYAMA, Payoff.finalValue("x0 + x1", x -> x[0] + x[1]))
                .seed(2).estimate(2e-3);
        double exact = Math.exp(a) + 2 * Math.exp(-1);
        assertTrue(Math.abs(r.estimate() - exact) < 6e-3, r.estimate() + " vs " + exact + "\n" + r.table());
    }
}
