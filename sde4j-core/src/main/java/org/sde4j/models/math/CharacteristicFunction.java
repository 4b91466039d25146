package org.sde4j.models.math;

/**
 * The characteristic function {@code φ(u) = E[exp(i u ln S_T)]} of the log of a price at expiry under the pricing
 * measure, for complex u in the strip where it is finite (at least {@code −1 ≤ Im u ≤ 0}, so that
 * {@code φ(−i) = E[S_T]} exists).
 */
@FunctionalInterface
public interface CharacteristicFunction {
    /**
     * @param u a complex argument
     * @return φ(u)
     */
    Complex value(Complex u);
}
