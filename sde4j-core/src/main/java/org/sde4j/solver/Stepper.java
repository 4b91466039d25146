package org.sde4j.solver;

import org.sde4j.brownian.Increment;

/**
 * One scheme bound to one SDE, with its workspace: advances a state by one step. Created by
 * {@link Scheme#newStepper}; thread-confined; allocates nothing per step.
 *
 * <p>Most schemes are one-step methods: the state is the SDE's state, length d. A scheme that carries
 * more from step to step — the auxiliary state of reversible Heun, the previous state of a two-step
 * method — declares {@link #auxiliaryDimension()} extra entries: the solver then passes state arrays of
 * length {@code d + auxiliaryDimension()}, whose first d entries are the SDE's state, and calls
 * {@link #start} once per path before the first step. The stepper itself stays free of per-path data,
 * so one stepper can advance many paths in turn.
 */
@FunctionalInterface
public interface Stepper {
    /**
     * Advances {@code x} from time {@code t} to {@code t + noise.h()}.
     *
     * @param t     time at the start of the step
     * @param x     state, length {@code d + auxiliaryDimension()} (modified: the state at {@code t + h})
     * @param noise step size and noise increment of the step (not modified)
     */
    void step(double t, double[] x, Increment noise);

    /** Extra state entries this scheme keeps per path after the SDE's d entries (default 0). */
    default int auxiliaryDimension() {
        return 0;
    }

    /**
     * Initialises the auxiliary entries of a path's state from its initial SDE state (default: nothing).
     *
     * @param t0    the initial time
     * @param state length {@code d + auxiliaryDimension()}, the SDE's initial state in the first d entries
     *              (modified: the auxiliary entries)
     */
    default void start(double t0, double[] state) {
    }
}
