package org.sde4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sde4j.multilevel.GbmFormulas;

/**
 * {@code sde4j estimate} end to end on Giles' GBM (r = 0.05, σ = 0.2, S₀ = K = T = 1): the multilevel interval
 * covers the Black–Scholes value, {@code --json} carries the fields and does not depend on the thread count,
 * {@code mc} reports the step and the paths it chose, an unmet tolerance says so, and bad input is one line naming
 * the option with exit code 2.
 */
class EstimateCommandTest {
    private static final GbmFormulas GILES = GbmFormulas.GILES;
    /** The discounted call, so that the closed form is Black–Scholes itself: 0.1045058. */
    private static final String CALL = "european-call:strike=1,discount=" + GILES.discount();

    @Test
    void multilevelIntervalCoversBlackScholes() {
        MainTest.Run r = MainTest.run("estimate", "--problem", "gbm", "--functional", CALL, "--tol", "1e-3",
                "--method", "mlmc", "--seed", "3", "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("converged: the tolerance was met"), r.out());
        assertTrue(r.out().contains("level  steps"), r.out());
        String interval = r.outLines().stream().filter(l -> l.startsWith("interval")).findFirst().orElseThrow();
        String[] ends = interval.substring(interval.indexOf('[') + 1, interval.indexOf(']')).split(", ");
        double exact = GILES.europeanCall(1);
        assertEquals(0.1045058, exact, 1e-7);
        assertTrue(Double.parseDouble(ends[0]) < exact && exact < Double.parseDouble(ends[1]), interval);
        assertTrue(Double.parseDouble(ends[1]) - Double.parseDouble(ends[0]) < 4 * 1e-3, interval);
    }

    @Test
    void jsonHasTheFieldsAndTheSameBitsForAnyThreadCount() {
        Map<String, Object> one = json("--threads", "1");
        Map<String, Object> two = json("--threads", "2");
        for (String key : List.of("method", "estimate", "standardError", "lower", "upper", "interval",
                "statisticalHalfWidth", "biasBound", "steps", "paths", "cost",
                "seconds", "converged", "message", "alpha", "beta", "gamma", "levelSamples", "levelMeans",
                "levelVariances", "levelVariancesP")) {
            assertTrue(one.containsKey(key), key + " in " + one);
        }
        assertEquals("mlmc", one.get("method"));
        assertEquals(Boolean.TRUE, one.get("converged"));
        double exact = GILES.europeanCall(1);
        assertTrue(((Number) one.get("lower")).doubleValue() < exact && exact < ((Number) one.get("upper")).doubleValue(),
                one.toString());
        one.remove("seconds");
        two.remove("seconds");
        assertEquals(one.toString(), two.toString());
    }

    private static Map<String, Object> json(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("estimate", "--problem", "gbm", "--functional", CALL,
                "--tol", "2e-3", "--seed", "5", "--json"));
        args.addAll(List.of(extra));
        MainTest.Run r = MainTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.outLines().size(), r.out());
        return new java.util.TreeMap<>(JsonReader.object(r.out()));
    }

    @Test
    void monteCarloSaysWhatItChoseAndAnUnmetToleranceSaysSo() {
        MainTest.Run mc = MainTest.run("estimate", "--problem", "gbm", "--tol", "2e-3", "--method", "mc", "--seed", "1",
                "--threads", "1");
        assertEquals(0, mc.code(), mc.err());
        assertTrue(mc.out().contains("mc chose ") && mc.out().contains(" paths (2 Var(P)/ε²)"), mc.out());
        MainTest.Run capped = MainTest.run("estimate", "--problem", "gbm", "--tol", "1e-4", "--method", "mc",
                "--max-level", "2", "--threads", "1");
        assertEquals(0, capped.code(), capped.err());
        assertTrue(capped.out().contains("NOT converged: the bias test failed at the maximum level 2"), capped.out());
    }

    @Test
    void plotHasFourPanels(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("giles.png");
        MainTest.Run r = MainTest.run("estimate", "--problem", "gbm", "--tol", "5e-3", "--threads", "1", "--plot",
                png.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("plot      " + png), r.out());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(900, image.getHeight());
    }

    @Test
    void badInputIsOneLineNamingTheOptionAndExitTwo() {
        refused("--tol", new String[] {"--tol", "0"});
        refused("--method", new String[] {"--tol", "1e-3", "--method", "sobol"});
        refused("--functional", new String[] {"--tol", "1e-3", "--functional", "european-put:strike=1"});
        refused("--functional", new String[] {"--tol", "1e-3", "--functional", "european-call:k=1"});
        refused("--scheme", new String[] {"--tol", "1e-3", "--scheme", "sra1"});
        refused("--max-level", new String[] {"--tol", "1e-3", "--max-level", "40"});
        refused("--plot", new String[] {"--tol", "1e-3", "--plot", "/proc/giles.png"});
        refused("--max-seconds", new String[] {"--tol", "1e-3", "--max-seconds", "-1"});
        refused("--problem", new String[] {"--tol", "1e-3"}, "heston-x");
        refused("--problem = 'linear-2d': Sde[d=2, m=2, noise=general", new String[] {"--tol", "1e-3"}, "linear-2d");
        refused("--problem = 'gbm-2noise': Sde[d=1, m=2", new String[] {"--tol", "1e-3", "--scheme", "em"}, "gbm-2noise");
    }

    @Test
    void otherProblemsPrintTheirExactValue() {
        MainTest.Run r = MainTest.run("estimate", "--problem", "sinh", "--functional", "mean", "--tol", "1e-2",
                "--method", "mlmc", "--seed", "2", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("exact     1.6487213: error "), r.out());
        MainTest.Run ou = MainTest.run("estimate", "--problem", "ou", "--functional", "mean", "--tol", "1e-2",
                "--method", "qmc", "--seed", "2", "--threads", "1");
        assertEquals(0, ou.code(), ou.err());
        assertTrue(ou.out().contains("exact     0.36787944: error "), ou.out());
    }

    @Test
    void maxSecondsStopsEveryMethodWithWhatItHas() {
        // A tolerance no method meets in 0.2 s: since mlqmc extrapolates, it can meet 1e-5 that fast.
        for (String method : List.of("mc", "mlmc", "qmc", "mlqmc")) {
            MainTest.Run r = MainTest.run("estimate", "--problem", "gbm", "--tol", "1e-7", "--method", method,
                    "--max-seconds", "0.2", "--threads", "1", "--progress");
            assertEquals(0, r.code(), method + ": " + r.err());
            assertTrue(r.out().contains("NOT converged: stopped after "), method + ": " + r.out());
            assertTrue(r.out().contains("(maxSeconds 0.2) before the tolerance was met; the estimate is what it had"),
                    method + ": " + r.out());
            assertTrue(r.err().startsWith(method.equals("mc") || method.equals("qmc") ? "pilot: " : method + ": "),
                    method + ": " + r.err());
            assertTrue(!r.out().contains("NaN"), r.out());
        }
    }

    private static void refused(String option, String[] rest) {
        refused(option, rest, "gbm");
    }

    private static void refused(String option, String[] rest, String problem) {
        List<String> args = new java.util.ArrayList<>(List.of("estimate", "--problem", problem));
        args.addAll(List.of(rest));
        MainTest.Run r = MainTest.run(args.toArray(String[]::new));
        assertEquals(2, r.code(), args + ": " + r.out() + r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("sde4j estimate: " + option), r.err());
        assertEquals("", r.out());
    }
}
