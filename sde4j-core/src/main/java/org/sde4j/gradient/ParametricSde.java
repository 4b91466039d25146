package org.sde4j.gradient;

import org.sde4j.sde.Calculus;
import org.sde4j.sde.Sde;

/**
 * An SDE with diagonal noise whose coefficients depend on a parameter vector θ,
 *
 * <pre>    dX_i = f_i(t, X, θ) dt + g_i(t, X, θ) dW_i,    i = 1, …, d,</pre>
 *
 * <p>given as plain Java functions with their vector–Jacobian products: everything the gradient methods of
 * this package need ({@link Backpropagation}, {@link StochasticAdjoint}, {@link ReversibleHeunGradient}).
 * A scalar SDE is the case d = 1. The calculus is not part of the SDE: Euler–Maruyama reads it as Itô, the
 * Heun schemes as Stratonovich.
 *
 * <p>Implementations are stateless or thread-confined; arguments marked "not modified" are read only.
 */
public interface ParametricSde {
    /** The state dimension d (also the number of Brownian motions). */
    int stateDimension();

    /** The number of parameters p. */
    int parameterCount();

    /**
     * {@code out = f(t, x, θ)}.
     *
     * @param x     state, length d (not modified)
     * @param theta parameters, length p (not modified)
     * @param out   length d (modified)
     */
    void drift(double t, double[] x, double[] theta, double[] out);

    /** {@code out = g(t, x, θ)}, the diagonal of the diffusion matrix; same conventions as {@link #drift}. */
    void diffusion(double t, double[] x, double[] theta, double[] out);

    /**
     * Adds the vector–Jacobian products of the drift: {@code dx += vᵀ ∂f/∂x}, {@code dTheta += vᵀ ∂f/∂θ}.
     *
     * @param v      cotangent, length d (not modified)
     * @param dx     length d (modified: added to)
     * @param dTheta length p (modified: added to)
     */
    void driftVjp(double t, double[] x, double[] theta, double[] v, double[] dx, double[] dTheta);

    /** Adds {@code vᵀ ∂g/∂x} to dx and {@code vᵀ ∂g/∂θ} to dTheta; same conventions as {@link #driftVjp}. */
    void diffusionVjp(double t, double[] x, double[] theta, double[] v, double[] dx, double[] dTheta);

    /**
     * This SDE with θ fixed, as a solver-ready {@link Sde} (d = m; scalar noise when d = 1, else declared general because g_i may depend on every x_j) read in
     * {@code calculus}. The parameter array is copied.
     */
    default Sde at(double[] theta, Calculus calculus) {
        int d = stateDimension();
        if (theta.length != parameterCount()) {
            throw new IllegalArgumentException("theta: length " + theta.length + ", expected " + parameterCount());
        }
        double[] fixed = theta.clone();
        ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[d]);
        Sde.Builder builder = Sde.builder(d, d).drift((t, x, out) -> drift(t, x, fixed, out));
        builder.diffusion((t, x, dw, out) -> {
            double[] g = scratch.get();
            diffusion(t, x, fixed, g);
            for (int i = 0; i < d; i++) {
                out[i] = g[i] * dw[i];
            }
        }, d == 1 ? org.sde4j.sde.NoiseStructure.SCALAR : org.sde4j.sde.NoiseStructure.GENERAL);
        return builder.calculus(calculus).build();
    }
}
