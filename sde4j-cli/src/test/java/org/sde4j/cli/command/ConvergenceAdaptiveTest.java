package org.sde4j.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sde4j.cli.JsonReader;
import org.sde4j.cli.MainTest;
import org.sde4j.cli.MainTest.Run;

/**
 * {@code sde4j convergence --adaptive}: tolerances halving from {@code --tolerance}, the study's numbers in JSON (the
 * core study's own, {@code AdaptiveConvergenceTest}), a table with both fits and a plot, and one-line refusals (exit 2)
 * of what does not apply to adaptive levels.
 */
class ConvergenceAdaptiveTest {
    @SuppressWarnings("unchecked")
    @Test
    void jsonHasTheTolerancesTheErrorsAndBothFits() {
        Run r = MainTest.run("convergence", "--problem", "gbm", "--scheme", "sriw1", "--adaptive", "--tolerance", "2e-2",
                "--levels", "3", "--paths", "1000", "--seed", "5", "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> json = JsonReader.object(r.out());
        assertEquals(Boolean.TRUE, json.get("adaptive"));
        assertEquals(List.of(0.02, 0.01, 0.005), json.get("tolerances"));
        List<Double> errors = (List<Double>) json.get("errors");
        // The core study's errors on these paths (AdaptiveConvergence.run, measured: 9.563e-3, 4.461e-3, 1.928e-3 at
        // 16.9, 27.5, 47.8 steps; the error at τ = 0.01 is AdaptiveEnsembleTest's). From τ = 0.1 the steps are too few
        // (8.7 to 14.7) for the asymptotic order: the fit there gave 1.77 [1.61, 1.94].
        assertEquals(9.563e-3, errors.get(0), 1e-6);
        assertEquals(4.461e-3, errors.get(1), 1e-6);
        assertTrue(errors.get(2) < errors.get(0), errors::toString);
        double low = (Double) json.get("stepOrderLow");
        double high = (Double) json.get("stepOrderHigh");
        assertTrue(low < 1.5 + 0.1 && high > 1.5 - 0.1, () -> "step order [" + low + ", " + high + "]");
        assertEquals(1.5, (Double) json.get("theoreticalOrder"));
    }

    @Test
    void theTableNamesBothFitsAndThePlotIsAPng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("adaptive.png");
        Run r = MainTest.run("convergence", "--adaptive", "--levels", "3", "--paths", "200", "--plot", png.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("slope of the error against τ") && r.out().contains("order against the mean step")
                && r.out().contains("sriw1's strong order 1.5"), r.out());
        assertTrue(Files.size(png) > 1000, "plot written");
    }

    @Test
    void whatDoesNotApplyIsRefusedInOneLine() {
        String[][] cases = {
            {"--tolerance", "1e-2"},
            {"--adaptive", "--kind", "weak"},
            {"--adaptive", "--coarsest", "8"},
            {"--adaptive", "--against", "reference"},
            {"--adaptive", "--problem", "logistic"},
            {"--adaptive", "--tolerance", "0"},
            {"--adaptive", "--levels", "2"},
        };
        String[] named = {"--tolerance", "--kind", "--coarsest", "--against", "exact", "--tolerance", "levels"};
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 3];
            args[0] = "convergence";
            args[1] = "--paths";
            args[2] = "50";
            System.arraycopy(cases[i], 0, args, 3, cases[i].length);
            Run r = MainTest.run(args);
            assertEquals(2, r.code(), String.join(" ", cases[i]) + ": " + r.err());
            assertTrue(r.err().contains(named[i]) && r.err().strip().lines().count() == 1,
                    String.join(" ", cases[i]) + ": " + r.err());
            assertEquals("", r.out(), "no output before the refusal");
        }
    }
}
