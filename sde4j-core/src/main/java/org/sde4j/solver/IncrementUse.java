package org.sde4j.solver;


/**
 * How a scheme reads the Brownian increments of a step, which decides which driving noises it can take
 * besides independent Brownian motion ({@link NoiseSources}).
 *
 * <p>With {@code W = L B} (B independent, {@code L Lᵀ = C}), {@code g dW = (g L) dB}: the SDE driven by
 * correlated W is the SDE with diffusion {@code G = g L} driven by B.
 */
public enum IncrementUse {
    /**
     * Only through products {@code g(·) ΔW} (Euler–Maruyama, Heun, midpoint, Euler–Heun, reversible Heun,
     * weak Euler, the drift-implicit Euler scheme): drawing {@code ΔW = L ΔB} computes exactly the scheme applied
     * to G driven by B, so every order the scheme has on G holds, for any covariance and noise structure.
     */
    LINEAR,
    /**
     * Also through the squares of each channel's own increment, {@code ΔW_i² − h} or {@code ΔW_i²} (Itô and
     * Stratonovich Milstein, derivative-free Milstein, Platen's weak order-2 scheme), component by component,
     * for scalar noise with d = 1 or diagonal noise. With unit variances ({@code C_ii = 1}) the Itô correction
     * {@code ½ g_i g_i' (ΔW_i² − h)} is exactly the commutative-noise Milstein correction of G:
     * {@code L^j G^k_i = g_i g_i' L_ij L_ik} (symmetric in j, k, so G is commutative), and
     * {@code ½ Σ_jk L^j G^k (ΔB_j ΔB_k − δ_jk h) = ½ g_i g_i' ((L ΔB)_i² − C_ii h)} (Kloeden &amp; Platen 1992,
     * (10.3.16)), so the scheme keeps its strong order 1. Other structures or variances are refused.
     */
    COMPONENT_SQUARES,
    /**
     * Through per-channel iterated integrals, Lévy areas, space-time areas or other terms that are not
     * functions of {@code ΔW_i} alone (SRIW1, SRA, general-noise Milstein), or not declared: only independent
     * Brownian motion is accepted.
     */
    OTHER;
}
