package org.sde4j.solver;

import org.sde4j.brownian.Increment;

/**
 * A stepper whose steps can be undone exactly (to round-off): {@link #stepBack} maps the state after
 * {@link #step} back to the state before it, given the same increment. Used for memory-light
 * backpropagation and for checking reversibility.
 */
public interface ReversibleStepper extends Stepper {
    /**
     * Undoes the step from {@code t} to {@code t + noise.h()}.
     *
     * @param t     time at the start of the step being undone
     * @param x     state at {@code t + h}, length {@code d + auxiliaryDimension()} (modified: the state at t)
     * @param noise the increment of that step (not modified)
     */
    void stepBack(double t, double[] x, Increment noise);
}
