package org.sde4j.solver.scheme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.sde4j.brownian.BrownianSource;
import org.sde4j.brownian.GridIteratedIntegrals;
import org.sde4j.brownian.LevyAreaMethod;
import org.sde4j.brownian.RefinableGridPath;
import org.sde4j.brownian.VirtualBrownianTree;
import org.sde4j.random.RandomStreams;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.TimeGrid;
import org.sde4j.solver.engine.PathSolver;

/**
 * The multi-noise Milstein steppers and the queryable sources allocate nothing per step: 50 000 steps
 * allocate less than 2 KiB in the solving thread.
 */
class MultiNoiseAllocationTest {
    @Test
    void multiNoiseSteppingAndTreeQueriesDoNotAllocate() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int steps = 50_000;
        SdeProblem problem = MultiNoiseMilsteinTest.nonCommutative(NoiseStructure.GENERAL);
        GridIteratedIntegrals integrals = GridIteratedIntegrals.sample(0, 1, steps, 2, LevyAreaMethod.WIKTORSSON, 2,
                RandomStreams.gaussian(1, 0));
        Object[][] cases = {
            {MultiNoiseMilstein.GENERAL, integrals},
            {MultiNoiseMilstein.COMMUTATIVE, VirtualBrownianTree.of(0, 1, 0.5 / steps, 2, 3)},
            {EulerMaruyama.INSTANCE, RefinableGridPath.sample(0, 1, steps / 4, 2, 4, 1, 0)},
        };
        SdeProblem commutative = MultiNoiseMilsteinTest.nonCommutative(NoiseStructure.COMMUTATIVE);
        for (Object[] c : cases) {
            Scheme scheme = (Scheme) c[0];
            BrownianSource source = (BrownianSource) c[1];
            SdeProblem p = scheme == MultiNoiseMilstein.GENERAL ? problem : commutative;
            PathSolver solver = new PathSolver(p, scheme, TimeGrid.uniform(0, 1, steps));
            double[][] none = new double[0][];
            solver.solve(source, none); // warm-up
            long before = threads.getThreadAllocatedBytes(thread);
            solver.solve(source, none);
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertTrue(allocated < 2048, scheme.name() + " with " + source.getClass().getSimpleName() + " allocated "
                    + allocated + " bytes in " + steps + " steps");
        }
    }
}
