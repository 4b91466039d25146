package org.sde4j.sde;

/**
 * The diffusion of an SDE, applied to a noise increment: {@code out = g(t, x) · dw}, where
 * {@code g(t, x)} is the d × m diffusion matrix. Working with the product rather than the matrix keeps
 * diagonal and scalar noise O(d) and lets general noise use any sparse or structured {@code g}.
 */
@FunctionalInterface
public interface Diffusion {
    /**
     * Evaluates {@code out = g(t, x) · dw}.
     *
     * @param t   time
     * @param x   state, length d (not modified)
     * @param dw  noise increment, length m (not modified)
     * @param out the product, length d (modified: every entry is written)
     */
    void applyTo(double t, double[] x, double[] dw, double[] out);
}
