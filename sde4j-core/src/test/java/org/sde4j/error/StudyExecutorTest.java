package org.sde4j.error;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.solver.scheme.Schemes;

/**
 * One executor story for studies: a caller's pool (shared by several studies), or one that runs tasks in the
 * calling thread, gives the bits of the default pools — errors, standard errors, the fitted order and its
 * bootstrap interval — and the work really runs on it (a counting executor sees the solves and the bootstrap).
 */
class StudyExecutorTest {
    private static final TestProblem GBM = Problems.gbm();

    /** A strong and a weak study, each with a bootstrap interval, built by the same settings. */
    private static ConvergenceResult[] studies(Function<ConvergenceStudy<?>, ConvergenceStudy<?>> options) {
        ConvergenceStudy<?> strong = StrongError.of(GBM.problem(), Schemes.byName("euler-maruyama"))
                .exact(GBM.requireSolution()).halvings(64, 3).paths(2000).seed(5).threads(3).bootstrapResamples(200);
        ConvergenceStudy<?> weak = WeakError.of(GBM.problem(), Schemes.byName("platen-weak2"), Functional.component(0))
                .exactExpectation(GBM.exactMean(1).orElseThrow()[0]).halvings(4, 3).paths(2000).seed(5).threads(3)
                .bootstrapResamples(200);
        return new ConvergenceResult[] {options.apply(strong).run(), options.apply(weak).run()};
    }

    private static void assertSameBits(ConvergenceResult expected, ConvergenceResult actual) {
        assertArrayEquals(expected.errors(), actual.errors(), 0.0, expected.kind());
        assertArrayEquals(expected.standardErrors(), actual.standardErrors(), 0.0, expected.kind());
        assertEquals(expected.order().order(), actual.order().order(), 0.0, expected.kind());
        assertEquals(expected.order().low(), actual.order().low(), 0.0, expected.kind());
        assertEquals(expected.order().high(), actual.order().high(), 0.0, expected.kind());
        assertEquals(expected.order().resamples(), actual.order().resamples(), expected.kind());
    }

    @Test
    void aSharedCallerPoolGivesTheBitsOfTheDefault() {
        ConvergenceResult[] own = studies(s -> s);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AtomicInteger tasks = new AtomicInteger();
        Executor counting = task -> {
            tasks.incrementAndGet();
            pool.execute(task);
        };
        try {
            ConvergenceResult[] shared = studies(s -> s.executor(counting));
            ConvergenceResult[] again = studies(s -> s.executor(counting));
            for (int k = 0; k < own.length; k++) {
                assertTrue(Double.isFinite(own[k].order().low()), "a bootstrap interval: " + own[k].report());
                assertSameBits(own[k], shared[k]);
                assertSameBits(own[k], again[k]);
            }
            // per study: 3 solve workers and 3 bootstrap workers, two studies, twice
            assertEquals(2 * 2 * (3 + 3), tasks.get(), "the solves and the bootstraps ran on the caller's pool");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExecutorRunningTasksInTheCallingThreadGivesTheSameBits() {
        ConvergenceResult[] own = studies(s -> s);
        ConvergenceResult[] inline = studies(s -> s.executor(Runnable::run));
        ConvergenceResult[] restored = studies(s -> s.executor(Runnable::run).executor(null));
        for (int k = 0; k < own.length; k++) {
            assertSameBits(own[k], inline[k]);
            assertSameBits(own[k], restored[k]);
        }
    }
}
