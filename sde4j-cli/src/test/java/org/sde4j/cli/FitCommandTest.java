package org.sde4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sde4j fit} end to end: on a synthetic path (true parameters printed beside the estimates), on the
 * bundled vega-datasets series (the same on every machine), and on bad input (exit 2 naming the line or listing
 * the columns; a diverging fit exits 1 naming its epoch).
 */
class FitCommandTest {
    @TempDir
    Path dir;

    @Test
    void syntheticFitPrintsTrueParametersAndRecoversThem() {
        MainTest.Run r = MainTest.run("fit", "--model", "ou", "--synthetic", "--seed", "7", "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> o = JsonReader.object(r.out());
        @SuppressWarnings("unchecked")
        Map<String, Object> estimates = (Map<String, Object>) o.get("estimates");
        @SuppressWarnings("unchecked")
        Map<String, Object> errors = (Map<String, Object>) o.get("standardErrors");
        @SuppressWarnings("unchecked")
        Map<String, Object> truth = (Map<String, Object>) o.get("true");
        for (String name : new String[] {"kappa", "mean", "sigma"}) {
            double z = (((Number) estimates.get(name)).doubleValue() - ((Number) truth.get(name)).doubleValue())
                    / ((Number) errors.get(name)).doubleValue();
            assertTrue(Math.abs(z) < 3, name + ": z = " + z);
        }
        assertEquals(4000, ((Number) o.get("transitions")).intValue());
    }

    /**
     * A neural SDE learns the law of a simulated GBM's windows: measured loss 70.3 → 0.397 in 150 epochs, variance
     * at horizon 8 of 7.28 against the windows' 7.37 (seed 3). A window longer than the series is a usage error.
     */
    @Test
    void neuralSdeLearnsTheMomentsOfSyntheticWindows() {
        MainTest.Run r = MainTest.run("fit", "--model", "neural", "--synthetic", "--seed", "3", "--epochs", "150",
                "--window", "8", "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> o = JsonReader.object(r.out());
        double first = ((Number) o.get("firstLoss")).doubleValue();
        double last = ((Number) o.get("finalLoss")).doubleValue();
        assertTrue(last < first / 20, first + " → " + last);
        @SuppressWarnings("unchecked")
        java.util.List<Object> data = (java.util.List<Object>) o.get("dataVariance");
        @SuppressWarnings("unchecked")
        java.util.List<Object> model = (java.util.List<Object>) o.get("modelVariance");
        double d = ((Number) data.get(7)).doubleValue();
        double m = ((Number) model.get(7)).doubleValue();
        assertEquals(d, m, 0.15 * d, "variance at horizon 8");
        MainTest.Run tooLong = MainTest.run("fit", "--model", "neural", "--data", "bundled:stocks", "--where",
                "symbol=IBM", "--column", "price", "--window", "100");
        assertEquals(Main.USAGE_ERROR, tooLong.code());
        assertTrue(tooLong.err().contains("makes 1 window of 100 steps; at least 2 are needed"), tooLong.err());
    }

    @Test
    void seasonalOuBeatsPlainOuOnTheBundledTemperatures() {
        MainTest.Run seasonal = MainTest.run("fit", "--model", "ou-seasonal", "--data", "bundled:seattle-temps",
                "--column", "temp", "--json");
        MainTest.Run plain = MainTest.run("fit", "--model", "ou", "--data", "bundled:seattle-temps", "--column",
                "temp", "--json");
        assertEquals(0, seasonal.code(), seasonal.err());
        assertEquals(0, plain.code(), plain.err());
        double s = ((Number) JsonReader.object(seasonal.out()).get("heldOutScore")).doubleValue();
        double p = ((Number) JsonReader.object(plain.out()).get("heldOutScore")).doubleValue();
        assertTrue(s > p, "held-out score: seasonal " + s + ", plain " + p);
    }

    @Test
    void stockFitsReadTheBundledSeriesFilteredBySymbol() {
        MainTest.Run r = MainTest.run("fit", "--model", "gbm", "--data", "bundled:stocks", "--where", "symbol=IBM",
                "--column", "price", "--time-scale", "365.25");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("123 points") && r.out().contains("sigma"), r.out());
    }

    @Test
    void badInputIsAUsageErrorNamingTheProblem() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "t,x\n0,1\n1,2\n1,3\n");
        MainTest.Run r = MainTest.run("fit", "--model", "ou", "--data", csv.toString(), "--column", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("line 4"), r.err());
        r = MainTest.run("fit", "--model", "ou", "--data", csv.toString(), "--column", "y");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("the columns are t, x"), r.err());
        r = MainTest.run("fit", "--model", "heston", "--synthetic");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("gbm, log-ou, ou, ou-seasonal, neural"), r.err());
    }

    @Test
    void aDivergingFitExitsOneNamingItsEpoch() {
        MainTest.Run r = MainTest.run("fit", "--model", "ou", "--synthetic", "--learning-rate", "1000");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("diverged at epoch") && r.err().contains("last finite parameters"), r.err());
        assertEquals("", r.out());
    }
}
