package org.sde4j.brownian;

/**
 * A Brownian source that also supplies the iterated Itô integrals of each queried step,
 *
 * <pre>    I_jk(s, t) = ∫_s^t (W_j(u) − W_j(s)) dW_k(u),    j, k = 1..m,</pre>
 *
 * <p>which the Milstein scheme for general (non-commutative) noise needs (Kloeden &amp; Platen 1992,
 * (10.3.3)). They satisfy {@code I + Iᵀ = ΔW ΔWᵀ − h·Id}; only the Lévy area
 * {@code A = (I − Iᵀ)/2} is new information.
 */
public interface IteratedIntegralSource extends BrownianSource {
    /**
     * Writes ΔW and the iterated integrals over {@code [s, t]}.
     *
     * @param dw        length m (modified)
     * @param integrals {@code I_jk} at {@code j·m + k}, length m² (modified)
     */
    void iteratedIntegrals(double s, double t, double[] dw, double[] integrals);

    /**
     * The same over {@code count} consecutive intervals of {@code times}, as {@link #increments} does for
     * ΔW: step k's ΔW at {@code dw[k·m ..]}, its integrals at {@code integrals[k·m² ..]}.
     */
    void iteratedIntegrals(double[] times, int from, int count, double[] dw, double[] integrals);
}
