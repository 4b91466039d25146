package org.sde4j.models.jump;

import org.sde4j.sde.Sde;

/**
 * The schemes between jumps on a jump-adapted grid (Platen &amp; Bruti-Liberati 2010, §6.2 and §8.2): on each
 * interval {@code [t_n, t_{n+1}]} of the grid (regular points and jump times) the diffusion steps
 *
 * <pre>
 *   Euler–Maruyama:  x ← x + f h + g ΔW                                   (strong order ½)
 *   Milstein:        x ← x + f h + g ΔW + ½ g ∂g/∂x (ΔW² − h)             (strong order 1; d = 1 or diagonal noise)
 * </pre>
 *
 * and at a jump time τ the state jumps, {@code x ← x + h(τ, x, ξ)}. Since no jump falls inside an interval, the
 * strong orders of the schemes for SDEs carry over.
 */
public enum JumpScheme {
    /** Euler–Maruyama between jumps. */
    EULER_MARUYAMA("EM"),
    /** Milstein between jumps (d = 1, or diagonal noise, with a diffusion derivative). */
    MILSTEIN("Milstein");

    private final String label;

    JumpScheme(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException when this scheme cannot solve the SDE */
    void check(Sde sde) {
        if (this == MILSTEIN) {
            boolean diagonal = sde.noiseDimension() == sde.stateDimension() && sde.hasDiffusionVector();
            if (!diagonal) {
                throw new IllegalArgumentException("scheme = Milstein: needs d = 1 or diagonal noise (m = d = "
                        + sde.stateDimension() + "), but m = " + sde.noiseDimension());
            }
            if (!sde.hasDiffusionDerivative()) {
                throw new IllegalArgumentException("scheme = Milstein: the SDE has no diffusion derivative ∂g_i/∂x_i;"
                        + " supply one or use EULER_MARUYAMA");
            }
        }
    }
}
