package org.sde4j.sde;

/**
 * An exact solution as a function of time and the driving Brownian motion's value, {@code X(t) = F(t, W_t)}:
 * the same path a scheme is driven by, so strong errors can be measured exactly.
 */
@FunctionalInterface
public interface PathwiseSolution {
    /**
     * @param t   time
     * @param w   {@code W_t − W_{t0}}, length m (not modified)
     * @param out {@code X(t)}, length d (modified)
     */
    void value(double t, double[] w, double[] out);
}
