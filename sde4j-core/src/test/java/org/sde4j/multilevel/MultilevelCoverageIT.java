package org.sde4j.multilevel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sde4j.sde.SdeProblem;

/**
 * The coverage test of issue 29, an integration test (run by {@code mvn verify}) because it makes 1800 estimates:
 * several minutes of one core.
 */
class MultilevelCoverageIT {
    private static final GbmFormulas GBM = GbmFormulas.GILES;
    private static final double D = GBM.discount();

    /**
     * Coverage: over 200 seeded repetitions at ε = 10⁻³ the 95 % interval covers the closed form at least
     * 180 times, for each GBM functional and the nonlinear problem. Deterministic (fixed seeds 1 … 200; the results do
     * not depend on the thread count, so it uses every processor).
     */
    @Test
    void intervalsCoverTheClosedFormsAtLeast180TimesIn200() {
        record Case(Coupling coupling, Payoff payoff, SdeProblem problem, double exact) {
        }
        List<Case> cases = List.of(
                new Case(Coupling.MILSTEIN, Payoff.europeanCall(1, D), GBM.problem(), GBM.europeanCall(1)),
                new Case(Coupling.EULER_MARUYAMA, Payoff.europeanCall(1, D), GBM.problem(), GBM.europeanCall(1)),
                new Case(Coupling.MILSTEIN, Payoff.asianCall(1, D, true), GBM.problem(), GBM.geometricAsianCall(1)),
                new Case(Coupling.MILSTEIN, Payoff.lookbackCall(D), GBM.problem(), GBM.lookbackCall()),
                new Case(Coupling.MILSTEIN, Payoff.digitalCall(1, D), GBM.problem(), GBM.digitalCall(1)),
                new Case(Coupling.MILSTEIN, Payoff.mean(), Models.sinh(1, 1), Models.sinhMean(1, 1)));
        StringBuilder report = new StringBuilder();
        for (Case c : cases) {
            int covered = 0;
            for (int seed = 1; seed <= 200; seed++) {
                MultilevelResult r = Multilevel.of(c.problem(), c.coupling(), c.payoff()).seed(seed)
                        .threads(Runtime.getRuntime().availableProcessors()).estimate(1e-3);
                if (r.lower() <= c.exact() && c.exact() <= r.upper()) {
                    covered++;
                }
            }
            report.append(c.coupling()).append(' ').append(c.payoff()).append(": ").append(covered).append("/200\n");
            assertTrue(covered >= 180, c.coupling() + " " + c.payoff() + " covered " + covered + " of 200");
        }
        System.out.print(report);
    }

    /**
     * The intervals {@link Estimates#estimate} reports for the exact expectation (statistical ± bias bound) cover it
     * at least 180 times in 200 at ε = 10⁻³, for qmc and mlqmc on the GBM European call (Milstein) and for mlqmc on
     * the nonlinear sinh problem (qmc there spends ~2·10⁸ steps per run in its Monte Carlo pilot: left out for time).
     * Measured: 200/200 (qmc, call), 200/200 (mlqmc, call), 195/200 (mlqmc, sinh). 180 of 200 is the bar; at
     * the nominal 95 % its false-failure probability would be 1.2·10⁻³, at the 97.5 % measured on sinh 4·10⁻⁸ (below the
     * project's 10⁻⁶ from a true coverage of 97 % up). The intervals for the mean at the finest step alone (the old
     * ones) covered 2 and 1 in 100 (qmc, mlqmc) on the call: this test fails on them. About 3 minutes on a loaded
     * 2-core machine, nearly all of it mlqmc on sinh.
     */
    @Test
    void qmcIntervalsForTheExactExpectationCoverAtLeast180TimesIn200() {
        record Case(Estimates.Method method, Payoff payoff, SdeProblem problem, double exact) {
        }
        List<Case> cases = List.of(
                new Case(Estimates.Method.QMC, Payoff.europeanCall(1, D), GBM.problem(), GBM.europeanCall(1)),
                new Case(Estimates.Method.MLQMC, Payoff.europeanCall(1, D), GBM.problem(), GBM.europeanCall(1)),
                new Case(Estimates.Method.MLQMC, Payoff.mean(), Models.sinh(1, 1), Models.sinhMean(1, 1)));
        StringBuilder report = new StringBuilder();
        int threads = Runtime.getRuntime().availableProcessors();
        for (Case c : cases) {
            int covered = 0;
            for (int seed = 1; seed <= 200; seed++) {
                Estimates.Estimate e = Estimates.estimate(c.method(), c.problem(), Coupling.MILSTEIN, c.payoff(), 1e-3,
                        seed, threads, 20, Double.POSITIVE_INFINITY);
                if (e.lower() <= c.exact() && c.exact() <= e.upper()) {
                    covered++;
                }
            }
            report.append(c.method()).append(' ').append(c.payoff()).append(": ").append(covered).append("/200\n");
            assertTrue(covered >= 180, c.method() + " " + c.payoff() + " covered " + covered + " of 200");
        }
        System.out.print(report);
    }
}
