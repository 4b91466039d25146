package org.sde4j.sensitivity;

import java.io.Serializable;

/**
 * A running cost r(t, X_t, θ) added to the payoff as its integral along the path: the loss is
 * {@code φ(X_N) + Σ_{n=1}^{N} (t_n − t_{n−1}) r(t_n, X_n, θ)}, the right-point Riemann sum of {@code ∫ r dt} on the
 * solve's grid (a time average is {@code r = x_i / T}). Every method differentiates the same sum.
 */
@FunctionalInterface
public interface RunningCost extends Serializable {
    /**
     * r and its gradients.
     *
     * @param x      the state, length d (not modified)
     * @param theta  the parameters, length p (not modified)
     * @param dx     {@code ∂r/∂x} (modified: every entry written)
     * @param dTheta {@code ∂r/∂θ} (modified: every entry written)
     * @return r(t, x, θ)
     */
    double evaluate(double t, double[] x, double[] theta, double[] dx, double[] dTheta);

    /** {@code r = x_i / T}, so that the integral is the time average of component i over a horizon T. */
    static RunningCost timeAverage(int i, double horizon) {
        return (t, x, theta, dx, dTheta) -> {
            java.util.Arrays.fill(dx, 0);
            java.util.Arrays.fill(dTheta, 0);
            dx[i] = 1 / horizon;
            return x[i] / horizon;
        };
    }
}
