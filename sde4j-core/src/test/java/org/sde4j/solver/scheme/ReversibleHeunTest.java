package org.sde4j.solver.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sde4j.brownian.GridBrownianPath;
import org.sde4j.brownian.Increment;
import org.sde4j.problems.Problems;
import org.sde4j.random.RandomStreams;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.Sde;
import org.sde4j.solver.ReversibleStepper;

/** Reversible Heun: 1000 steps forward, then 1000 steps back, return to the initial state to 1e-10. */
class ReversibleHeunTest {
    @Test
    void backwardStepsReconstructTheInitialState() {
        for (String name : new String[] {"gbm", "cubic", "wave"}) {
            Sde sde = Problems.byName(name).problem().sde().convertedTo(Calculus.STRATONOVICH);
            double x0 = Problems.byName(name).problem().x0()[0];
            int steps = 1000;
            GridBrownianPath w = GridBrownianPath.sample(0, 1, steps, 1, RandomStreams.gaussian(3, 0));
            ReversibleStepper stepper = ReversibleHeun.INSTANCE.newStepper(sde);
            double[] state = new double[1 + stepper.auxiliaryDimension()];
            state[0] = x0;
            stepper.start(0, state);
            Increment noise = new Increment(1);
            double[] dw = new double[1];
            double h = 1.0 / steps;
            for (int k = 0; k < steps; k++) {
                w.increment(k * h, (k + 1) * h, dw);
                noise.set(h, dw);
                stepper.step(k * h, state, noise);
            }
            for (int k = steps - 1; k >= 0; k--) {
                w.increment(k * h, (k + 1) * h, dw);
                noise.set(h, dw);
                stepper.stepBack(k * h, state, noise);
            }
            assertEquals(x0, state[0], 1e-10, name + ": y");
            assertEquals(x0, state[1], 1e-10, name + ": z");
        }
    }
}
