package org.sde4j.brownian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.random.RandomStreams;

class BrownianSourceTest {
    @Test
    void gridPathIncrementsAddUpAndRepeat() {
        GridBrownianPath w = GridBrownianPath.sample(0, 2, 64, 3, RandomStreams.gaussian(5, 0));
        double[] ab = new double[3];
        double[] bc = new double[3];
        double[] ac = new double[3];
        double[] again = new double[3];
        w.increment(0.25, 1.0, ab);
        w.increment(1.0, 1.75, bc);
        w.increment(0.25, 1.75, ac);
        w.increment(0.25, 1.75, again);
        for (int j = 0; j < 3; j++) {
            assertEquals(ab[j] + bc[j], ac[j], 1e-12);
            assertEquals(ac[j], again[j], 0.0);
        }
        double[] end = new double[3];
        double[] start = new double[3];
        w.value(2.0, end);
        w.value(0.0, start);
        double[] whole = new double[3];
        w.increment(0, 2, whole);
        assertEquals(0.0, start[0], 0.0);
        assertEquals(end[1], whole[1], 0.0);
    }

    @Test
    void gridPathFindsCoarseGridTimesComputedInFloatingPoint() {
        GridBrownianPath w = GridBrownianPath.sample(0, 1, 3 * 7 * 64, 1, RandomStreams.gaussian(1, 0));
        double coarse = 1.0 / 21;
        double[] out = new double[1];
        double sum = 0;
        for (int k = 0; k < 21; k++) {
            w.increment(k * coarse, (k + 1) * coarse, out);
            sum += out[0];
        }
        w.value(1.0, out);
        assertEquals(out[0], sum, 1e-12);
    }

    @Test
    void gridPathRejectsOffGridQueries() {
        GridBrownianPath w = GridBrownianPath.sample(0, 1, 10, 1, RandomStreams.gaussian(1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.increment(0.05, 0.5, new double[1]));
        assertTrue(e.getMessage().contains("s = 0.05"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.increment(0.5, 0.5, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> w.value(1.1, new double[1]));
    }

    @Test
    void streamingSourceAnswersConsecutiveIntervalsOnly() {
        StreamingBrownianIncrements w = new StreamingBrownianIncrements(RandomStreams.gaussian(1, 0), 2);
        double[] out = new double[2];
        w.increment(0, 0.1, out);
        w.increment(0.1, 0.3, out);
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> w.increment(0.1, 0.3, out));
        assertTrue(twice.getMessage().contains("consecutive"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.increment(0.3, 0.3, out));
    }

    @Test
    void incrementsHaveVarianceH() {
        // Fixed seed: 200 000 draws of N(0, h); the sample variance / h has standard deviation
        // sqrt(2/n) ≈ 0.0032, so the 0.02 band is more than 6 standard deviations wide.
        double h = 0.37;
        int n = 200_000;
        StreamingBrownianIncrements w = new StreamingBrownianIncrements(RandomStreams.gaussian(11, 3), 1);
        double[] out = new double[1];
        double sum = 0;
        double sumSquares = 0;
        for (int k = 0; k < n; k++) {
            w.increment(k * h, (k + 1) * h, out);
            sum += out[0];
            sumSquares += out[0] * out[0];
        }
        double mean = sum / n;
        assertEquals(0.0, mean / Math.sqrt(h / n), 5.0);
        assertEquals(1.0, (sumSquares / n - mean * mean) / h, 0.02);
    }
}
