package org.sde4j.sde;

/**
 * A function {@code R × R^d → R^d} written into a caller-supplied array: the diagonal of a diagonal
 * diffusion, the vector {@code g} of scalar noise, or the derivative {@code ∂g_i/∂x_i} used by Milstein
 * schemes.
 */
@FunctionalInterface
public interface VectorField {
    /**
     * Evaluates {@code out = v(t, x)}.
     *
     * @param t   time
     * @param x   state, length d (not modified)
     * @param out value, length d (modified: every entry is written)
     */
    void evaluate(double t, double[] x, double[] out);
}
