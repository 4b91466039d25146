package org.sde4j.multilevel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sde4j.sde.SdeProblem;

/**
 * The coverage test of issue 29, an integration test (run by {@code mvn verify}) because it makes 1200 estimates:
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

}
