package org.sde4j.cli;

import org.sde4j.cli.experiment.HighamExperiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Higham's (2001) experiments, run through {@code sde4j convergence --experiment NAME} with the paper's
 * settings and seed 1 (deterministic): the fitted order is within 0.1 of theory — tighter than the
 * anchors' 0.2 — and its 95 % interval contains the theoretical order.
 */
class HighamReproductionTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"emstrong", "emweak", "emweak-two-point", "milstrong"})
    void fittedOrderMatchesTheory(String experiment) {
        MainTest.Run r = MainTest.run("convergence", "--experiment", experiment, "--seed", "1", "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> j = JsonReader.object(r.out());
        HighamExperiments e = HighamExperiments.byName(experiment);
        double order = (Double) j.get("order");
        assertEquals(experiment, j.get("experiment"));
        assertEquals((double) e.paths(), j.get("paths"));
        assertEquals(e.theory(), (Double) j.get("theoreticalOrder"));
        assertEquals(e.theory(), order, 0.1, r.out());
        assertTrue((Double) j.get("orderLow") <= e.theory() && e.theory() <= (Double) j.get("orderHigh"), r.out());
    }
}
