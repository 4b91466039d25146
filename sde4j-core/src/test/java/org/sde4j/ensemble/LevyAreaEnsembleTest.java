package org.sde4j.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.brownian.StreamingLevyAreaIncrements;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.random.RandomStreams;
import org.sde4j.solver.RosslerSchemes;

/**
 * Ensembles of the SRA/SRI schemes are driven by streaming increments with space-time Lévy areas: the
 * mean of gbm by SRIW1 and of ou by SRA1 agree with the exact means within 4 standard errors (fixed
 * seed), and the streaming H has variance h/12.
 */
class LevyAreaEnsembleTest {
    @Test
    void rosslerEnsemblesMatchExactMeans() {
        TestProblem gbm = Problems.gbm();
        EnsembleResult sri = Ensemble.of(gbm.problem(), RosslerSchemes.SRIW1).steps(64).paths(20_000).seed(3).run();
        double exact = gbm.exactMean(1).orElseThrow()[0];
        assertTrue(Math.abs(sri.mean()[0] - exact) < 4 * sri.standardError()[0], sri + " vs " + exact);
        TestProblem ou = Problems.ou();
        EnsembleResult sra = Ensemble.of(ou.problem(), RosslerSchemes.SRA1).steps(16).paths(20_000).seed(3).run();
        double exactOu = ou.exactMean(1).orElseThrow()[0];
        assertTrue(Math.abs(sra.mean()[0] - exactOu) < 4 * sra.standardError()[0], sra + " vs " + exactOu);
    }

    @Test
    void streamingAreasHaveVarianceHOverTwelve() {
        // 100 000 draws: the sample variance / (h/12) has sd sqrt(2/n) ≈ 0.0045; the band 0.03 is > 6 sd.
        StreamingLevyAreaIncrements source = new StreamingLevyAreaIncrements(RandomStreams.gaussian(8, 0), 1);
        int n = 100_000;
        double h = 0.3;
        double[] w = new double[1];
        double[] area = new double[1];
        double sumSquares = 0;
        double cross = 0;
        for (int k = 0; k < n; k++) {
            source.spaceTimeLevyArea(k * h, (k + 1) * h, w, area);
            sumSquares += area[0] * area[0];
            cross += area[0] * w[0];
        }
        assertEquals(1.0, sumSquares / n / (h / 12), 0.03);
        assertEquals(0.0, cross / n / Math.sqrt(h * h / 12), 0.03);
    }
}
