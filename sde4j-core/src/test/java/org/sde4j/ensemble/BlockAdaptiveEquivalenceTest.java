package org.sde4j.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.montecarlo.ShardMerger;
import org.sde4j.problems.Problems;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.StepFailedException;
import org.sde4j.solver.engine.StepControl;
import org.sde4j.solver.scheme.Milstein;
import org.sde4j.solver.scheme.Schemes;

/**
 * The block-adaptive engine ({@code BlockAdaptiveSolver}, 256 lanes at once) against the per-path adaptive engine
 * ({@code PathAdaptiveSolver}): every path's final state, every statistic at every saved time and the step counts
 * are the same bits — with an embedded estimate and with step doubling, with and without Lévy areas, one state and
 * two, a time-dependent drift (each lane at its own time), many rejections, failing paths — and the same bits again
 * for 1 and 3 threads and for shards merged out of order.
 */
class BlockAdaptiveEquivalenceTest {
    private static final SdeProblem GBM = Problems.gbm().problem();

    @Test
    void embeddedEstimateWithSavedTimes() {
        same(AdaptiveEnsemble.of(GBM, Schemes.byName("sriw1")).tolerances(1e-2, 1e-2).saveAt(0.3, 1.0 / 7)
                .paths(700).seed(3));
    }

    @Test
    void stepDoublingWithManyRejections() {
        AdaptiveEnsembleResult r = same(AdaptiveEnsemble.of(GBM, Schemes.byName("sriw1")).stepDoubling(true)
                .tolerances(3e-3, 3e-3).paths(600).seed(8));
        assertTrue(r.steps().rejected() > 500, () -> "rejections: " + r.steps());
    }

    @Test
    void embeddedEstimateWithRejections() {
        // The first step tried is the whole span: rejected on every path, then the controller takes over.
        StepControl control = new StepControl(1e-3, 1e-3, Math.scalb(1.0, -40), 1, 1);
        AdaptiveEnsembleResult r = same(AdaptiveEnsemble.of(GBM, Schemes.byName("sosri")).stepControl(control)
                .paths(600).seed(5));
        assertTrue(r.steps().rejected() > 100, () -> "rejections: " + r.steps());
    }

    @Test
    void additiveNoiseWithLevyAreaByDoubling() {
        same(AdaptiveEnsemble.of(Problems.additive().problem(), Schemes.byName("sra1")).tolerances(1e-4, 1e-4)
                .saveAt(0.5).paths(400).seed(6));
    }

    @Test
    void stratonovichHeunThroughThePerPathDrift() {
        // The converted drift has no scalar form: the lanes call the per-path drift with a gathered state.
        SdeProblem strat = new SdeProblem(GBM.sde().convertedTo(Calculus.STRATONOVICH), new double[] {0.5}, 0, 1);
        same(AdaptiveEnsemble.of(strat, Schemes.byName("heun")).tolerances(1e-2, 1e-2).paths(300).seed(2));
    }

    @Test
    void twoStatesDiagonalNoiseAndATimeDependentDrift() {
        Sde sde = Sde.builder(2, 2)
                .drift((t, x, out) -> {
                    out[0] = Math.sin(8 * t) * x[0];
                    out[1] = -x[1] + t * x[0];
                })
                .diagonalDiffusion((t, x, out) -> {
                    out[0] = 0.3 * x[0];
                    out[1] = 0.2 * x[1] + 0.1 * t;
                })
                .build();
        SdeProblem problem = new SdeProblem(sde, new double[] {1, 0.5}, 0, 2);
        AdaptiveEnsemble job = AdaptiveEnsemble.of(problem, Schemes.byName("sriw2")).tolerances(1e-3, 1e-3)
                .saveAt(0.25, 1).paths(520).seed(12);
        assertTrue(job.usesBlockEngine());
        same(job);
    }

    @Test
    void failingPathsFailAlikeAndNameTheSameFirstPath() {
        StepControl control = new StepControl(1e-4, 1e-4, Math.scalb(1.0, -7), 1, 1.0 / 64);
        AdaptiveEnsemble job = AdaptiveEnsemble.of(GBM, Schemes.byName("sriw1")).stepDoubling(true)
                .stepControl(control).paths(300).seed(2);
        StepFailedException block = assertThrows(StepFailedException.class,
                () -> job.engine(Ensemble.Engine.BLOCK).run());
        StepFailedException path = assertThrows(StepFailedException.class,
                () -> job.engine(Ensemble.Engine.PATH).run());
        assertEquals(path.getMessage(), block.getMessage());
        assertFalse(block.getMessage().startsWith("300 of 300"), block.getMessage());
    }

    @Test
    void pathsOverTheStepLimitFailAlikeNamingTheCount() {
        // SRIW1 at 10⁻² takes 27.6 steps per path on gbm, at most 46: a limit of 30 stops some paths, not all.
        StepControl control = StepControl.of(1e-2, 1e-2, 1.0).withMaxSteps(30);
        AdaptiveEnsemble job = AdaptiveEnsemble.of(GBM, Schemes.byName("sriw1")).stepControl(control).paths(600)
                .seed(4);
        StepFailedException block = assertThrows(StepFailedException.class,
                () -> job.engine(Ensemble.Engine.BLOCK).run());
        StepFailedException path = assertThrows(StepFailedException.class,
                () -> job.engine(Ensemble.Engine.PATH).run());
        assertEquals(path.getMessage(), block.getMessage());
        assertTrue(block.getMessage().contains("the path took 30 steps ("), block.getMessage());
        assertTrue(block.getMessage().contains("the most allowed (maxSteps), before reaching t1"), block.getMessage());
        assertFalse(block.getMessage().startsWith("600 of 600"), block.getMessage());
        // With room for every path, the same job runs through.
        assertTrue(job.stepControl(control.withMaxSteps(46)).engine(Ensemble.Engine.BLOCK).run().steps()
                .maxAccepted() <= 46);
    }

    @Test
    void theBitsAreTheSameForAnyThreadCountAndShards() {
        AdaptiveEnsemble job = AdaptiveEnsemble.of(GBM, Schemes.byName("sriw1")).tolerances(1e-2, 1e-2).paths(1500)
                .saveAt(0.5).seed(9).keepFinalStates(true);
        assertTrue(job.usesBlockEngine());
        AdaptiveEnsembleResult one = job.threads(1).run();
        AdaptiveEnsembleResult three = job.threads(3).run();
        ShardMerger<AdaptiveEnsembleResult> merger = job.merger();
        merger.add(job.runChunks(3, job.chunkCount()));
        merger.add(job.runChunks(0, 3));
        AdaptiveEnsembleResult shards = merger.result();
        for (AdaptiveEnsembleResult other : new AdaptiveEnsembleResult[] {three, shards}) {
            assertSame(one, other);
        }
    }

    @Test
    void fourChunksAtOnceGiveTheBitsOfOneChunkAtATime() {
        // 65 chunks on one thread: the block engine takes four chunks at a time (its lanes take the next path as
        // theirs end), the last block one chunk; shards from an unaligned chunk, and three threads (one chunk at a
        // time there), must agree with the per-path engine bit for bit.
        AdaptiveEnsemble job = AdaptiveEnsemble.of(GBM, Schemes.byName("sriw1")).tolerances(1e-2, 1e-2)
                .paths(64 * Ensemble.CHUNK + 100).saveAt(0.5).seed(21).keepFinalStates(true);
        AdaptiveEnsembleResult path = job.threads(1).engine(Ensemble.Engine.PATH).run();
        AdaptiveEnsembleResult block = job.engine(Ensemble.Engine.BLOCK).run();
        assertSame(path, block);
        assertSame(path, job.threads(3).run());
        ShardMerger<AdaptiveEnsembleResult> merger = job.threads(1).merger();
        merger.add(job.runChunks(5, job.chunkCount()));
        merger.add(job.runChunks(0, 5));
        assertSame(path, merger.result());
    }

    @Test
    void fourChunksAtOnceFailAsOneChunkAtATime() {
        // SRIW1 at 10⁻² takes at most 46–47 steps per path: a limit of 30 stops some paths in every chunk.
        StepControl control = StepControl.of(1e-2, 1e-2, 1.0).withMaxSteps(30);
        AdaptiveEnsemble job = AdaptiveEnsemble.of(GBM, Schemes.byName("sriw1")).stepControl(control)
                .paths(64 * Ensemble.CHUNK).seed(4).threads(1);
        StepFailedException block = assertThrows(StepFailedException.class,
                () -> job.engine(Ensemble.Engine.BLOCK).run());
        StepFailedException path = assertThrows(StepFailedException.class,
                () -> job.engine(Ensemble.Engine.PATH).run());
        assertEquals(path.getMessage(), block.getMessage());
    }

    @Test
    void schemesWithoutATableauStepRunOnThePathEngine() {
        AdaptiveEnsemble milstein = AdaptiveEnsemble.of(GBM, Milstein.ITO).paths(10);
        assertFalse(milstein.usesBlockEngine());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> milstein.engine(Ensemble.Engine.BLOCK).plan());
        assertTrue(e.getMessage().startsWith("engine BLOCK: the block-adaptive engine does not run scheme milstein"),
                e.getMessage());
        assertFalse(AdaptiveEnsemble.of(GBM, Schemes.byName("euler-maruyama")).usesBlockEngine());
    }

    /** Runs the job on both engines (one thread each) and checks every bit; returns the block engine's result. */
    private static AdaptiveEnsembleResult same(AdaptiveEnsemble job) {
        job.keepFinalStates(true).threads(1);
        AdaptiveEnsembleResult block = job.engine(Ensemble.Engine.BLOCK).run();
        AdaptiveEnsembleResult path = job.engine(Ensemble.Engine.PATH).run();
        assertSame(path, block);
        return block;
    }

    private static void assertSame(AdaptiveEnsembleResult expected, AdaptiveEnsembleResult actual) {
        assertEquals(expected.steps(), actual.steps());
        assertArrayEquals(expected.statistics().finalStates(), actual.statistics().finalStates());
        assertArrayEquals(expected.statistics().times(), actual.statistics().times());
        for (int k = 0; k < expected.statistics().times().length; k++) {
            assertArrayEquals(expected.statistics().statisticsAt(k).mean(), actual.statistics().statisticsAt(k).mean());
            assertArrayEquals(expected.statistics().statisticsAt(k).variance(),
                    actual.statistics().statisticsAt(k).variance());
        }
    }
}
