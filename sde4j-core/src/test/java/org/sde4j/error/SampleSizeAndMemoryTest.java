package org.sde4j.error;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.ensemble.Histogram;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.TimeGrid;

/**
 * Sizes that cannot fit in memory, or samples too small for what a study reports, are refused before
 * anything is allocated, with the sizes, the memory needed and the memory available in the message.
 */
class SampleSizeAndMemoryTest {
    private static final TestProblem GBM = Problems.gbm();
    private static final Scheme EM = Schemes.byName("euler-maruyama");

    private static String rejects(Executable action, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' missing in: " + e.getMessage());
        }
        return e.getMessage();
    }

    @Test
    void aUniformGridOfTwoBillionStepsHoldsNoArray() {
        TimeGrid grid = TimeGrid.uniform(0, 1, 2_000_000_000);
        assertEquals(2_000_000_000, grid.steps());
        assertEquals(1.0, grid.endTime());
        assertEquals(0.5, grid.time(1_000_000_000));
        assertEquals(1_000_000_000, grid.indexOf(0.5));
        assertEquals(16_000_000_008L, grid.bytesToShare());
    }

    @Test
    void aUniformGridHasTheBitsOfTheArrayItReplaced() {
        for (int steps : new int[] {1, 3, 7, 100, 1000, 4097}) {
            double t0 = 0.1;
            double t1 = 2.3;
            double h = (t1 - t0) / steps;
            double[] old = new double[steps + 1];
            for (int k = 0; k < steps; k++) {
                old[k] = t0 + k * h;
            }
            old[steps] = t1;
            TimeGrid grid = TimeGrid.uniform(t0, t1, steps);
            assertArrayEquals(old, grid.times());
            for (int k = 0; k <= steps; k++) {
                assertEquals(k, grid.indexOf(old[k]));
            }
            TimeGrid with = grid.including(0.5 * (old[0] + old[1]));
            assertEquals(steps + 1, with.steps());
            assertEquals(grid, grid.including(old[steps / 2]), "times on the grid add nothing");
        }
    }

    @Test
    void anEnsembleTooLargeForMemoryIsRefusedBeforeItRuns() {
        rejects(() -> Ensemble.of(GBM.problem(), EM).steps(2_000_000_000).paths(2_000_000_000L).threads(2).run(),
                "steps = 2000000000", "paths = 2000000000", "needs", "GB of memory", "available", "-Xmx");
        rejects(() -> Ensemble.of(GBM.problem(), EM).paths(2_000_000_000L).keepFinalStates(true).run(),
                "final states kept", "needs", "available");
        rejects(() -> Ensemble.of(GBM.problem(), EM).paths(1000).saveAt(0.25, 0.5).steps(1000)
                .histogram(0, 0, 10, 2_000_000_000).run(), "bins = 2000000000", "needs", "available");
    }

    @Test
    void aStudyTooLargeForMemoryIsRefused() {
        rejects(() -> StrongError.of(GBM.problem(), EM).exact(GBM.requireSolution()).steps(1 << 20, 1 << 21, 1 << 22)
                .paths(1000).threads(2).run(), "Brownian grid of 4194304 steps", "needs", "available");
    }

    @Test
    void onePathHasNoStandardError() {
        rejects(() -> StrongError.of(GBM.problem(), EM).exact(GBM.requireSolution()).halvings(4, 3).paths(1)
                .bootstrapResamples(0).run(), "paths = 1", "standard error needs at least 2 paths");
        rejects(() -> WeakError.of(GBM.problem(), EM, Functional.component(0)).exactExpectation(1).halvings(4, 3)
                .paths(1).bootstrapResamples(0).run(), "paths = 1", "at least 2 paths");
    }

    @Test
    void aBootstrapIntervalNeedsPathsToResampleAndEnoughResamples() {
        rejects(() -> StrongError.of(GBM.problem(), EM).exact(GBM.requireSolution()).halvings(4, 3).paths(19).run(),
                "paths = 19", "bootstrap interval", "at least 20 paths");
        rejects(() -> StrongError.of(GBM.problem(), EM).bootstrapResamples(39), "resamples = 39", "at least 40");
        ConvergenceResult r = StrongError.of(GBM.problem(), EM).exact(GBM.requireSolution()).halvings(4, 3).paths(2)
                .bootstrapResamples(0).seed(3).threads(1).run();
        assertTrue(Double.isFinite(r.standardErrors()[0]), "two paths give a standard error");
        ConvergenceResult withInterval = StrongError.of(GBM.problem(), EM).exact(GBM.requireSolution()).halvings(4, 3)
                .paths(20).bootstrapResamples(40).seed(3).threads(1).run();
        assertTrue(withInterval.order().high() > withInterval.order().low());
    }

    @Test
    void histogramBinsAreCheckedBeforeAllocating() {
        rejects(() -> new Histogram(0, 1, 2_100_000_000), "bins = 2100000000", "needs");
    }
}
