package org.sde4j.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.sde4j.problems.Problems;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.scheme.Milstein;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.engine.Solver;

/**
 * The reproducibility contract: the same seed gives bit-identical paths and statistics whatever the
 * thread count and block size (block engine and path engine), and, on the path engine, path i of an
 * ensemble is the single-path solve on stream i.
 */
class ReproducibilityTest {
    private static final SdeProblem GBM = Problems.gbm().problem();

    private static EnsembleResult run(int threads, int blockSize, long paths) {
        return Ensemble.of(GBM, Milstein.ITO).steps(50).paths(paths).seed(7).threads(threads).blockSize(blockSize)
                .saveAt(0.5, 1.0).keepFinalStates(true).covariance(true).run();
    }

    @Test
    void statisticsAndPathsAreBitIdenticalForAnyThreadCountAndBlockSize() {
        // 3000 paths: not a multiple of the chunk, so the last chunk is partial.
        EnsembleResult reference = run(1, Ensemble.CHUNK, 3000);
        for (int threads : new int[] {1, 2, 3}) {
            for (int block : new int[] {Ensemble.CHUNK, 3 * Ensemble.CHUNK, 16 * Ensemble.CHUNK}) {
                EnsembleResult other = run(threads, block, 3000);
                String where = threads + " threads, block " + block;
                assertArrayEquals(reference.finalStates(), other.finalStates(), where);
                for (int s = 0; s < 2; s++) {
                    assertArrayEquals(reference.statisticsAt(s).mean(), other.statisticsAt(s).mean(), 0.0, where);
                    assertArrayEquals(reference.statisticsAt(s).variance(), other.statisticsAt(s).variance(), 0.0, where);
                    assertArrayEquals(reference.statisticsAt(s).covariance(), other.statisticsAt(s).covariance(), 0.0, where);
                    assertArrayEquals(reference.statisticsAt(s).max(), other.statisticsAt(s).max(), 0.0, where);
                }
            }
        }
    }

    @Test
    void pathIDependsOnlyOnSeedAndIndex() {
        EnsembleResult small = run(2, Ensemble.CHUNK, 300);
        EnsembleResult large = run(2, Ensemble.CHUNK, 3000);
        for (int p = 0; p < 300; p++) {
            assertEquals(small.finalState(p, 0), large.finalState(p, 0), 0.0, "path " + p);
        }
        large = Ensemble.of(GBM, Milstein.ITO).steps(50).paths(3000).seed(7).threads(2).perPathStreams()
                .keepFinalStates(true).run();
        double[] single = Solver.solveToEnd(GBM, Milstein.ITO, 50, Solver.streamingBrownian(GBM, 7));
        assertEquals(single[0], large.finalState(0, 0), 0.0, "path 0 = single-path solve on stream 0");
    }

    @Test
    void differentSeedsGiveDifferentPaths() {
        EnsembleResult a = Ensemble.of(GBM, Schemes.byName("euler-maruyama")).paths(10).seed(1).keepFinalStates(true).run();
        EnsembleResult b = Ensemble.of(GBM, Schemes.byName("euler-maruyama")).paths(10).seed(2).keepFinalStates(true).run();
        assertNotEquals(a.finalState(0, 0), b.finalState(0, 0));
        assertNotEquals(a.finalState(0, 0), a.finalState(1, 0));
    }
}
