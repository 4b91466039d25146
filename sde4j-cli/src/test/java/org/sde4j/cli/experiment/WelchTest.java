package org.sde4j.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Welch's t-test against values computed independently with SciPy 1.17 ({@code ttest_ind(equal_var=False)}). */
class WelchTest {
    @Test
    void matchesScipy() {
        Welch w = Welch.test(new double[] {0.8632, 0.8676, 0.8558}, new double[] {0.7896, 0.791, 0.8166});
        assertEquals(6.696970948419654, w.t(), 1e-10);
        assertEquals(2.6013711262975616, w.df(), 1e-10);
        assertEquals(0.010474992695406955, w.p(), 1e-10);
        Welch v = Welch.test(new double[] {1.0, 2.0, 3.5, 2.2}, new double[] {2.5, 3.1, 4.0});
        assertEquals(-1.5213035158487074, v.t(), 1e-10);
        assertEquals(4.992848692823631, v.df(), 1e-10);
        assertEquals(0.1887503159296577, v.p(), 1e-10);
    }

    @Test
    void rejectsDegenerateSamples() {
        assertThrows(IllegalArgumentException.class, () -> Welch.test(new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Welch.test(new double[] {1, 1}, new double[] {2, 2}));
    }
}
