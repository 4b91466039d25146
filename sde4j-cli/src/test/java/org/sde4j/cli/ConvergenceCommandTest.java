package org.sde4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sde4j.cli.output.Plots;

/** {@code sde4j convergence} end to end (fixed seeds: deterministic). */
class ConvergenceCommandTest {
    private static final List<String> KEYS = List.of("problem", "scheme", "kind", "paths", "seed", "dts", "errors",
            "stderrs", "order", "orderLow", "orderHigh", "theoreticalOrder", "seconds", "pairwise", "steps", "measure",
            "evaluations", "cpuSeconds");

    private static Map<String, Object> json(String... args) {
        MainTest.Run r = MainTest.run(args);
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.outLines().size(), r.out());
        return JsonReader.object(r.out());
    }

    @SuppressWarnings("unchecked")
    private static List<Double> list(Map<String, Object> json, String key) {
        return (List<Double>) json.get(key);
    }

    @Test
    void strongJsonHasTheDocumentedKeysAndAnIntervalAroundTheFit() {
        Map<String, Object> j = json("convergence", "--problem", "gbm", "--scheme", "euler-maruyama", "--kind", "strong",
                "--paths", "1000", "--levels", "5", "--seed", "1", "--json");
        assertEquals(KEYS, List.copyOf(j.keySet()));
        assertEquals("gbm", j.get("problem"));
        assertEquals("strong", j.get("kind"));
        assertEquals(1000.0, j.get("paths"));
        assertEquals(List.of(1.0 / 64, 1.0 / 128, 1.0 / 256, 1.0 / 512, 1.0 / 1024), list(j, "dts"));
        assertEquals(5, list(j, "errors").size());
        assertEquals(5, list(j, "stderrs").size());
        double order = (Double) j.get("order");
        assertTrue((Double) j.get("orderLow") < order && order < (Double) j.get("orderHigh"), j.toString());
        assertEquals(0.5, order, 0.1);
        assertEquals(0.5, j.get("theoreticalOrder"));
        assertEquals(List.of(128.0, 256.0, 512.0, 1024.0, 2048.0), list(j, "evaluations"));
    }

    @Test
    void sameNumbersOnOneAndTwoThreads() {
        String[] base = {"convergence", "--problem", "cubic", "--scheme", "milstein", "--paths", "300", "--levels", "3",
            "--seed", "4", "--json", "--threads"};
        Map<String, Object> one = json(append(base, "1"));
        Map<String, Object> two = json(append(base, "2"));
        for (String key : List.of("errors", "stderrs", "order", "orderLow", "orderHigh")) {
            assertEquals(one.get(key), two.get(key), key);
        }
    }

    @Test
    void weakErrorOfTheSecondMomentWithAPlot(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("sub/weak.png");
        Map<String, Object> j = json("convergence", "--problem", "gbm", "--kind", "weak", "--functional", "x^2",
                "--paths", "2000", "--levels", "3", "--seed", "2", "--json", "--plot", png.toString());
        assertEquals("weak", j.get("kind"));
        assertEquals(1.0, j.get("theoreticalOrder"));
        assertTrue(((String) j.get("measure")).contains("control variate"), j.toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(Plots.WIDTH, image.getWidth());
        assertEquals(Plots.HEIGHT, image.getHeight());
    }

    @Test
    void readableReportOfAProblemWithoutExactSolution() {
        MainTest.Run r = MainTest.run("convergence", "--problem", "logistic", "--scheme", "milstein", "--paths", "200",
                "--levels", "3", "--coarsest", "16");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("against a milstein reference with 1024 steps"), r.out());
        assertTrue(r.out().contains("fitted order"), r.out());
    }

    @Test
    void badInputIsAUsageErrorOnOneLine() {
        assertUsageError(List.of("levels = 2", "at least 3"), "convergence", "--levels", "2");
        assertUsageError(List.of("paths = 0"), "convergence", "--paths", "0");
        assertUsageError(List.of("functional = log", "x, x^2"), "convergence", "--kind", "weak", "--functional", "log");
        assertUsageError(List.of("problem = logistic", "no exact pathwise solution"), "convergence", "--problem",
                "logistic", "--against", "exact");
        assertUsageError(List.of("kind = medium"), "convergence", "--kind", "medium");
        assertUsageError(List.of("experiment = emmedium", "milstrong"), "convergence", "--experiment", "emmedium");
    }

    private static void assertUsageError(List<String> fragments, String... args) {
        MainTest.Run r = MainTest.run(args);
        assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        assertEquals(1, r.errLines().size(), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), f + " in " + r.err());
        }
    }

    private static String[] append(String[] base, String last) {
        String[] all = java.util.Arrays.copyOf(base, base.length + 1);
        all[base.length] = last;
        return all;
    }
}
