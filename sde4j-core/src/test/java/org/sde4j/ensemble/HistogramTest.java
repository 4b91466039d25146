package org.sde4j.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.solver.scheme.Milstein;

class HistogramTest {
    @Test
    void countsEdgesAndQuantiles() {
        Histogram h = new Histogram(0, 10, 10);
        for (int i = 0; i < 100; i++) {
            h.add(i / 10.0);
        }
        h.add(-1);
        h.add(10);
        assertEquals(102, h.total());
        assertEquals(1, h.below());
        assertEquals(1, h.above());
        assertEquals(10, h.counts()[3]);
        assertEquals(5.0, h.quantile(0.5), 0.11);
        assertThrows(IllegalStateException.class, () -> h.quantile(0.005));
        assertThrows(IllegalArgumentException.class, () -> h.quantile(1.0));
        assertThrows(IllegalArgumentException.class, () -> new Histogram(1, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> h.merge(new Histogram(0, 10, 5)));
    }

    @Test
    void ensembleHistogramGivesTheLognormalMedianAndIsThreadIndependent() {
        // gbm: X(1) = X0 exp((a − b²/2) + b W_1), median X0 exp(a − b²/2) = 0.5 e^{0.63155} ≈ 0.9403.
        // 20 000 paths: the sample median's sd ≈ 1.2533 σ_X-ish / √n; in log space sd(log median) ≈
        // 1.2533 · 0.87 / √20000 ≈ 0.0077, so 0.03 relative is about 4 sd; the bin width adds ≤ 0.005.
        TestProblem gbm = Problems.gbm();
        EnsembleResult one = Ensemble.of(gbm.problem(), Milstein.ITO).steps(200).paths(20_000).seed(4).threads(1)
                .histogram(0, 0, 5, 1000).run();
        EnsembleResult two = Ensemble.of(gbm.problem(), Milstein.ITO).steps(200).paths(20_000).seed(4).threads(2)
                .histogram(0, 0, 5, 1000).run();
        Histogram h = one.histogramAt(0);
        assertArrayEquals(h.counts(), two.histogramAt(0).counts());
        assertEquals(20_000, h.total());
        double median = 0.5 * Math.exp(1.01 - 0.5 * 0.87 * 0.87);
        assertEquals(median, h.quantile(0.5), 0.03 * median);
        assertTrue(h.above() > 0, "a lognormal has mass above 5");
        assertThrows(IllegalArgumentException.class, () -> Ensemble.of(gbm.problem(), Milstein.ITO).histogram(1, 0, 1, 10));
    }
}
