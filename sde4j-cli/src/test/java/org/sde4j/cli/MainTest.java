package org.sde4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.sde4j.problems.PreparedProblem;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.SolveDivergedException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The command line end to end through {@link Main#run(PrintStream, PrintStream, String...)}. Monte Carlo
 * checks use fixed seeds, so they are deterministic.
 */
public class MainTest {
    private static final List<String> JSON_KEYS = List.of("problem", "scheme", "steps", "paths", "seed", "t1", "mean",
            "std", "stderr", "exactMean", "threads", "seconds");

    /** What a run printed, and its exit code. */
    public record Run(int code, String out, String err) {
        public List<String> outLines() {
            return out.lines().toList();
        }

        public List<String> errLines() {
            return err.lines().toList();
        }
    }

    public static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> solveJson(String... extra) {
        String[] base = {"solve", "--json", "--paths", "20000", "--seed", "42", "--steps", "200"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        Run r = run(args);
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.outLines().size(), "exactly one line: " + r.out());
        return JsonReader.object(r.out());
    }

    private static double number(Map<String, Object> json, String key) {
        return (Double) json.get(key);
    }

    @Test
    void listShowsEveryProblemAndScheme() {
        Run r = run("list");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        for (String name : Problems.names()) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + " ")), "problem " + name + "\n" + r.out());
        }
        for (String name : Schemes.names()) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + " ")), "scheme " + name + "\n" + r.out());
        }
        assertTrue(r.out().contains("0.5 (additive: 1.0)"), "Euler–Maruyama's orders\n" + r.out());
    }

    @Test
    void solveJsonIsOneObjectWithKeysInOrderAndAMeanWithinFourStandardErrors() {
        Map<String, Object> json = solveJson("--problem", "gbm", "--scheme", "milstein");
        assertEquals(JSON_KEYS, List.copyOf(json.keySet()));
        assertEquals("gbm", json.get("problem"));
        assertEquals("milstein", json.get("scheme"));
        assertEquals(200.0, number(json, "steps"));
        assertEquals(20000.0, number(json, "paths"));
        assertEquals(42.0, number(json, "seed"));
        assertEquals(1.0, number(json, "t1"));
        assertEquals(0.5 * Math.exp(1.01), number(json, "exactMean"), 1e-12);
        double se = number(json, "stderr");
        assertEquals(number(json, "std") / Math.sqrt(20000), se, 1e-3 * se);
        assertTrue(Math.abs(number(json, "mean") - number(json, "exactMean")) < 4 * se, json.toString());
        assertTrue(number(json, "seconds") > 0);
    }

    @Test
    void sameSeedGivesTheSameMeanOnOneAndTwoThreads() {
        Map<String, Object> one = solveJson("--problem", "gbm", "--threads", "1");
        Map<String, Object> two = solveJson("--problem", "gbm", "--threads", "2");
        assertEquals(one.get("mean"), two.get("mean"));
        assertEquals(one.get("std"), two.get("std"));
    }

    @Test
    void stratonovichSchemeSolvesTheConvertedProcess() {
        Map<String, Object> json = solveJson("--problem", "gbm", "--scheme", "milstein-strat");
        double se = number(json, "stderr");
        assertTrue(Math.abs(number(json, "mean") - number(json, "exactMean")) < 4 * se, json.toString());

        Run readable = run("solve", "--problem", "gbm", "--scheme", "milstein-strat", "--paths", "2000", "--steps", "50");
        assertEquals(0, readable.code(), readable.err());
        assertTrue(readable.out().contains("solved in Stratonovich form of the same process"), readable.out());
    }

    @Test
    void readableSummaryComparesWithTheExactMean() {
        Run r = run("solve", "--problem", "ou", "--dt", "0.25", "--paths", "2000", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 steps (dt = 0.25)"), r.out());
        assertTrue(r.out().contains("deviation"), r.out());
        assertTrue(r.out().contains("paths/s"), r.out());
    }

    @Test
    void unknownSchemeIsAUsageErrorNamingTheValidSchemes() {
        Run r = run("solve", "--problem", "gbm", "--scheme", "runge-kutta-9");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("runge-kutta-9"), r.err());
        for (String name : Schemes.names()) {
            assertTrue(r.err().contains(name), r.err());
        }
    }

    @Test
    void unknownProblemIsAUsageErrorNamingTheValidProblems() {
        Run r = run("solve", "--problem", "lorenz");
        assertEquals(2, r.code());
        assertEquals(1, r.errLines().size(), r.err());
        for (String name : Problems.names()) {
            assertTrue(r.err().contains(name), r.err());
        }
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("solve", "--problem", "gbm", "--stepz", "10");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.errLines().get(0).contains("--stepz"), r.err());
        assertTrue(r.err().contains("valid options:") && r.err().contains("--steps"), r.err());
        assertTrue(r.errLines().size() <= 2, r.err());
    }

    @Test
    void unknownCommandIsAUsageErrorNamingTheCommands() {
        Run r = run("solev");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("valid commands: list, solve, tour"), r.err());
        assertTrue(r.errLines().get(0).contains("solev"), r.err());
    }

    @Test
    void missingCommandIsAUsageError() {
        Run r = run();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Usage: sde4j"), r.err());
    }

    @Test
    void nonPositiveStepsIsAUsageErrorThatNamesSteps() {
        Run r = run("solve", "--problem", "gbm", "--steps", "0");
        assertEquals(2, r.code());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("steps = 0"), r.err());
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void stepsAndDtAreMutuallyExclusive() {
        Run r = run("solve", "--problem", "gbm", "--steps", "10", "--dt", "0.1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("mutually exclusive"), r.err());
    }

    @Test
    void nonPositivePathsAndThreadsAreUsageErrors() {
        assertEquals(2, run("solve", "--problem", "gbm", "--paths", "0").code());
        Run r = run("solve", "--problem", "gbm", "--threads", "-1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("threads = -1"), r.err());
    }

    @Test
    void helpWorksOnEveryCommand() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"list", "--help"},
                new String[] {"solve", "--help"}, new String[] {"tour", "--help"}, new String[] {"convergence", "--help"},
                new String[] {"help", "solve"})) {
            Run r = run(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: sde4j"), r.out());
        }
        assertTrue(run("solve", "--help").out().contains("gbm, ou, cubic, wave, additive"));
        assertEquals(0, run("--version").code());
        // Every subcommand answers --help and -h with its own usage (train and notebooks once refused them).
        for (Class<?> c : Main.SUBCOMMANDS) {
            String name = c.getAnnotation(Command.class).name();
            if (c == CommandLine.HelpCommand.class) {
                continue;
            }
            for (String flag : List.of("--help", "-h")) {
                Run r = run(name, flag);
                assertEquals(0, r.code(), name + " " + flag + ": " + r.err());
                assertTrue(r.out().startsWith("Usage: sde4j " + name), name + " " + flag + ": " + r.out());
            }
        }
    }

    @Test
    void quickTourHasARowForEverySupportedPair() {
        Run r = run("tour", "--quick");
        assertEquals(0, r.code(), r.err());
        int rows = 0;
        int weak = 0;
        for (TestProblem problem : Problems.all()) {
            for (Scheme scheme : Schemes.all()) {
                PreparedProblem prepared;
                try {
                    prepared = PreparedProblem.of(problem, scheme);
                } catch (IllegalArgumentException notConvertible) {
                    continue;
                }
                if (!Schemes.supports(scheme, prepared.sde())) {
                    continue;
                }
                rows++;
                weak += scheme.drivingNoise() != null ? 1 : 0;
                String prefix = problem.name() + " ";
                String schemeCell = " " + scheme.name() + (prepared.converted() ? " * " : "  ");
                assertTrue(r.out().lines().anyMatch(l -> l.startsWith(prefix) && l.contains(schemeCell)),
                        problem.name() + " × " + scheme.name() + "\n" + r.out());
            }
        }
        assertTrue(rows >= Problems.all().size(), "every problem has a scheme");
        assertTrue(r.out().contains(rows + " supported pairs"), r.out());
        assertTrue(r.out().contains("bin/sde4j list"), r.out());
        assertTrue(r.out().contains("fitted order [95 %]"), r.out());
        // The adaptive and stiff part: adaptive rows with step counts, SK-ROCK's heat check against the exact variance.
        assertTrue(r.out().lines().anyMatch(l -> l.matches("gbm +sriw1 +0\\.01 .*\\d+\\.\\d \\(\\d+\\) .*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("Stiff: stochastic heat equation, d = 32")
                && l.contains("against exact 0.00126147 (dev/se ")), r.out());
        long fitted = r.out().lines().filter(l -> l.matches(".*\\d\\.\\d{3,6} \\[-?\\d\\.\\d{3,6}, -?\\d\\.\\d{3,6}\\].*")).count();
        assertEquals(rows - weak, fitted, "one fitted order per pair, weak schemes aside\n" + r.out());
        // Not a terminal: the progress bar prints one final line and nothing else.
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("100% " + rows + "/" + rows), r.err());
    }

    /** A command that throws what it is given, to check how failures map to exit codes. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        private final Exception failure;

        Boom(Exception failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            throw failure;
        }
    }

    private static Run runBoom(Exception failure) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err);
        CommandLine cl = Main.commandLine(o, e);
        cl.addSubcommand("boom", new CommandLine(new Boom(failure)));
        cl.setOut(o); // again, so that the added subcommand writes there too
        cl.setErr(e);
        int code = cl.execute("boom");
        e.flush();
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aDivergedSolveExitsWithOneAndOneLine() {
        Run r = runBoom(new SolveDivergedException(0.5, 12, 7, new double[] {Double.NaN}));
        assertEquals(1, r.code());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("sde4j boom: solve diverged at t = 0.5 (step 12, path 7)"), r.err());
    }

    @Test
    void aWrappedRunFailureNamesItsCauseOnOneLine() {
        Run r = runBoom(new IllegalStateException("a path worker failed unexpectedly", new ArithmeticException("x")));
        assertEquals(1, r.code());
        assertEquals(List.of("sde4j boom: a path worker failed unexpectedly (java.lang.ArithmeticException: x)"),
                r.errLines());
    }

    @Test
    void badInputFromTheLibraryExitsWithTwoAndOneLine() {
        Run r = runBoom(new IllegalArgumentException("dt = -1.0: must be finite\nand > 0"));
        assertEquals(2, r.code());
        assertEquals(List.of("sde4j boom: dt = -1.0: must be finite and > 0"), r.errLines());
    }

    @Test
    void anUnexpectedExceptionIsAnInternalErrorWithItsStackTrace() {
        Run r = runBoom(new ArithmeticException("bug"));
        assertEquals(1, r.code());
        assertTrue(r.errLines().get(0).startsWith("sde4j boom: internal error: java.lang.ArithmeticException: bug"), r.err());
        assertTrue(r.err().contains("\tat "), "stack trace: " + r.err());
    }

    @Test
    void aRunOfOneCommandBuildsOnlyThatCommandAndPrintsTheSameHelp() {
        StringWriter lazy = new StringWriter();
        StringWriter full = new StringWriter();
        CommandLine one = Main.commandLine(new PrintWriter(lazy), new PrintWriter(new StringWriter()), "solve");
        CommandLine all = Main.commandLine(new PrintWriter(full), new PrintWriter(new StringWriter()));
        assertEquals(List.of("solve"), List.copyOf(one.getSubcommands().keySet()));
        assertEquals(Main.SUBCOMMANDS.size(), all.getSubcommands().size());
        assertEquals(0, one.execute("solve", "--help"));
        assertEquals(0, all.execute("solve", "--help"));
        assertEquals(full.toString(), lazy.toString());
        assertTrue(lazy.toString().startsWith("Usage: sde4j solve"), lazy.toString());
    }

    @Test
    void helpAndUnknownCommandsSeeEveryCommand() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        assertEquals(Main.SUBCOMMANDS.size(), Main.commandLine(sink, sink, "help").getSubcommands().size());
        assertEquals(Main.SUBCOMMANDS.size(), Main.commandLine(sink, sink, "nosuch").getSubcommands().size());
    }
}
