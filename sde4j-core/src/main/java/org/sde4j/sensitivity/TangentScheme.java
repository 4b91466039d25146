package org.sde4j.sensitivity;

import org.sde4j.sde.Calculus;

/**
 * The schemes whose pathwise tangents {@link TangentBlock} carries. Both are Itô schemes for diagonal noise
 * (each g_i multiplies its own dW_i); their steps are differentiated exactly, so the tangent is the derivative
 * of the discrete solve, not an approximation of it.
 */
public enum TangentScheme {
    /** Euler–Maruyama, {@code X' = X + f h + g ΔW}: strong order ½, weak order 1. */
    EULER_MARUYAMA("euler-maruyama"),
    /**
     * The derivative-free Itô Milstein scheme of Kloeden &amp; Platen (1992, (11.1.5)),
     * {@code X' = X + f h + g ΔW + (g(Υ) − g)(ΔW² − h)/(2√h)}, {@code Υ = X + f h + g√h}: strong order 1 for
     * diagonal noise whose g_i depends on x_i only (the commutative case), weak order 1. Its tangent needs first
     * Jacobians only (of g at X and at Υ): no second derivatives of the user's functions.
     */
    MILSTEIN("milstein-df");

    private final String label;

    TangentScheme(String label) {
        this.label = label;
    }

    /** The calculus in which the scheme reads the SDE: Itô for both. */
    public Calculus calculus() {
        return Calculus.ITO;
    }

    /** The name used in reports. */
    public String label() {
        return label;
    }
}
