package org.sde4j.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;

class ConvergenceAssertionsTest {
    private static final TestProblem GBM = Problems.gbm();
    private static final Scheme EM = Schemes.byName("euler-maruyama");

    @Test
    void passesForTheDeclaredOrders() {
        ConvergenceResult r = ConvergenceAssertions.assertStrongOrder(GBM.problem(), GBM.requireSolution(),
                Schemes.byName("milstein"), 1.0, 0.1);
        assertEquals(ConvergenceAssertions.STRONG_PATHS, r.paths());
        ConvergenceAssertions.assertStrongOrder(GBM.problem(), GBM.requireSolution(), EM, 0.5, 0.1);
    }

    @Test
    void failsWithAReadableReportWhenTheOrderIsWrong() {
        AssertionError e = assertThrows(AssertionError.class, () -> ConvergenceAssertions.assertStrongOrder(
                GBM.problem(), GBM.requireSolution(), EM, 1.0, 0.1));
        String m = e.getMessage();
        assertTrue(m.matches("(?s)strong order of euler-maruyama: fitted order 0\\.[45]\\d\\d is outside.*"), m);
        assertTrue(m.contains("is outside 1.000 ± 0.100"), m);
        assertTrue(m.contains("dt") && m.contains("error") && m.contains("stderr") && m.contains("(95 %)"), m);
        assertEquals(5 + 4, m.lines().count(), m);
    }

    @Test
    void failsAsInconclusiveWhenTooFewPaths() {
        StrongError study = StrongError.of(GBM.problem(), EM).exact(GBM.requireSolution()).steps(2, 4, 8).paths(20)
                .seed(1);
        AssertionError e = assertThrows(AssertionError.class, () -> ConvergenceAssertions.assertOrder(study, 0.5, 0.05));
        assertTrue(e.getMessage().contains("inconclusive") || e.getMessage().contains("outside"), e.getMessage());
    }

    @Test
    void weakOrderOfEulerMaruyama() {
        double a = 1.01;
        ConvergenceResult r = ConvergenceAssertions.assertWeakOrder(GBM.problem(), GBM.requireSolution(), EM,
                Functional.component(0), 0.5 * Math.exp(a), 1.0, 0.1);
        assertEquals(ConvergenceAssertions.WEAK_PATHS, r.paths());
    }
}
