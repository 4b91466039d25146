package org.sde4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sde4j.cli.MainTest.Run;
import org.sde4j.models.ModelCatalog;

/**
 * {@code solve --model/--jumps/--barrier} end to end: the estimate against the reference in text and JSON, the
 * scheme and steps as keys, one-line refusals (exit 2) naming the option and the parameter, a failing standard
 * output, and the models' section of {@code tour}.
 */
class SolveModelTest {
    private static final List<String> JSON_KEYS = List.of("model", "spec", "jumps", "barrier", "description",
            "quantity", "paths", "seed", "estimate", "stderr", "reference", "referenceError", "referenceSource",
            "deviation", "covered99", "threads", "seconds");

    @Test
    void mertonByJumpsOnGbmMatchesTheSeriesInText() {
        Run r = MainTest.run("solve", "--model", "gbm", "--jumps", "merton:lambda=1,mu=-0.1,delta=0.15", "--paths",
                "20000", "--seed", "3", "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("reference 12.7613   Merton (1976) series"), r.out());
        assertTrue(r.out().contains("the 99 % interval covers the reference"), r.out());
        assertTrue(r.out().contains("32 steps"), r.out());
        assertFalse(r.out().contains("NaN"), r.out());
    }

    @Test
    void jsonIsOneObjectWithTheEstimateWithinFourStandardErrors() {
        for (String[] args : List.of(new String[] {"--model", "cir"},
                new String[] {"--model", "gbm:sigma=0.3", "--barrier", "down-and-out:level=90", "--steps", "64"},
                new String[] {"--model", "heston:r=0.05,kappa=2,sigma=0.5,rho=-0.7,t=1", "--jumps", "merton",
                    "--steps", "16"},
                new String[] {"--model", "vg:theta=-0.1"})) {
            String[] all = new String[args.length + 7];
            System.arraycopy(new String[] {"solve", "--json", "--paths", "20000", "--seed", "5", "--threads"}, 0, all,
                    0, 7);
            System.arraycopy(args, 0, all, 7, args.length);
            String[] withThreads = java.util.Arrays.copyOf(all, all.length + 1);
            System.arraycopy(all, 7, withThreads, 8, args.length);
            withThreads[7] = "2";
            Run r = MainTest.run(withThreads);
            assertEquals(0, r.code(), r.err());
            assertEquals(1, r.outLines().size(), r.out());
            Map<String, Object> json = JsonReader.object(r.out());
            List<String> expected = JSON_KEYS.stream().filter(json::containsKey).toList();
            assertEquals(expected, List.copyOf(json.keySet()), "keys in order");
            assertTrue(json.keySet().containsAll(List.of("estimate", "stderr", "reference", "covered99")), r.out());
            double dev = ((Double) json.get("estimate") - (Double) json.get("reference")) / (Double) json.get("stderr");
            assertTrue(Math.abs(dev) < 4, r.out());
        }
    }

    @Test
    void theSameSeedGivesTheSameBitsForAnyThreadCount() {
        List<Object> estimates = new java.util.ArrayList<>();
        for (String threads : new String[] {"1", "2", "3"}) {
            Run r = MainTest.run("solve", "--model", "kou", "--paths", "5000", "--seed", "9", "--threads", threads,
                    "--json");
            assertEquals(0, r.code(), r.err());
            Map<String, Object> json = JsonReader.object(r.out());
            estimates.add(List.of(json.get("estimate"), json.get("stderr")));
        }
        assertEquals(1, estimates.stream().distinct().count(), estimates.toString());
    }

    @Test
    void theStepsOptionSetsTheModelsSteps() {
        Run r = MainTest.run("solve", "--model", "merton", "--steps", "8", "--paths", "200", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("jump-adapted Milstein, 8 steps"), r.out());
        assertTrue(r.out().contains("--model merton:steps=8"), r.out());
    }

    @Test
    void badInputIsOneLineNamingTheOptionAndTheParameter() {
        refused("--jumps = 'merton:lambda=-1': lambda = -1: a jump intensity must be >= 0",
                "--model", "gbm", "--jumps", "merton:lambda=-1");
        refused("--barrier = 'down-and-out:level=110': level = 110: a down-and-out barrier must lie below s0 = 100",
                "--model", "gbm", "--barrier", "down-and-out:level=110");
        refused("--barrier = 'up-and-out:level=95': level = 95: an up-and-out barrier must lie above s0 = 100",
                "--model", "gbm", "--barrier", "up-and-out:level=95");
        refused("--model = 'heston:rho=1.5': rho = 1.5: a correlation must lie in [-1, 1]", "--model", "heston:rho=1.5");
        refused("--model = 'heston:kappa=0': kappa = 0.0: must be positive", "--model", "heston:kappa=0");
        refused("--model = 'heston:sigma=1e-4,rho=0,kappa=1': the Fourier integral of the reference price did not"
                + " converge", "--model", "heston:sigma=1e-4,rho=0,kappa=1");
        refused("--jumps = 'kou:eta1=0.9': eta1 = 0.9: E[exp(ξ)] of double-exponential marks is infinite", "--model",
                "gbm", "--jumps", "kou:eta1=0.9");
        refused("--model = 'merton:lamda=2': unknown key 'lamda'", "--model", "merton:lamda=2");
        refused("--model = 'sabr': unknown model; the models are gbm, merton, kou, heston, bates", "--model", "sabr");
        refused("--scheme: not with --model", "--model", "merton", "--scheme", "milstein");
        refused("--dt: not with --model", "--model", "merton", "--dt", "0.1");
        refused("--steps = 8: the steps are already in --model = 'merton:steps=4'", "--model", "merton:steps=4",
                "--steps", "8");
        refused("--jumps: needs --model", "--problem", "gbm", "--jumps", "merton");
        refused("--model = 'merton': give --problem or --model, not both", "--problem", "gbm", "--model", "merton");
        refused("--problem: missing", "--paths", "10");
        refused("--barrier = 'down-and-out:level=90': a barrier applies to --model gbm only", "--model", "heston",
                "--barrier", "down-and-out:level=90");
        refused("--paths = 1: the standard error needs at least 2 paths", "--model", "cir", "--paths", "1");
    }

    private static void refused(String expected, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "solve";
        System.arraycopy(args, 0, all, 1, args.length);
        Run r = MainTest.run(all);
        assertEquals(2, r.code(), String.join(" ", all) + "\n" + r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("sde4j solve: " + expected), "expected '" + expected + "…'\n got " + r.err());
        assertEquals("", r.out());
    }

    /** An output stream that fails every write, as {@code > /dev/full} does. */
    private static final class Full extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }
    }

    @Test
    void aFailingStandardOutputExitsNonZeroAndSaysSo() {
        for (String flag : new String[] {"--json", "--threads"}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String[] args = flag.equals("--json")
                    ? new String[] {"solve", "--model", "cir", "--paths", "100", "--json"}
                    : new String[] {"solve", "--model", "merton", "--paths", "100", "--threads", "1"};
            int code = Main.run(new PrintStream(new Full(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), args);
            String message = err.toString(StandardCharsets.UTF_8);
            assertNotEquals(0, code, message);
            assertTrue(message.contains("could not write to standard output"), message);
            assertFalse(message.contains("\tat "), message);
        }
    }

    @Test
    void listShowsEveryModelWithItsReference() {
        Run r = MainTest.run("list");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Models (solve --model NAME"), r.out());
        for (String name : ModelCatalog.models()) {
            String reference = String.format(java.util.Locale.ROOT, "%.6g", ModelCatalog.of(name).reference());
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + " ") && l.contains(reference)),
                    name + " " + reference + "\n" + r.out());
        }
    }

    @Test
    void tourShowsEveryModelCase() {
        Run r = MainTest.run("tour", "--paths", "400", "--strong-paths", "20", "--steps", "4", "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Models: jumps, stochastic volatility"), r.out());
        for (ModelCatalog.ModelCase c : ModelCatalog.cases()) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(c.name() + " ") && l.matches(".*\\s(yes|NO)\\s.*")),
                    c.name() + "\n" + r.out());
        }
        assertFalse(r.out().contains("NaN"), r.out());
    }
}
