package org.sde4j.solver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every registered scheme has its strong, weak and classical orders checked from its own declaration
 * ({@link StrongConvergenceTest}, {@link WeakOrderTest}, {@link DeterministicOrderTest}, whose cases come from
 * {@link Schemes#all} through {@link OrderTestPlan}), or is excused in {@link OrderTestPlan} with a reason. A new
 * scheme with no fitting test problem fails here until someone writes the test or the excuse; an excuse for a
 * scheme that is no longer registered, or that a test now covers, fails too.
 */
class RegistryOrderCoverageTest {

    @Test
    void everySchemeIsTestedOrExcusedForEveryKindOfOrder() {
        List<String> missing = new ArrayList<>();
        for (Scheme s : Schemes.all()) {
            if (OrderTestPlan.strongProblems(s).isEmpty() && !OrderTestPlan.STRONG_EXCUSED.containsKey(s.name())) {
                missing.add(s.name() + ": no strong-order test problem fits, and no excuse");
            }
            if (!OrderTestPlan.weakTested(s) && !OrderTestPlan.WEAK_EXCUSED.containsKey(s.name())) {
                missing.add(s.name() + ": no weak-order test fits, and no excuse");
            }
            if (!OrderTestPlan.classicalTested(s) && !OrderTestPlan.CLASSICAL_EXCUSED.containsKey(s.name())) {
                missing.add(s.name() + ": no classical-order test fits, and no excuse");
            }
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    @Test
    void everyExcuseNamesARegisteredSchemeAndGivesAReason() {
        for (Map<String, String> excuses : List.of(OrderTestPlan.STRONG_EXCUSED, OrderTestPlan.WEAK_EXCUSED,
                OrderTestPlan.CLASSICAL_EXCUSED)) {
            excuses.forEach((name, reason) -> {
                assertTrue(Schemes.names().contains(name), "excuse for unregistered scheme " + name);
                assertFalse(reason.isBlank(), "excuse without a reason: " + name);
            });
        }
        OrderTestPlan.STRONG_PAIRS_EXCUSED.forEach((pair, reason) -> {
            String[] parts = pair.split(" / ");
            assertTrue(Schemes.names().contains(parts[0]) && OrderTestPlan.STRONG_PROBLEMS.contains(parts[1]),
                    "excuse for an unknown pair " + pair);
            assertFalse(reason.isBlank(), "excuse without a reason: " + pair);
        });
    }
}
