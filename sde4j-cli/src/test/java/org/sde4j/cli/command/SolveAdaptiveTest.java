package org.sde4j.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sde4j.cli.JsonReader;
import org.sde4j.cli.MainTest;
import org.sde4j.cli.MainTest.Run;

/**
 * {@code sde4j solve --adaptive}: the step counts in text and JSON, the mean of gbm within 4 standard errors of
 * {@code X0 e^{a}}, the same bits for 1 and 2 threads, and one-line errors (exit 2) naming the option for bad
 * tolerances and conflicting options.
 */
class SolveAdaptiveTest {
    private static final String[] BASE = {"solve", "--problem", "gbm", "--scheme", "sriw1", "--adaptive", "--paths",
        "4000", "--seed", "7"};

    private static Run run(String... extra) {
        String[] args = new String[BASE.length + extra.length];
        System.arraycopy(BASE, 0, args, 0, BASE.length);
        System.arraycopy(extra, 0, args, BASE.length, extra.length);
        return MainTest.run(args);
    }

    @SuppressWarnings("unchecked")
    @Test
    void jsonHasTheToleranceAndTheStepCountsAndTheExactMean() {
        Run r = run("--atol", "1e-2", "--rtol", "1e-2", "--json", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.outLines().size(), r.out());
        Map<String, Object> json = JsonReader.object(r.out());
        assertEquals(List.of("problem", "scheme", "atol", "rtol", "driftControl", "steps", "paths", "seed", "t1", "mean",
                "std",
                "stderr", "exactMean", "threads", "seconds"), List.copyOf(json.keySet()));
        assertEquals(1e-2, (Double) json.get("atol"));
        assertEquals(Boolean.FALSE, json.get("driftControl"));
        Map<String, Object> steps = (Map<String, Object>) json.get("steps");
        Map<String, Object> accepted = (Map<String, Object>) steps.get("accepted");
        double mean = (Double) accepted.get("mean");
        assertTrue(mean > 10 && (Double) accepted.get("max") >= mean, json.toString());
        assertTrue((Double) steps.get("smallestStep") > 0 && (Double) steps.get("smallestStep") < 1, json.toString());
        assertTrue(((Map<String, Object>) steps.get("rejected")).containsKey("max"), json.toString());
        double se = (Double) json.get("stderr");
        assertEquals(0.5 * Math.exp(1.01), (Double) json.get("exactMean"), 1e-12);
        assertTrue(Math.abs((Double) json.get("mean") - (Double) json.get("exactMean")) < 4 * se, json.toString());
        Run two = run("--atol", "1e-2", "--rtol", "1e-2", "--json", "--threads", "2");
        assertEquals(json.get("mean"), JsonReader.object(two.out()).get("mean"));
        assertEquals(json.get("steps"), JsonReader.object(two.out()).get("steps"));
    }

    @Test
    void textReportsTheStepsLine() {
        Run r = run("--atol", "1e-2", "--rtol", "1e-2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("grid      adaptive, atol = 0.01, rtol = 0.01, on [0.0, 1.0]"), r.out());
        assertTrue(r.outLines().stream().anyMatch(l -> l.matches("steps     accepted per path mean [0-9.]+, max \\d+;"
                + " rejected per path mean [0-9.]+, max \\d+; smallest step [0-9.e-]+")), r.out());
    }

    /**
     * {@code --drift-control}: each step chosen from the drift alone, before its noise is drawn, so Euler–Maruyama
     * (refused without it on GBM) steps adaptively and converges: at 10⁻⁴ its first-order drift bias (about −0.0095)
     * is within the run's 5 standard errors (0.0097).
     */
    @Test
    void driftControlLetsEulerMaruyamaStepAdaptively() {
        Run r = MainTest.run("solve", "--problem", "gbm", "--adaptive", "--drift-control", "--atol", "1e-4", "--rtol",
                "1e-4", "--paths", "20000", "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> json = JsonReader.object(r.out());
        assertEquals("euler-maruyama", json.get("scheme"));
        assertEquals(Boolean.TRUE, json.get("driftControl"));
        assertEquals((Double) json.get("exactMean"), (Double) json.get("mean"), 5 * (Double) json.get("stderr"),
                json.toString());
    }

    @Test
    void badTolerancesAndConflictsAreOneLineErrorsNamingTheOption() {
        expectUsage(run("--atol", "0"), "sde4j solve: --atol = 0: must be a positive finite number");
        expectUsage(run("--rtol", "-1e-3"), "sde4j solve: --rtol = -0.001: must be a positive finite number");
        expectUsage(run("--rtol", "NaN"), "sde4j solve: --rtol = NaN: must be a positive finite number");
        expectUsage(run("--steps", "10"), "sde4j solve: --adaptive chooses the steps by --atol/--rtol: give it"
                + " without --steps");
        expectUsage(MainTest.run("solve", "--problem", "gbm", "--atol", "1e-3"), "sde4j solve: --atol needs"
                + " --adaptive");
        expectUsage(run("--max-steps", "0"), "sde4j solve: --max-steps = 0: must be at least 1");
        expectUsage(MainTest.run("solve", "--problem", "gbm", "--max-steps", "10"), "sde4j solve: --max-steps needs"
                + " --adaptive");
        // The default scheme, Euler–Maruyama, is of strong order ½ on GBM's multiplicative noise: refused, before any
        // path runs, naming --scheme (AdaptiveStrongOrderTest shows the bias it would give).
        expectUsage(MainTest.run("solve", "--problem", "gbm", "--adaptive"), "sde4j solve: --scheme euler-maruyama:"
                + " strong order 0.5 on scalar noise; --adaptive needs strong order 1 or more");
        expectUsage(MainTest.run("solve", "--problem", "gbm", "--drift-control"), "sde4j solve: --drift-control needs"
                + " --adaptive");
        expectUsage(MainTest.run("convergence", "--problem", "gbm", "--scheme", "auto-sosri2", "--adaptive"),
                "sde4j convergence: --scheme auto-sosri2: strong order 0.5 on scalar noise on some steps; --adaptive"
                        + " needs strong order 1 or more");
    }

    @Test
    void tooStrictAToleranceStopsAtTheStepLimitInOneLine() {
        // Milstein by step doubling at 10⁻⁹ would take about 10⁹ steps per path; the limit stops it at once.
        Run r = MainTest.run("solve", "--problem", "gbm", "--scheme", "milstein", "--adaptive", "--atol", "1e-9",
                "--rtol", "1e-9", "--paths", "4", "--max-steps", "20000");
        assertTrue(r.code() != 0, r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("sde4j solve: step failed at t = "), r.err());
        assertTrue(r.err().contains("4 of 4 paths failed; the first: step failed at t = "), r.err());
        assertTrue(r.err().contains("(path 0): the path took 20000 steps ("), r.err());
        assertTrue(r.err().contains("ask for steps of about "), r.err());
        assertTrue(r.err().contains("raise maxSteps (--max-steps)"), r.err());
        assertEquals("", r.out());
    }

    private static void expectUsage(Run r, String start) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith(start), r.err());
        assertEquals("", r.out());
    }
}
