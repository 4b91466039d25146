package org.sde4j.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.sde4j.error.ConvergenceResult;
import org.sde4j.error.StrongError;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.TimeGrid;

/**
 * The thread-safety contract: schemes, SDEs, problems and time grids are immutable and may be shared;
 * ensembles and studies are builders, one per thread. Eight threads, started together on one barrier,
 * each run their own ensembles and studies over one shared {@code Scheme}, {@code Sde} and
 * {@code TimeGrid}, and get the bits of the same runs done alone.
 */
class ConcurrentUseTest {
    private static final int THREADS = 8;

    /** The runs one thread makes; every one shares the problem's SDE and the scheme objects. */
    private static double[] work(TestProblem problem, Scheme scheme, TimeGrid shared, long seed) {
        EnsembleResult e = Ensemble.of(problem.problem(), scheme).steps(shared.steps()).paths(600).seed(seed)
                .threads(2).saveAt(shared.time(shared.steps() / 2)).keepFinalStates(true).run();
        EnsembleResult perPath = Ensemble.of(problem.problem(), scheme).steps(shared.steps()).paths(300).seed(seed)
                .threads(1).perPathStreams().keepFinalStates(true).run();
        ConvergenceResult c = StrongError.of(problem.problem(), scheme).exact(problem.requireSolution())
                .halvings(4, 3).paths(40).seed(seed).threads(2).bootstrapResamples(40).run();
        List<Double> all = new ArrayList<>();
        for (double x : e.finalStates()) {
            all.add(x);
        }
        for (double x : perPath.finalStates()) {
            all.add(x);
        }
        for (double x : e.statisticsAt(0).mean()) {
            all.add(x);
        }
        for (double x : c.errors()) {
            all.add(x);
        }
        all.add(c.order().low());
        all.add(c.order().high());
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void sharedSchemesAndSdesGiveTheBitsOfARunAlone() throws Exception {
        TestProblem gbm = Problems.gbm();
        TestProblem twoNoise = Problems.gbm2noise();
        Scheme[] schemes = {Schemes.byName("euler-maruyama"), Schemes.byName("milstein"),
            Schemes.byName("milstein-general")};
        TestProblem[] problems = {gbm, gbm, twoNoise};
        TimeGrid shared = TimeGrid.uniform(0, 1, 64);
        double[][] alone = new double[THREADS][];
        for (int t = 0; t < THREADS; t++) {
            alone[t] = work(problems[t % 3], schemes[t % 3], shared, 100 + t);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<double[]>> together = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                together.add(pool.submit(() -> {
                    start.await();
                    return work(problems[id % 3], schemes[id % 3], shared, 100 + id);
                }));
            }
            for (int t = 0; t < THREADS; t++) {
                assertArrayEquals(alone[t], together.get(t).get(), 0.0, "thread " + t);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
