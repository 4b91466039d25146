package org.sde4j.sde;

/**
 * The structure of the diffusion matrix {@code g(t, x)} (d × m) of an SDE. Schemes declare the
 * structures they support; a higher-order scheme often needs a special one.
 *
 * <p>The structures are nested: {@link #NONE} is a special case of every structure; {@link #SCALAR},
 * {@link #DIAGONAL} and {@link #ADDITIVE} noise are all {@link #COMMUTATIVE}, and every noise is
 * {@link #GENERAL}. {@link #isSpecialCaseOf} encodes
 * this, so a scheme that supports {@code GENERAL} noise supports every SDE.
 */
public enum NoiseStructure {
    /**
     * No noise: {@code g ≡ 0}, so the SDE is the ODE {@code x' = f(t, x)} (built by {@link Sde#ode}). It is
     * a special case of every other structure, and Itô and Stratonovich readings coincide. Deterministic
     * schemes (forward Euler, Runge–Kutta 4, linear multistep methods) support only this structure.
     */
    NONE,
    /** One Brownian motion (m = 1); {@code g(t, x)} is a d-vector. */
    SCALAR,
    /** m = d and {@code g} is diagonal, its i-th entry depending on {@code x_i} only. */
    DIAGONAL,
    /** {@code g(t, x) = g(t)} does not depend on the state; any d × m shape. */
    ADDITIVE,
    /** The commutativity condition {@code L^j g^k = L^k g^j} holds for all noise pairs (Kloeden–Platen 10.3.13). */
    COMMUTATIVE,
    /** No assumption on {@code g}. */
    GENERAL;

    /**
     * Whether an SDE with this noise structure also has the structure {@code other}; for example
     * {@code SCALAR.isSpecialCaseOf(COMMUTATIVE)} is true.
     *
     * @param other the structure a scheme supports (not modified)
     * @return true when every SDE of this structure is also of structure {@code other}
     */
    public boolean isSpecialCaseOf(NoiseStructure other) {
        if (this == other || other == GENERAL || this == NONE) {
            return true;
        }
        return other == COMMUTATIVE && (this == SCALAR || this == DIAGONAL || this == ADDITIVE);
    }

    /** The lower-case name used on the command line and in reports ({@code "none (ODE)"} for {@link #NONE}). */
    public String label() {
        return this == NONE ? "none (ODE)" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
