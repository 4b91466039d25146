package org.sde4j.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.SolveDivergedException;

/**
 * The block engine of {@link Ensemble}: bit-identical results for 1, 2, 3 or 64 threads and any block
 * size; block forms and per-path lambdas give the same bits; the statistics agree with the exact moments
 * (fixed seeds; each check at 4.5 standard errors, false-failure rate below 1e-5 per check for a fresh
 * seed); divergence names the same path for any thread count.
 */
class BlockEngineTest {
    private static EnsembleResult run(TestProblem p, Scheme s, int threads, int block, long paths) {
        return Ensemble.of(p.problem(), s).steps(64).paths(paths).seed(11).threads(threads).blockSize(block)
                .saveAt(0.25, 1.0).covariance(true).histogram(0, -3, 6, 90).keepFinalStates(true).run();
    }

    @Test
    void resultsAreBitIdenticalForAnyThreadCountAndBlockSize() {
        for (String scheme : new String[] {"euler-maruyama", "sriw1"}) {
            // 2000 paths: 8 chunks, the last one partial
            EnsembleResult reference = run(Problems.gbm(), Schemes.byName(scheme), 1, Ensemble.CHUNK, 2000);
            for (int threads : new int[] {2, 3, 64}) {
                for (int block : new int[] {Ensemble.CHUNK, 3 * Ensemble.CHUNK}) {
                    EnsembleResult other = run(Problems.gbm(), Schemes.byName(scheme), threads, block, 2000);
                    String where = scheme + ", " + threads + " threads, block " + block;
                    assertArrayEquals(reference.finalStates(), other.finalStates(), 0.0, where);
                    for (int s = 0; s < 2; s++) {
                        RunningStatistics a = reference.statisticsAt(s);
                        RunningStatistics b = other.statisticsAt(s);
                        assertArrayEquals(a.mean(), b.mean(), 0.0, where);
                        assertArrayEquals(a.variance(), b.variance(), 0.0, where);
                        assertArrayEquals(a.covariance(), b.covariance(), 0.0, where);
                        assertArrayEquals(a.min(), b.min(), 0.0, where);
                        assertArrayEquals(reference.histogramAt(s).counts(), other.histogramAt(s).counts(), where);
                    }
                }
            }
        }
    }

    @Test
    void aPathDependsOnlyOnTheSeedAndItsIndex() {
        EnsembleResult small = run(Problems.gbm(), EulerMaruyama.INSTANCE, 2, Ensemble.CHUNK, 300);
        EnsembleResult large = run(Problems.gbm(), EulerMaruyama.INSTANCE, 2, Ensemble.CHUNK, 2000);
        for (int p = 0; p < 300; p++) {
            assertEquals(large.finalState(p, 0), small.finalState(p, 0), 0.0, "path " + p);
        }
        assertNotEquals(large.finalState(0, 0), large.finalState(256, 0), "chunks have their own streams");
    }

    @Test
    void blockFormsAndPerPathLambdasGiveTheSameBits() {
        Sde lambdas = Sde.scalar((t, x) -> 0.05 * x, (t, x) -> 0.2 * x).withDiffusionDerivative((t, x) -> 0.2);
        Sde blocks = lambdas.withBlockForms(
                (t, x, out, n, stride) -> {
                    for (int p = 0; p < n; p++) {
                        out[p] = 0.05 * x[p];
                    }
                },
                (t, x, out, n, stride) -> {
                    for (int p = 0; p < n; p++) {
                        out[p] = 0.2 * x[p];
                    }
                },
                (t, x, out, n, stride) -> java.util.Arrays.fill(out, 0, n, 0.2));
        for (String scheme : new String[] {"euler-maruyama", "milstein", "sriw1"}) {
            EnsembleResult a = Ensemble.of(SdeProblem.of(lambdas, 1, 0, 1), Schemes.byName(scheme)).steps(50).paths(700)
                    .seed(3).keepFinalStates(true).run();
            EnsembleResult b = Ensemble.of(SdeProblem.of(blocks, 1, 0, 1), Schemes.byName(scheme)).steps(50).paths(700)
                    .seed(3).keepFinalStates(true).run();
            assertArrayEquals(a.finalStates(), b.finalStates(), 0.0, scheme);
        }
    }

    @Test
    void meansAndVariancesMatchTheExactMoments() {
        // gbm with Milstein and SRIW1 at 128 steps: the bias is far below the standard error of 50 000 paths
        TestProblem gbm = Problems.gbm();
        for (String scheme : new String[] {"euler-maruyama", "milstein", "sriw1"}) {
            EnsembleResult r = Ensemble.of(gbm.problem(), Schemes.byName(scheme)).steps(128).paths(50_000).seed(2026)
                    .run();
            double exactMean = gbm.exactMean(1.0).orElseThrow()[0];
            double se = r.standardError()[0];
            double bias = scheme.equals("euler-maruyama") ? 0.02 * exactMean : 0; // EM's weak error at h = 1/256
            assertEquals(exactMean, r.mean()[0], 4.5 * se + bias, scheme + ": mean");
        }
        TestProblem ou = Problems.ou();
        for (String scheme : new String[] {"euler-maruyama", "sra1", "sosra"}) {
            EnsembleResult r = Ensemble.of(ou.problem(), Schemes.byName(scheme)).steps(128).paths(50_000).seed(7).run();
            double mean = ou.exactMean(1.0).orElseThrow()[0];
            double variance = ou.exactVariance(1.0).orElseThrow()[0];
            double n = r.paths();
            assertEquals(mean, r.mean()[0], 4.5 * Math.sqrt(variance / n) + 1e-3, scheme + ": mean");
            // the sample variance of a normal sample has standard error variance·√(2/(n − 1))
            assertEquals(variance, r.finalStatistics().variance()[0], 4.5 * variance * Math.sqrt(2 / (n - 1))
                    + 2e-3 * variance, scheme + ": variance");
        }
    }

    @Test
    void divergenceNamesTheSamePathForAnyThreadCount() {
        Sde explosive = Sde.scalar((t, x) -> x * x, (t, x) -> 2 * x);
        SdeProblem problem = SdeProblem.of(explosive, 1.0, 0, 2);
        SolveDivergedException one = assertThrows(SolveDivergedException.class,
                () -> Ensemble.of(problem, EulerMaruyama.INSTANCE).steps(200).paths(5000).seed(1).threads(1).run());
        SolveDivergedException two = assertThrows(SolveDivergedException.class,
                () -> Ensemble.of(problem, EulerMaruyama.INSTANCE).steps(200).paths(5000).seed(1).threads(2).run());
        assertEquals(one.path(), two.path());
        assertEquals(one.step(), two.step());
        assertTrue(one.path() >= 0 && one.path() < 5000, one.getMessage());
    }
}
