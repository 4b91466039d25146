package org.sde4j.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.Milstein;
import org.sde4j.solver.scheme.ReversibleHeun;
import org.sde4j.solver.scheme.RosslerSchemes;
import org.sde4j.solver.scheme.RungeKuttaScheme;
import org.sde4j.solver.scheme.RungeKuttaSchemes;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.scheme.WeakSchemes;

/**
 * Every registered scheme has its strong, weak and classical orders checked from its own declaration
 * ({@link StrongConvergenceTest}, {@link WeakOrderTest}, {@link DeterministicOrderTest}, whose cases come from
 * {@link Schemes#all} through {@link OrderTestPlan}), or is left out of a kind of test by one of {@link OrderTestPlan}'s
 * rules on its declarations, with the rule's reason. A new scheme that no strong test problem fits fails here until
 * a problem that fits it is added.
 */
class RegistryOrderCoverageTest {

    @Test
    void everySchemeIsTestedOrLeftOutByARuleForEveryKindOfOrder() {
        List<String> missing = new ArrayList<>();
        for (Scheme s : Schemes.all()) {
            if (OrderTestPlan.strongProblems(s).isEmpty() && OrderTestPlan.strongExcuse(s).isEmpty()) {
                missing.add(s.name() + ": no strong-order test problem fits (" + OrderTestPlan.STRONG_PROBLEMS
                        + "), and no rule leaves it out: add a problem with an exact solution that it supports");
            }
            if (OrderTestPlan.weakTested(s) == OrderTestPlan.weakExcuse(s).isPresent()) {
                missing.add(s.name() + ": weak test and weak excuse disagree");
            }
            if (OrderTestPlan.classicalTested(s) == OrderTestPlan.classicalExcuse(s).isPresent()) {
                missing.add(s.name() + ": classical test and classical excuse disagree");
            }
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    /** Each rule reads the declaration it names: spot checks on schemes of each kind. */
    @Test
    void theRulesReadTheSchemesDeclarations() {
        assertTrue(OrderTestPlan.strongExcuse(WeakSchemes.WEAK_EULER).orElseThrow().contains("two-point"));
        assertTrue(OrderTestPlan.strongExcuse(RungeKuttaSchemes.RK4).orElseThrow().startsWith("ODE-only"));
        assertTrue(OrderTestPlan.weakExcuse(ReversibleHeun.INSTANCE).orElseThrow().contains("auxiliary state"));
        assertTrue(OrderTestPlan.weakExcuse(RosslerSchemes.SRA1).orElseThrow().contains("supports additive"));
        for (Scheme s : List.of(RosslerSchemes.SRIW1, EulerMaruyama.INSTANCE, Milstein.ITO)) {
            assertTrue(OrderTestPlan.strongExcuse(s).isEmpty() && OrderTestPlan.weakExcuse(s).isEmpty()
                    && OrderTestPlan.classicalExcuse(s).isEmpty(), s.name());
        }
        assertEquals(List.of("additive"), OrderTestPlan.strongProblems(RosslerSchemes.SRA3).stream().map(p -> p.name())
                .toList());
    }

    /**
     * A new scheme is its constant (and a registry line): the order tests need no name of it. An SRI scheme built
     * from SRIW1's coefficients under a new name gets every strong problem, the additive one included (the band of
     * a drift-dominated problem, where SRIW1 shows 2.00, not an excuse keyed by name), the weak and the classical
     * test, and passes the strong test on additive.
     */
    @Test
    void aNewSchemeNeedsNoNameInTheTests() {
        Scheme fresh = RungeKuttaScheme.of("sri-new", "SRIW1's coefficients under another name",
                java.util.EnumSet.of(org.sde4j.sde.NoiseStructure.SCALAR, org.sde4j.sde.NoiseStructure.DIAGONAL,
                        org.sde4j.sde.NoiseStructure.ADDITIVE),
                Orders.strong(1.5).weak(2.0).classical(2.0), RosslerSchemes.SRIW1_TABLEAU);
        assertEquals(List.of("gbm", "cubic", "wave", "additive"),
                OrderTestPlan.strongProblems(fresh).stream().map(p -> p.name()).toList());
        assertTrue(OrderTestPlan.weakTested(fresh) && OrderTestPlan.classicalTested(fresh));
        StrongConvergenceTest.check(fresh, "additive");
    }
}
