package org.sde4j.multilevel;

/**
 * The scheme that steps both paths of a level, fine (h_ℓ) and coarse (M h_ℓ), on the same Brownian path: the coarse
 * increment is the sum of the M fine ones. With weak order α and strong order β/2 the level variance
 * {@code V_ℓ = Var(P_ℓ − P_{ℓ−1})} decays like {@code h_ℓ^β} for Lipschitz payoffs (Giles 2008, Oper. Res. 56(3),
 * Theorem 3.1; Giles 2015, Acta Numerica 24, §3–5).
 *
 * <p>Which schemes can couple: any scheme driven by the increments ΔW alone (Euler–Maruyama, Milstein with diagonal
 * noise, the derivative-free Runge–Kutta schemes of the block engine) couples by summing the fine increments. A
 * scheme that also needs iterated integrals (Milstein for non-commuting noise, with Lévy areas) couples only if the
 * coarse Lévy area is assembled from the fine ones and the fine increments ({@code A_c = A₁ + A₂ + ½(ΔW₁ ΔW₂ᵀ −
 * ΔW₂ ΔW₁ᵀ)}), or by Giles &amp; Szpruch's antithetic estimator without areas (Ann. Appl. Probab. 24(4), 2014); a
 * scheme with its own two- or three-point driving noise cannot couple this way (the sum of two-point draws is not a
 * two-point draw). This package implements the first two; the others are future work.
 */
public enum Coupling {
    /** Euler–Maruyama, {@code X + f h + g ΔW}: weak order 1, strong ½, so β ≈ 1 for Lipschitz payoffs. */
    EULER_MARUYAMA("euler-maruyama"),
    /**
     * Itô Milstein for d = 1 or diagonal noise, {@code X + f h + g ΔW + ½ g ∂g/∂x (ΔW² − h)} component by
     * component (needs the SDE's diffusion derivative): weak order 1, strong 1, so β ≈ 2.
     */
    MILSTEIN("milstein");

    private final String label;

    Coupling(String label) {
        this.label = label;
    }

    /** The weak order of the scheme for smooth payoffs: 1 for both. */
    public double weakOrder() {
        return 1;
    }

    /** The name used in tables and the command line. */
    public String label() {
        return label;
    }

    /**
     * The coupling named {@code name} ("euler-maruyama", "em", "euler" or "milstein").
     *
     * @throws IllegalArgumentException for another name
     */
    public static Coupling byName(String name) {
        switch (String.valueOf(name).toLowerCase(java.util.Locale.ROOT)) {
            case "euler-maruyama", "em", "euler" -> {
                return EULER_MARUYAMA;
            }
            case "milstein" -> {
                return MILSTEIN;
            }
            default -> throw new IllegalArgumentException("scheme = " + name
                    + ": the multilevel couplings are euler-maruyama (em) and milstein");
        }
    }
}
