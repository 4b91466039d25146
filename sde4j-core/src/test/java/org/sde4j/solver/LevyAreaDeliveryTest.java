package org.sde4j.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sde4j.brownian.RefinableGridPath;
import org.sde4j.brownian.SpaceTimeLevyAreaSource;
import org.sde4j.brownian.StreamingBrownianIncrements;
import org.sde4j.brownian.VirtualBrownianTree;
import org.sde4j.random.RandomStreams;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.engine.PathSolver;

/**
 * A scheme that declares {@link Scheme#needsSpaceTimeLevyArea()} receives each step's H from the source
 * (checked against direct queries), and a source without H is a clear error.
 */
class LevyAreaDeliveryTest {
    /** Accumulates Σ H and Σ ΔW in the two state components; not a real scheme. */
    private static final Scheme RECORDER = new Scheme() {
        @Override
        public String name() {
            return "h-recorder";
        }

        @Override
        public String description() {
            return "x0 += H, x1 += ΔW";
        }

        @Override
        public Calculus calculus() {
            return Calculus.ITO;
        }

        @Override
        public Set<NoiseStructure> supportedNoise() {
            return EnumSet.of(NoiseStructure.GENERAL);
        }

        @Override
        public double strongOrder(NoiseStructure noise) {
            return 0;
        }

        @Override
        public double weakOrder() {
            return 0;
        }

        @Override
        public int driftEvaluationsPerStep() {
            return 0;
        }

        @Override
        public int diffusionEvaluationsPerStep() {
            return 0;
        }

        @Override
        public boolean needsSpaceTimeLevyArea() {
            return true;
        }

        @Override
        public Stepper newStepper(Sde sde) {
            return (t, x, noise) -> {
                x[0] += noise.spaceTimeLevyArea()[0];
                x[1] += noise.dw()[0];
            };
        }
    };

    private static final SdeProblem PROBLEM = new SdeProblem(Sde.builder(2, 1)
            .drift((t, x, out) -> java.util.Arrays.fill(out, 0.0))
            .diffusion((t, x, dw, out) -> java.util.Arrays.fill(out, 0.0), NoiseStructure.GENERAL).build(),
            new double[2], 0, 1);

    @Test
    void schemesThatDeclareItReceiveTheSpaceTimeLevyAreaOfEachStep() {
        int steps = 100;
        for (SpaceTimeLevyAreaSource source : new SpaceTimeLevyAreaSource[] {
                VirtualBrownianTree.withSpaceTimeLevyArea(0, 1, 1e-4, 1, 3), RefinableGridPath.sample(0, 1, 7, 1, 10, 3, 1)}) {
            PathSolver solver = new PathSolver(PROBLEM, RECORDER, TimeGrid.uniform(0, 1, steps));
            double[] x = solver.solve(source, new double[0][]).clone();
            double sumH = 0;
            double[] w = new double[1];
            double[] h = new double[1];
            for (int k = 0; k < steps; k++) {
                source.spaceTimeLevyArea(k / 100.0, k == steps - 1 ? 1.0 : (k + 1) / 100.0, w, h);
                sumH += h[0];
            }
            source.increment(0, 1, w);
            assertEquals(sumH, x[0], 1e-12);
            assertEquals(w[0], x[1], 1e-12);
        }
    }

    @Test
    void aSourceWithoutItIsAClearError() {
        PathSolver solver = new PathSolver(PROBLEM, RECORDER, TimeGrid.uniform(0, 1, 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> solver.solve(new StreamingBrownianIncrements(RandomStreams.gaussian(1, 0), 1), new double[0][]));
        assertTrue(e.getMessage().contains("SpaceTimeLevyAreaSource") && e.getMessage().contains("h-recorder"),
                e.getMessage());
    }
}
