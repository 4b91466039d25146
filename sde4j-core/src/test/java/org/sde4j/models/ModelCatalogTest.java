package org.sde4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.models.mc.PathAverages;

/** Every catalogued case's Monte Carlo estimate falls within 5 standard errors (plus its bias budget) of its reference. */
class ModelCatalogTest {
    @Test
    void everyCaseMatchesItsReference() {
        for (ModelCatalog.ModelCase c : ModelCatalog.cases()) {
            PathAverages r = c.job().apply(40_000).seed(77).threads(2).run();
            double estimate = r.mean(c.valueIndex());
            double se = r.standardError(c.valueIndex());
            // Discretisation bias budget: 0.5 % of the reference (the barrier at 64 steps and Heston at Δ = 1/8
            // are the largest, measured at ~0.1 %).
            assertEquals(c.reference(), estimate, 5 * se + 0.005 * Math.abs(c.reference()), c.name() + ": " + r);
        }
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelCatalog.byName("sabr"));
        assertTrue(e.getMessage().startsWith("model = sabr") && e.getMessage().contains("heston"), e.getMessage());
    }
}
