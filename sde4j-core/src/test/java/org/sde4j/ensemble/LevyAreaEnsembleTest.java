package org.sde4j.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.brownian.StreamingLevyAreaIncrements;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.random.RandomStreams;
import org.sde4j.solver.scheme.RosslerSchemes;

/**
 * Ensembles of the SRA/SRI schemes are driven by space-time Lévy areas: the mean of gbm by SRIW1 and of ou by
 * SRA1 agree with the exact means within 4 standard errors (fixed seed); the variance of the time integral of W,
 * which SRA1 solves exactly only with the true Lévy area, is 1/3 (H ≡ 0 gives 1/3 − h²/12); and the streaming H
 * has variance h/12.
 */
class LevyAreaEnsembleTest {
    /**
     * {@code dY = dW, dX = Y dt} from 0: {@code X(1) = ∫₀¹ W dt ~ N(0, 1/3)}. SRA1's step is
     * {@code X + h Y + I_(1,0)}, exact when {@code I_(1,0) = ΔW h/2 + h H} carries the Lévy area H; with H ≡ 0
     * each step loses the variance {@code h³/12}, so with 2 steps Var X(1) would be {@code 1/3 − 1/48 = 0.3125}.
     * With 200 000 paths the sample variance's standard error is {@code (1/3)·√(2/n) ≈ 0.00105}: the band of
     * 5 standard errors (0.0053) holds the true value with probability 1 − 6·10⁻⁷ and excludes 0.3125 (20 errors away).
     */
    @Test
    void theLevyAreaReachesTheBlockEngine() {
        org.sde4j.sde.Sde integral = org.sde4j.sde.Sde.builder(2, 1)
                .drift((t, x, out) -> {
                    out[0] = x[1];
                    out[1] = 0;
                })
                .diffusion((t, x, dw, out) -> {
                    out[0] = 0;
                    out[1] = dw[0];
                }, org.sde4j.sde.NoiseStructure.ADDITIVE)
                .build();
        org.sde4j.sde.SdeProblem problem = new org.sde4j.sde.SdeProblem(integral, new double[] {0, 0}, 0, 1);
        assertTrue(org.sde4j.solver.engine.BlockSolver.supports(problem, RosslerSchemes.SRA1), "SRA1 runs on the block engine");
        EnsembleResult r = Ensemble.of(problem, RosslerSchemes.SRA1).steps(2).paths(200_000).seed(5).run();
        double variance = r.standardDeviation()[0] * r.standardDeviation()[0];
        assertEquals(1.0 / 3, variance, 5 * (1.0 / 3) * Math.sqrt(2.0 / 200_000), r.toString());
        assertEquals(1.0, r.standardDeviation()[1] * r.standardDeviation()[1], 5 * Math.sqrt(2.0 / 200_000), "Var W(1)");
    }
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
