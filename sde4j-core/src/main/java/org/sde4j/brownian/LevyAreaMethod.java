package org.sde4j.brownian;

import org.sde4j.sde.Require;

/**
 * How the Lévy areas {@code A_jk = ½(I_jk − I_kj)} of m ≥ 2 Brownian motions over a step of size h are
 * approximated, given the increments ΔW. Both methods truncate the Fourier series of the Brownian
 * bridge (Kloeden, Platen &amp; Wright 1992; Kloeden &amp; Platen 1992, (5.8.10)) after n terms,
 *
 * <pre>
 *   A_jk ≈ (h/2π) Σ_{r=1}^{n} (1/r) [ ζ_{j,r} (η_{k,r} + √(2/h) ΔW_k) − ζ_{k,r} (η_{j,r} + √(2/h) ΔW_j) ]
 * </pre>
 *
 * <p>with ζ, η independent N(0, 1), and differ in how they account for the dropped tail:
 *
 * <ul>
 * <li>{@link #KPW} (called "Milstein" in Mrongowius &amp; Rößler 2022): adds the ΔW-dependent part of the tail exactly, {@code √(h ρ_n)(μ_j ΔW_k − μ_k ΔW_j)}
 *     with {@code ρ_n = 1/12 − (1/2π²) Σ_{r≤n} 1/r²} and μ ~ N(0, I); the ζη part of the tail is dropped.
 *     Mean-square error of the matrix I (Frobenius): {@code m(m−1) h² a_n / (2π²)} with
 *     {@code a_n = Σ_{r>n} 1/r² < 1/n}, so {@code n = ⌈m(m−1) h² / (2π² ε²)⌉} terms give RMS error ≤ ε.</li>
 * <li>{@link #WIKTORSSON}: replaces the whole tail by a Gaussian with its exact conditional covariance
 *     {@code (h/2π)² a_n Σ∞}, {@code Σ∞ = 2 I_M + (2/h) K(I − P)(I ⊗ ΔWΔWᵀ)(I − P)Kᵀ}, whose square root
 *     is {@code (Σ∞ + 2γ I)/(√2 (1 + γ))}, {@code γ = √(1 + |ΔW|²/h)} (Wiktorsson 2001, Ann. Appl. Probab.
 *     11(2), 470–487; the test suite checks that this root squares to Σ∞). Mean-square error at most {@code 5 m²(m−1) h² / (24 π² n²)}, so
 *     {@code n = ⌈√(5m²(m−1)/(24π²)) h / ε⌉} terms suffice: O(1/ε) instead of O(1/ε²).</li>
 * </ul>
 */
public enum LevyAreaMethod {
    /** Kloeden–Platen–Wright truncated Fourier series with the ΔW-part of the tail. */
    KPW("kpw", "Kloeden–Platen–Wright truncated Fourier series (1992); MSE ~ h²/n"),
    /** Wiktorsson's method: Fourier series plus a Gaussian tail correction. */
    WIKTORSSON("wiktorsson", "Fourier series + Gaussian tail correction (Wiktorsson 2001); MSE ~ h²/n²");

    private final String label;
    private final String description;

    LevyAreaMethod(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The lower-case name. */
    public String label() {
        return label;
    }

    /** One line: the method and its error. */
    public String description() {
        return description;
    }

    /**
     * The number of Fourier terms that brings the root-mean-square (Frobenius) error of the iterated
     * integrals over a step of size h below {@code accuracy} (see the class description), at least 1.
     *
     * @throws IllegalArgumentException when m &lt; 2 or h, accuracy are not positive
     */
    public int terms(int m, double h, double accuracy) {
        if (m < 2) {
            throw new IllegalArgumentException("m = " + m + ": Lévy areas need at least 2 Brownian motions");
        }
        Require.positive("h", h);
        Require.positive("accuracy", accuracy);
        double n = this == KPW
                ? m * (m - 1.0) * h * h / (2 * Math.PI * Math.PI * accuracy * accuracy)
                : Math.sqrt(5.0 * m * m * (m - 1.0) / (24 * Math.PI * Math.PI)) * h / accuracy;
        if (n > 1e8) {
            throw new IllegalArgumentException("accuracy = " + accuracy + ": needs " + (long) n + " Fourier terms at h = "
                    + h + " with " + this + ", more than 10^8");
        }
        return (int) Math.max(1, Math.ceil(n));
    }

    /** The terms for the accuracy {@code h^{3/2}} that keeps a Milstein scheme of strong order 1. */
    public int termsForStepSize(int m, double h) {
        return terms(m, h, Math.pow(h, 1.5));
    }
}
