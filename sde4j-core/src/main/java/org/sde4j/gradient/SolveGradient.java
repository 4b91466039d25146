package org.sde4j.gradient;

/**
 * The result of a differentiated solve: the loss, its gradients with respect to θ and x0, the saved states,
 * and how many doubles of path state the method held at once (its memory, counted rather than assumed).
 *
 * @param loss          the loss value
 * @param dTheta        {@code ∂L/∂θ}
 * @param dX0           {@code ∂L/∂x0}
 * @param savedStates   the forward states at the saved steps
 * @param retainedState the largest number of state doubles the method kept alive across steps
 */
public record SolveGradient(double loss, double[] dTheta, double[] dX0, double[][] savedStates, long retainedState) {
}
