package org.sde4j.sde;

/**
 * The Jacobian {@code ∂f_i/∂x_k} of a drift, written row-major into a caller-supplied array.
 */
@FunctionalInterface
public interface DriftJacobian {
    /**
     * Evaluates {@code out[i·d + k] = ∂f_i/∂x_k (t, x)}.
     *
     * @param t   time
     * @param x   state, length d (not modified)
     * @param out length d² (modified: every entry is written)
     */
    void evaluate(double t, double[] x, double[] out);
}
