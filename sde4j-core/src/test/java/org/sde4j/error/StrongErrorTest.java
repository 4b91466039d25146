package org.sde4j.error;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;

/**
 * Strong-error studies on the library's problems. Fixed seeds: every number is deterministic, and a
 * wrong estimator (levels on different paths, a wrong norm, a broken bootstrap) moves them far outside
 * the bands checked here.
 */
class StrongErrorTest {
    private static final Scheme EM = Schemes.byName("euler-maruyama");
    private static final Scheme MILSTEIN = Schemes.byName("milstein");

    private static StrongError gbm(Scheme scheme) {
        TestProblem gbm = Problems.gbm();
        return StrongError.of(gbm.problem(), scheme).exact(gbm.requireSolution()).halvings(256, 5).paths(1000).seed(7)
                .threads(2);
    }

    /**
     * The accuracy goal of issue 5: the 95 % interval contains the theoretical order and is at most 0.1 wide
     * (Δt = 1/256 … 1/4096, 1000 paths). At Δt = 1/64 … 1/1024 the interval of 1000 paths already resolves
     * the pre-asymptotic bias of Milstein's slope (0.986 [0.974, 0.997]: local orders 0.98, 0.99, 0.97, 1.01).
     */
    @Test
    void intervalsOnGbmContainTheTheoreticalOrderAndAreNarrow() {
        for (Scheme scheme : new Scheme[] {EM, MILSTEIN}) {
            ConvergenceResult r = gbm(scheme).run();
            OrderEstimate q = r.order();
            assertTrue(q.intervalContains(r.theoreticalOrder()), r.report());
            assertTrue(q.width() <= 0.1, r.report());
            assertTrue(q.low() <= q.order() && q.order() <= q.high(), r.report());
            assertEquals(q.order(), q.pairwise(), 0.05, r.report());
            assertEquals(1000, q.resamples());
        }
    }

    @Test
    void bitIdenticalForOneAndTwoThreads() {
        ConvergenceResult one = gbm(EM).paths(700).threads(1).run();
        ConvergenceResult two = gbm(EM).paths(700).threads(2).run();
        assertArrayEquals(one.errors(), two.errors());
        assertArrayEquals(one.standardErrors(), two.standardErrors());
        assertEquals(one.order().low(), two.order().low());
        assertEquals(one.order().high(), two.order().high());
        assertTrue(gbm(EM).paths(700).seed(8).run().errors()[0] != one.errors()[0], "another seed, other paths");
    }

    @Test
    void referenceSolutionOnTheSamePathAgreesWithTheExactSolution() {
        TestProblem gbm = Problems.gbm();
        ConvergenceResult exact = gbm(EM).paths(500).run();
        ConvergenceResult reference = StrongError.of(gbm.problem(), EM).reference(MILSTEIN).referenceRefinement(4)
                .halvings(256, 5).paths(500).seed(7).threads(2).run();
        // Different Brownian grids (4096 and 16 384 steps) sample different paths: independent estimates.
        double[] e = exact.errors();
        double[] r = reference.errors();
        for (int l = 0; l < e.length; l++) {
            assertEquals(e[l], r[l], 4 * (exact.standardErrors()[l] + reference.standardErrors()[l]), "level " + l);
        }
        assertTrue(reference.measure().contains("milstein reference with 16384 steps"), reference.measure());
    }

    @Test
    void maximumOverTimesBoundsTheRmsAndTheFinalError() {
        Map<StrongNorm, ConvergenceResult> all = gbm(MILSTEIN).paths(500).runNorms();
        double[] last = all.get(StrongNorm.FINAL).errors();
        double[] rms = all.get(StrongNorm.L2).errors();
        double[] max = all.get(StrongNorm.MAX).errors();
        for (int l = 0; l < last.length; l++) {
            assertTrue(max[l] >= rms[l] && max[l] >= last[l] && rms[l] > 0, "level " + l);
        }
        assertArrayEquals(rms, gbm(MILSTEIN).paths(500).norm(StrongNorm.L2).run().errors());
        assertEquals(1.0, all.get(StrongNorm.MAX).order().order(), 0.1);
    }

    /** General (non-commutative) noise in two dimensions, no exact solution: Euler–Maruyama has order ½. */
    @Test
    void generalNoiseAgainstAReference() {
        TestProblem p = Problems.linear2d();
        ConvergenceResult r = StrongError.of(p.problem(), EM).reference(EM).halvings(64, 4).paths(1000).seed(3)
                .threads(2).run();
        assertEquals(0.5, r.order().order(), 0.1, r.report());
        assertEquals(0.5, r.theoreticalOrder());
    }

    @Test
    void costIsCountedPerLevel() {
        ConvergenceResult r = gbm(MILSTEIN).paths(100).bootstrapResamples(0).run();
        assertArrayEquals(new long[] {512, 1024, 2048, 4096, 8192}, r.evaluations());
        assertTrue(Double.isNaN(r.order().low()));
        for (double cpu : r.cpuSeconds()) {
            assertTrue(cpu >= 0);
        }
        WorkPrecision wp = WorkPrecision.of(java.util.List.of(r));
        assertEquals(5, wp.points().size());
        assertTrue(wp.table().contains("evals/path"), wp.table());
    }

    /** Evaluations follow the schemes' declarations; Milstein's error is smaller at every step size. */
    @Test
    void workPrecisionComparesSchemesLevelByLevel() {
        TestProblem gbm = Problems.gbm();
        WorkPrecision wp = WorkPrecision.compare(java.util.List.of(EM, MILSTEIN), s -> StrongError.of(gbm.problem(), s)
                .exact(gbm.requireSolution()).steps(16, 32, 64).paths(200).seed(1).threads(2).bootstrapResamples(0));
        java.util.List<WorkPrecision.Point> points = wp.points();
        assertEquals(6, points.size());
        for (int l = 0; l < 3; l++) {
            WorkPrecision.Point em = points.get(l);
            WorkPrecision.Point milstein = points.get(3 + l);
            assertEquals("euler-maruyama", em.scheme());
            assertEquals(em.steps(), milstein.steps());
            assertEquals((long) em.steps() * (EM.driftEvaluationsPerStep() + EM.diffusionEvaluationsPerStep()),
                    em.evaluations());
            assertEquals((long) em.steps() * (MILSTEIN.driftEvaluationsPerStep() + MILSTEIN.diffusionEvaluationsPerStep()),
                    milstein.evaluations());
            assertTrue(milstein.error() < em.error(), wp.table());
        }
        assertTrue(wp.table().contains("milstein"), wp.table());
    }
}
