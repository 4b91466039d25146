package org.sde4j.sensitivity;

/**
 * An Itô SDE with general (non-diagonal) noise whose coefficients depend on parameters θ,
 *
 * <pre>    dX_i = f_i(t, X, θ) dt + Σ_k G_ik(t, X, θ) dW_k,    i = 1, …, d,  k = 1, …, m,</pre>
 *
 * <p>with its vector–Jacobian products: what correlated models (Heston, multi-asset) need, where a
 * {@link org.sde4j.gradient.ParametricSde} (diagonal noise) does not reach. G is row-major, {@code G[i·m + k]}.
 * {@link Sensitivities} differentiates it by pathwise forward mode, per-path backpropagation through Euler–Maruyama
 * ({@link GeneralEulerBackpropagation}) and finite differences; Euler–Maruyama needs no Lévy areas whatever the noise.
 */
public interface GeneralParametricSde {
    /** The state dimension d. */
    int stateDimension();

    /** The number m of Brownian motions. */
    int noiseDimension();

    /** The number of parameters p. */
    int parameterCount();

    /** {@code out = f(t, x, θ)}, length d. */
    void drift(double t, double[] x, double[] theta, double[] out);

    /** {@code out = G(t, x, θ)}, row-major d × m. */
    void diffusion(double t, double[] x, double[] theta, double[] out);

    /** Adds {@code vᵀ ∂f/∂x} to dx and {@code vᵀ ∂f/∂θ} to dTheta (v of length d). */
    void driftVjp(double t, double[] x, double[] theta, double[] v, double[] dx, double[] dTheta);

    /** Adds {@code Σ_ik V_ik ∂G_ik/∂x} to dx and {@code Σ_ik V_ik ∂G_ik/∂θ} to dTheta (V row-major d × m). */
    void diffusionVjp(double t, double[] x, double[] theta, double[] v, double[] dx, double[] dTheta);
}
