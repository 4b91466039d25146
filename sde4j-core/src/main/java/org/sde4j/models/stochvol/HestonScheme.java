package org.sde4j.models.stochvol;

/**
 * Discretisations of Heston's model over a step Δ, on (ln S, V).
 *
 * <ul>
 * <li>{@link #FULL_TRUNCATION}: Lord, Koekkoek &amp; van Dijk (2010): with V⁺ = max(V, 0),
 *     ln S ← ln S + (r − q − V⁺/2)Δ + √(V⁺Δ) Z_S, V ← V + κ(θ − V⁺)Δ + σ√(V⁺Δ) Z_V,
 *     Z_S = ρ Z_V + √(1 − ρ²) Z_⊥.</li>
 * <li>{@link #QE}: Andersen (2008): V by the Quadratic-Exponential approximation with ψ_c = 1.5, and ln S by
 *     his (33) with γ₁ = γ₂ = ½.</li>
 * <li>{@link #QE_MARTINGALE}: QE with Andersen's martingale correction (his §4.3.2), so that E[S_{t+Δ} | S_t, V_t] =
 *     S_t e^{(r−q)Δ} exactly in the discrete scheme.</li>
 * </ul>
 */
public enum HestonScheme {
    FULL_TRUNCATION("full-truncation Euler"),
    QE("QE"),
    QE_MARTINGALE("QE-M");

    private final String label;

    HestonScheme(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
