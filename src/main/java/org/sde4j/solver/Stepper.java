package org.sde4j.solver;

import org.sde4j.brownian.Increment;

/**
 * One scheme bound to one SDE, with its workspace: advances a state by one step. Created by
 * {@link Scheme#newStepper}; thread-confined; allocates nothing per step.
 */
@FunctionalInterface
public interface Stepper {
    /**
     * Advances {@code x} from time {@code t} to {@code t + noise.h()}.
     *
     * @param t     time at the start of the step
     * @param x     state, length d (modified: the state at {@code t + h} on return)
     * @param noise step size and noise increment of the step (not modified)
     */
    void step(double t, double[] x, Increment noise);
}
