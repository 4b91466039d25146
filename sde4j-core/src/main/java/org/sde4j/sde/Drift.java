package org.sde4j.sde;

/**
 * The drift {@code f(t, x)} of an SDE, written into a caller-supplied array.
 */
@FunctionalInterface
public interface Drift {
    /**
     * Evaluates {@code out = f(t, x)}.
     *
     * @param t   time
     * @param x   state, length d (not modified)
     * @param out drift, length d (modified: every entry is written)
     */
    void evaluate(double t, double[] x, double[] out);
}
