package org.sde4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.models.jump.ExponentialJumpModel;
import org.sde4j.models.jump.JumpDiffusion;
import org.sde4j.models.jump.JumpEnsemble;
import org.sde4j.models.jump.JumpScheme;
import org.sde4j.models.jump.JumpStudy;
import org.sde4j.models.jump.JumpStudyResult;
import org.sde4j.models.jump.MarkLaws;
import org.sde4j.models.mc.PathAverages;
import org.sde4j.montecarlo.ShardMerger;

/**
 * Jump diffusions against closed forms. Statistical checks allow 5 standard errors (two-sided false-failure
 * probability 6e−7 each) at fixed seeds.
 */
class JumpDiffusionTest {
    /** Merton: S0 = 100, r = 5 %, σ = 20 %, λ = 1, marks N(−0.1, 0.15²). */
    static final ExponentialJumpModel MERTON = ExponentialJumpModel.merton(100, 0.05, 0.2, 1.0, -0.1, 0.15);

    @Test
    void mertonSeriesMatchesFourierInversion() {
        for (double k : new double[] {80, 100, 120}) {
            double series = MERTON.mertonCall(k, 1, 0.05, -0.1, 0.15);
            double fourier = MERTON.fourierCall(k, 1, 0.05, 1e-10).value();
            assertEquals(series, fourier, 1e-8, "K = " + k);
        }
    }

    @Test
    void mertonMonteCarloPriceMatchesTheSeries() {
        double k = 100;
        PathAverages r = JumpEnsemble.of(MERTON.jumpDiffusion(1), JumpScheme.MILSTEIN).steps(32).paths(200_000)
                .values((x, out) -> out[0] = Math.exp(-0.05) * Math.max(x[0] - k, 0), "call").seed(11).threads(2)
                .run();
        double series = MERTON.mertonCall(k, 1, 0.05, -0.1, 0.15);
        assertEquals(series, r.mean(0), 5 * r.standardError(0) + 0.02, r.toString());
    }

    @Test
    void kouMeanAndCallMatchTheirClosedForms() {
        // Kou (2002)'s example parameters: λ = 3, p = 0.3, η₁ = 40, η₂ = 12; here σ = 0.16, r = 5 %.
        ExponentialJumpModel kou = ExponentialJumpModel.of(100, 0.02, 0.16, 3, MarkLaws.doubleExponential(0.3, 40, 12));
        PathAverages r = JumpEnsemble.of(kou.jumpDiffusion(1), JumpScheme.MILSTEIN).steps(16).paths(100_000)
                .seed(5).run();
        double exact = kou.mean(1);
        assertEquals(exact, r.mean(0), 5 * r.standardError(0) + 0.02, r.toString());
        ExponentialJumpModel rn = ExponentialJumpModel.kou(100, 0.05, 0.16, 3, 0.3, 40, 12);
        double fourier = rn.fourierCall(100, 1, 0.05, 1e-9).value();
        PathAverages c = JumpEnsemble.of(rn.jumpDiffusion(1), JumpScheme.MILSTEIN).steps(32).paths(100_000)
                .values((x, out) -> out[0] = Math.exp(-0.05) * Math.max(x[0] - 100, 0), "call").seed(6).run();
        assertEquals(fourier, c.mean(0), 5 * c.standardError(0) + 0.02, c + " vs Fourier " + fourier);
    }

    @Test
    void strongOrdersOnJumpAdaptedGridsAreHalfAndOne() {
        ExponentialJumpModel m = ExponentialJumpModel.merton(1, 0.05, 0.5, 5, -0.1, 0.2);
        JumpStudyResult em = JumpStudy.of(m.jumpDiffusion(1), JumpScheme.EULER_MARUYAMA, 8, 16, 32, 64, 128)
                .exact(m.exactSolution(1)).paths(4000).seed(3).threads(2).run();
        JumpStudyResult mil = JumpStudy.of(m.jumpDiffusion(1), JumpScheme.MILSTEIN, 8, 16, 32, 64, 128)
                .exact(m.exactSolution(1)).paths(4000).seed(3).threads(2).run();
        assertEquals(0.5, em.strongOrder(), 0.15, em.toString());
        assertEquals(1.0, mil.strongOrder(), 0.15, mil.toString());
    }

    @Test
    void aNumericalReferenceGivesTheSameOrdersAsTheExactSolution() {
        ExponentialJumpModel m = ExponentialJumpModel.merton(1, 0.05, 0.5, 5, -0.1, 0.2);
        JumpStudyResult mil = JumpStudy.of(m.jumpDiffusion(1), JumpScheme.MILSTEIN, 8, 16, 32, 64)
                .referenceSteps(1024).paths(3000).seed(3).run();
        assertEquals(1.0, mil.strongOrder(), 0.15, mil.toString());
        // A state-dependent intensity (thinning) runs against a numerical reference; its exact(...) is refused.
        JumpDiffusion thinned = m.jumpDiffusion(1).withStateIntensity((t, x) -> x[0] < 1 ? 5 : 2, 5);
        JumpStudyResult em = JumpStudy.of(thinned, JumpScheme.EULER_MARUYAMA, 8, 16, 32, 64).referenceSteps(1024)
                .paths(3000).seed(3).run();
        assertTrue(em.strong()[3] < em.strong()[0], em.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JumpStudy.of(thinned, JumpScheme.MILSTEIN, 8, 16).exact(m.exactSolution(1)));
        assertTrue(e.getMessage().startsWith("exact:"), e.getMessage());
    }

    @Test
    void sameBitsForAnyThreadCountAndForMergedShards() {
        JumpEnsemble e = JumpEnsemble.of(MERTON.jumpDiffusion(1), JumpScheme.EULER_MARUYAMA).steps(8).paths(5000)
                .seed(9);
        double[] one = e.threads(1).run().means();
        double[] two = e.threads(2).run().means();
        double[] three = e.threads(3).run().means();
        assertArrayEquals(one, two);
        assertArrayEquals(one, three);
        ShardMerger<PathAverages> merger = e.merger();
        merger.add(e.runChunks(3, e.chunkCount()));
        merger.add(e.runChunks(0, 3));
        assertArrayEquals(one, merger.result().means());
        assertEquals(Double.doubleToLongBits(one[0]), Double.doubleToLongBits(e.threads(2).run().mean(0)));
    }

    @Test
    void studiesAndHestonJobsGiveTheSameBitsForAnyThreadCount() {
        ExponentialJumpModel m = ExponentialJumpModel.merton(1, 0.05, 0.5, 5, -0.1, 0.2);
        JumpStudy study = JumpStudy.of(m.jumpDiffusion(1), JumpScheme.MILSTEIN, 4, 8).exact(m.exactSolution(1))
                .paths(3000).seed(4);
        JumpStudyResult one = study.threads(1).run();
        JumpStudyResult three = study.threads(3).run();
        assertArrayEquals(one.strong(), three.strong());
        assertArrayEquals(one.weak(), three.weak());
        ShardMerger<JumpStudyResult> merger = study.merger();
        merger.add(study.runChunks(1, study.chunkCount()));
        merger.add(study.runChunks(0, 1));
        assertArrayEquals(one.strong(), merger.result().strong());
        org.sde4j.models.stochvol.Heston h = org.sde4j.models.stochvol.Heston.of(100, 0.04, 0, 0, 0.5, 0.04, 1, -0.9);
        org.sde4j.models.mc.PathAverageJob job = org.sde4j.models.stochvol.HestonSimulator.callJob(h,
                org.sde4j.models.stochvol.HestonScheme.QE, 8, 1, 100).paths(3000).seed(4);
        assertArrayEquals(job.threads(1).run().means(), job.threads(2).run().means());
    }

    @Test
    void thinningKeepsTheRateOfAStateDependentIntensity() {
        // Pure jump counter: dX = 0 dt + 0 dW + 1 dN with λ(x) = 2 while x < 3 (at most 3 jumps), thinned below 4.
        ExponentialJumpModel base = ExponentialJumpModel.of(1, 0, 0, 4, MarkLaws.normal(0, 0));
        JumpDiffusion counter = JumpDiffusion.of(org.sde4j.sde.Sde.scalar((t, x) -> 0, (t, x) -> 0)
                .withDiffusionDerivative((t, x) -> 0), new double[] {0}, 0, 1, 4, MarkLaws.normal(1, 0),
                org.sde4j.models.jump.JumpMap.additive()).withStateIntensity((t, x) -> x[0] < 3 ? 2 : 0, 4);
        PathAverages r = JumpEnsemble.of(counter, JumpScheme.EULER_MARUYAMA).steps(1).paths(100_000).seed(2).run();
        // E[min(N, 3)] for N ~ Poisson(2): 3 − 3e^{-2} − 2·2e^{-2} − 1·2e^{-2} = 3 − 9e^{-2}.
        double exact = 3 - 9 * Math.exp(-2);
        assertEquals(exact, r.mean(0), 5 * r.standardError(0), r.toString());
        assertTrue(base.intensity() == 4);
    }

    @Test
    void badInputNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExponentialJumpModel.merton(100, 0.05, 0.2, -1, 0, 0.1));
        assertTrue(e.getMessage().startsWith("intensity = -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExponentialJumpModel.kou(100, 0.05, 0.2, 1, 0.3, 0.8, 2));
        assertTrue(e.getMessage().startsWith("eta1 = 0.8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MarkLaws.doubleExponential(1.5, 2, 2));
        assertTrue(e.getMessage().startsWith("p = 1.5"), e.getMessage());
        JumpDiffusion noDerivative = JumpDiffusion.of(org.sde4j.sde.Sde.scalar((t, x) -> 0, (t, x) -> x),
                new double[] {1}, 0, 1, 1, MarkLaws.normal(0, 0.1), org.sde4j.models.jump.JumpMap.relative());
        e = assertThrows(IllegalArgumentException.class, () -> JumpEnsemble.of(noDerivative, JumpScheme.MILSTEIN));
        assertTrue(e.getMessage().startsWith("scheme = Milstein"), e.getMessage());
    }
}
