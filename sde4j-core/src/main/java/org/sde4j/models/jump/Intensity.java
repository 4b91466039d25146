package org.sde4j.models.jump;

/** A state-dependent jump intensity {@code λ(t, x⁻)}, simulated by thinning below a bound. */
@FunctionalInterface
public interface Intensity {
    /**
     * @param t the time
     * @param x the state just before t, length d (not modified)
     * @return λ(t, x) in [0, bound]
     */
    double rate(double t, double[] x);
}
