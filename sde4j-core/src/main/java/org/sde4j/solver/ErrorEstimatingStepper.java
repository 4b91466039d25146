package org.sde4j.solver;

/**
 * A stepper that estimates the local error of its last step from the same stage values (an embedded
 * estimate), so adaptive stepping needs no step doubling.
 */
public interface ErrorEstimatingStepper extends Stepper {
    /**
     * The error estimate of the last {@link #step}, per component, unscaled.
     *
     * @param out length d (modified)
     */
    void lastError(double[] out);
}
