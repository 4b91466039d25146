package org.sde4j.sensitivity;

/** How {@link Sensitivities} differentiates the expectation. */
public enum SensitivityMethod {
    /**
     * Pathwise forward mode: the tangents {@code ∂X/∂θ}, {@code ∂X/∂x0} carried beside X ({@link TangentBlock}),
     * {@code ∂_u φ(X_N) = ∇φ · ∂X_N/∂u + ∂φ/∂u}. Cost about (1 + D) solves for D = p + d directions (less when the
     * Jacobians come cheaply). Needs a differentiable payoff. Optional Γ (d = 1) by likelihood ratio on top of it.
     */
    PATHWISE("pathwise forward"),
    /**
     * Pathwise reverse mode: one backward pass per path with a method of {@code org.sde4j.gradient}
     * ({@link AdjointMethod}); cost a constant times the solve whatever p. Needs a differentiable payoff.
     */
    ADJOINT("pathwise adjoint"),
    /**
     * Likelihood ratio with the discrete Bismut–Elworthy–Li weights of the Euler–Maruyama chain: needs no derivative
     * of the payoff, so it applies to digitals; Euler–Maruyama only.
     */
    LIKELIHOOD_RATIO("likelihood ratio"),
    /** Central finite differences with common random numbers: 1 + 2D solves; the baseline. */
    FINITE_DIFFERENCE("central differences, common random numbers");

    private final String label;

    SensitivityMethod(String label) {
        this.label = label;
    }

    /** The name printed in reports. */
    public String label() {
        return label;
    }
}
