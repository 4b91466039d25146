package org.sde4j.sde;

/**
 * An upper bound on the spectral radius ρ(∂f/∂x) of a drift's Jacobian at (t, x), as the user of a stabilised
 * explicit method supplies it (ROCK2's {@code RHO} routine, Abdulle &amp; Medovikov 2001). SK-ROCK picks its stage
 * count from it each step; without it SK-ROCK bounds ρ by Gershgorin's theorem from the drift Jacobian (O(d²) per
 * step) or estimates it by power iteration. For a linear drift {@code f = Ax} it is a constant, often known in
 * closed form (the method-of-lines Laplacian: {@code 4ν/δ² sin²(dπ/(2(d + 1)))}).
 */
@FunctionalInterface
public interface SpectralRadiusBound {
    /**
     * @param t time
     * @param x state, length d (not modified)
     * @return a bound ≥ ρ(∂f/∂x (t, x)), finite and ≥ 0
     */
    double at(double t, double[] x);
}
